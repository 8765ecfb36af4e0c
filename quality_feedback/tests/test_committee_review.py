# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError

from .attack_common import AttackCase
from .slip_common import SlipCase

REVIEW_ACTIVITY = "quality_feedback.mail_activity_type_committee_review"
WATCHED = ("state", "flag", "slip_id", "ticket_id", "decided_by_id", "decided_on")


class TestCommitteeReview(SlipCase, AttackCase):
    """R-702: batch rework, batch scrap, major process errors and batch inspection
    misses go to the quality committee; the flagged slip or complaint closes once
    the committee decided."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_committee = cls._new_user("qf-committee", "group_qf_committee")
        cls.Review = cls.env["quality.committee.review"]

    def _flagged_slip(self, flag="batch_rework"):
        slip = self._sent_slip()
        slip.with_user(self.user_team).committee_flag = flag
        return slip

    def _decide(self, review, decision="Rework the lot at production cost."):
        member = review.with_user(self.user_committee)
        member.write({"decision": decision, "member_ids": self.user_committee.ids})
        member.action_decide()

    def _complaint_to_close(self):
        """A quality complaint with a verified action, ready to close."""
        complaint = self._new_complaint()
        self._classify(complaint)
        officer = complaint.with_user(self.user_officer)
        officer.action_qf_accept()
        officer.action_qf_investigate()
        officer.action_qf_propose_resolution()
        self._add_verified_action(complaint)
        return complaint

    def test_flag_opens_review_for_the_committee(self):
        slip = self._flagged_slip("batch_scrap")
        review = slip.committee_review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual((review.state, review.flag), ("draft", "batch_scrap"))
        self.assertEqual(review.company_id, slip.company_id)
        todo = review.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(REVIEW_ACTIVITY)
        )
        self.assertIn(self.user_committee, todo.user_id)
        self.assertNotIn(self.user_team, todo.user_id)
        # Flagged at creation too; a plain slip has none.
        flagged = self._new_slip(committee_flag="inspection_miss")
        self.assertEqual(flagged.committee_review_ids.flag, "inspection_miss")
        self.assertFalse(self._new_slip().committee_review_ids)

    def test_flag_set_once_by_sender_or_quality_office(self):
        slip = self._sent_slip()
        with self.assertRaises(AccessError):
            slip.with_user(self.user_production).committee_flag = "batch_rework"
        slip.with_user(self.user_officer).committee_flag = "process_error"
        for flag in ("batch_rework", False):
            with self.assertRaisesRegex(UserError, "quality committee"):
                slip.with_user(self.user_officer).committee_flag = flag
        self.assertEqual(slip.committee_flag, "process_error")
        self.assertEqual(len(slip.committee_review_ids), 1)

    def test_flagged_slip_closes_after_the_decision(self):
        slip = self._flagged_slip()
        slip.with_user(self.user_production)._qf_answer("Belts replaced.")
        sender = slip.with_user(self.user_team)
        with self.assertRaisesRegex(UserError, "quality committee"):
            sender.action_close()
        self.assertEqual(slip.state, "answered")
        self._decide(slip.committee_review_ids)
        sender.action_close()
        self.assertEqual(slip.state, "closed")

    def test_flagged_complaint_closes_after_the_decision(self):
        complaint = self._complaint_to_close()
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_department).qf_committee_flag = "batch_scrap"
        complaint.with_user(self.user_officer).qf_committee_flag = "batch_scrap"
        review = complaint.qf_committee_review_ids
        self.assertEqual(review.flag, "batch_scrap")
        self.assertEqual(review.action_ids, complaint.action_ids)
        manager = complaint.with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, "quality committee has not decided"):
            manager.action_qf_close()
        self.assertNotEqual(complaint.qf_state, "closed")
        self._decide(review)
        manager.action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")

    def test_only_a_member_decides_with_a_decision(self):
        review = self._flagged_slip().committee_review_ids
        # The quality office prepares the meeting but does not decide.
        review.with_user(self.user_officer).analysis = "<p>Worn belts.</p>"
        with self.assertRaises(AccessError):
            review.with_user(self.user_officer).action_decide()
        with self.assertRaises(AccessError):
            review.with_user(self.user_team).write({"decision": "Nothing."})
        with self.assertRaisesRegex(ValidationError, "decision"):
            review.with_user(self.user_committee).action_decide()
        self.assertEqual(review.state, "draft")
        self._decide(review)
        self.assertEqual(review.state, "decided")
        self.assertEqual(review.decided_by_id, self.user_committee)
        self.assertTrue(review.meeting_date)
        self.assertFalse(review.activity_ids)
        with self.assertRaisesRegex(UserError, "decided"):
            review.with_user(self.user_committee).decision = "Changed."
        with self.assertRaisesRegex(UserError, "already decided"):
            review.with_user(self.user_committee).action_decide()

    def test_guarded_fields_refused(self):
        slip = self._flagged_slip()
        review = slip.committee_review_ids
        other = self._new_slip(user=self.user_warehouse)
        complaint = self._new_complaint()
        values = {
            "state": "decided",
            "flag": "batch_scrap",
            "slip_id": other.id,
            "ticket_id": complaint.id,
            "decided_by_id": self.user_committee.id,
            "decided_on": datetime(2025, 3, 7, 10),
        }
        for user in (self.user_committee, self.user_officer):
            for name, value in values.items():
                with self.subTest(user=user.login, field=name):
                    self.assertRefused(
                        AccessError,
                        lambda n=name, v=value, u=user: self.attacker(review, u).write(
                            {n: v}
                        ),
                        records=review,
                        fields=WATCHED,
                    )
            with self.subTest(user=user.login, create=True):
                self.assertRefused(
                    AccessError,
                    lambda u=user: (
                        self.attacker(self.Review, u)
                        .with_context(default_state="decided")
                        .create({"ticket_id": complaint.id, "flag": "batch_scrap"})
                    ),
                )
        self.assertFalse(self.Review.search([("ticket_id", "=", complaint.id)]))

    def test_third_department_cannot_read_the_review(self):
        slip = self._flagged_slip()
        review = slip.committee_review_ids
        for user in (
            self.user_team,
            self.user_production,
            self.user_committee,
            self.user_officer,
        ):
            found = self.Review.with_user(user).search([("id", "=", review.id)])
            self.assertEqual(found, review, user.login)
        # The committee member opens the slip he reviews.
        self.assertEqual(
            slip.with_user(self.user_committee).read(["name"])[0]["id"], slip.id
        )
        for user in (self.user_warehouse, self.user_sales):
            self.assertFalse(
                self.Review.with_user(user).search([("id", "=", review.id)]),
                user.login,
            )
            with self.assertRaises(AccessError):
                review.with_user(user).read(["decision"])
