# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import QualityFeedbackCase


class TestComplaintWorkflow(QualityFeedbackCase):
    """Stage transitions are guarded methods, also when the stage is written directly."""

    def _stage(self, state):
        return self.team._qf_stage(state)

    def test_new_complaint_is_registered(self):
        complaint = self._new_complaint(user=self.user_sales)
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.qf_state, "registered")
        self.assertEqual(
            complaint.stage_id, self.env.ref("quality_feedback.stage_registered")
        )

    def test_accept_needs_classification(self):
        complaint = self._new_complaint()
        with self.assertRaisesRegex(
            UserError, "cannot be accepted before it is classified"
        ):
            complaint.with_user(self.user_officer).action_qf_accept()
        self._classify(complaint, abnormality_type="non_quality")
        with self.assertRaisesRegex(UserError, "Non-Quality Cause"):
            complaint.with_user(self.user_officer).action_qf_accept()
        complaint.with_user(self.user_officer).non_quality_kind = "packaging"
        complaint.with_user(self.user_officer).action_qf_accept()
        self.assertEqual(complaint.qf_state, "accepted")

    def test_external_complaint_needs_customer_to_be_accepted(self):
        complaint = self._new_complaint(partner_id=False)
        self._classify(complaint)
        with self.assertRaisesRegex(UserError, "Contact"):
            complaint.with_user(self.user_officer).action_qf_accept()
        complaint.qf_scope = "internal"
        complaint.with_user(self.user_officer).action_qf_accept()
        self.assertEqual(complaint.qf_state, "accepted")

    def test_full_path_to_closure(self):
        complaint = self._new_complaint()
        self._classify(complaint)
        officer = complaint.with_user(self.user_officer)
        officer.action_qf_accept()
        officer.action_qf_investigate()
        officer.action_qf_propose_resolution()
        officer.action_qf_await_customer()
        self._add_verified_action(complaint)
        complaint.with_user(self.user_manager).action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")
        self.assertTrue(complaint.closed)
        self.assertTrue(complaint.closed_date)

    def test_forbidden_transitions_raise_clear_errors(self):
        complaint = self._new_complaint()
        manager = complaint.with_user(self.user_manager)
        for state in ("investigating", "resolution", "awaiting_customer", "closed"):
            with self.assertRaisesRegex(UserError, "cannot go from Registered to"):
                manager.stage_id = self._stage(state)
        with self.assertRaisesRegex(UserError, "cannot go from Registered to Closed"):
            manager.action_qf_close()
        self._classify(complaint)
        manager.action_qf_accept()
        with self.assertRaisesRegex(UserError, "cannot go from Accepted to Closed"):
            manager.action_qf_close()
        with self.assertRaisesRegex(UserError, "cannot go from Accepted to Registered"):
            manager.stage_id = self._stage("registered")
        self.assertEqual(complaint.qf_state, "accepted")

    def test_levels_are_enforced_on_transitions(self):
        complaint = self._new_complaint()
        self._classify(complaint)
        with self.assertRaisesRegex(AccessError, "not allowed to move"):
            complaint.with_user(self.user_sales).action_qf_accept()
        complaint.with_user(self.user_officer).action_qf_accept()
        complaint.with_user(self.user_officer).action_qf_investigate()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        with self.assertRaisesRegex(AccessError, "Quality Manager"):
            complaint.with_user(self.user_officer).action_qf_close()
        with self.assertRaisesRegex(AccessError, "Quality Manager"):
            complaint.with_user(self.user_officer).action_qf_cancel()

    def test_cancel_and_reopen(self):
        complaint = self._new_complaint()
        complaint.with_user(self.user_manager).action_qf_cancel()
        self.assertEqual(complaint.qf_state, "cancelled")
        complaint.with_user(self.user_manager).action_qf_reopen()
        self.assertEqual(complaint.qf_state, "registered")

    def test_kanban_of_quality_team_shows_complaint_stages_only(self):
        tickets = self.env["helpdesk.ticket"].with_context(default_team_id=self.team.id)
        stages = tickets._read_group_stage_ids(self.env["helpdesk.ticket.stage"], [])
        self.assertEqual(
            stages.mapped("qf_state"),
            [
                "registered",
                "accepted",
                "investigating",
                "resolution",
                "awaiting_customer",
                "closed",
                "cancelled",
            ],
        )
