# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .slip_common import SlipCase


class TestFeedbackSlip(SlipCase):
    """SPEC R-701 (the slip, its answer limits on the calendar) and R-704 (level by
    level), with the deadline engine's cron (R-402)."""

    def _enforce(self, at):
        with freeze_time(at):
            return self.env["quality.deadline"]._qf_enforce()

    def _activities(self, slip, xmlid):
        activity_type = self.env.ref(xmlid)
        return slip.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_numbered_on_its_own_monthly_sequence(self):
        with freeze_time("2031-07-15 09:00:00"):
            first, second = self._new_slip(), self._new_slip()
        self.assertRegex(first.name, r"^IF3107-\d{4}$")
        serial = int(re.search(r"(\d{4})$", first.name).group(1))
        self.assertEqual(second.name, f"IF3107-{serial + 1:04d}")
        with freeze_time("2031-08-01 09:00:00"):
            self.assertRegex(self._new_slip().name, r"^IF3108-\d{4}$")
        self.assertEqual(first.user_id, self.user_team)
        self.assertEqual(first.state, "draft")

    def test_sent_to_the_receiving_handlers_to_do_list(self):
        slip = self._sent_slip()
        self.assertEqual(slip.state, "sent")
        self.assertEqual(slip.level, "workshop")
        todo = self._activities(
            slip, "quality_feedback.mail_activity_type_feedback_slip"
        )
        self.assertEqual(todo.user_id, self.user_production)
        self.assertEqual(slip.hop_ids.to_department_id, self.department_production)
        self.assertEqual(slip.hop_ids.from_department_id, self.department_team)

    def test_answer_limit_two_working_days(self):
        # Friday 9-17 is 7 h, Monday a holiday, Tuesday 8 h, Wednesday 8-9.
        slip = self._sent_slip()
        deadline = self._answer_deadline(slip)
        self.assertEqual(deadline.date_deadline, datetime(2025, 3, 12, 9))
        self.assertEqual(slip.date_deadline, datetime(2025, 3, 12, 9))
        self.assertEqual(deadline.user_id, self.user_production)
        self.assertEqual(deadline.manager_id, self.user_manager)

    def test_answer_limit_one_week_when_difficult(self):
        # Five working days: Friday, Tuesday to Friday, Monday 8-9 (the holiday skipped).
        slip = self._sent_slip(difficulty="difficult")
        self.assertEqual(
            self._answer_deadline(slip).date_deadline, datetime(2025, 3, 17, 9)
        )

    def test_production_held_up_immediate_hours(self):
        # Four working hours from Friday 15:00: two on Friday, two on Tuesday.
        slip = self._sent_slip(at="2025-03-07 15:00:00", holds_production=True)
        self.assertEqual(
            self._answer_deadline(slip).date_deadline, datetime(2025, 3, 11, 10)
        )
        self.env.company.qf_slip_immediate_hours = 1
        other = self._sent_slip(at="2025-03-07 15:00:00", holds_production=True)
        self.assertEqual(
            self._answer_deadline(other).date_deadline, datetime(2025, 3, 7, 16)
        )

    def test_answer_meets_the_deadline(self):
        slip = self._sent_slip()
        receiver = slip.with_user(self.user_production)
        with self.assertRaisesRegex(UserError, "Write the answer"):
            receiver._qf_answer("   ")
        self.assertEqual(slip.state, "sent")
        with freeze_time("2025-03-11 10:00:00"):
            self.env["quality.feedback.slip.answer"].with_user(
                self.user_production
            ).create(
                {"slip_id": slip.id, "answer": "Welding current set back."}
            ).action_answer()
        self.assertEqual(slip.state, "answered")
        self.assertEqual(slip.answer, "Welding current set back.")
        self.assertEqual(slip.answered_by_id, self.user_production)
        self.assertFalse(slip.answered_late)
        self.assertEqual(self._answer_deadline(slip).state, "met")
        self.assertFalse(
            self._activities(slip, "quality_feedback.mail_activity_type_feedback_slip")
        )
        self.assertTrue(slip.hop_ids.date_to)
        with self.assertRaises(AccessError):
            slip.with_user(self.user_production).action_close()
        slip.with_user(self.user_team).action_close()
        self.assertEqual(slip.state, "closed")

    def test_slip_to_own_department_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._new_slip(department_id=self.department_team.id)
        self.assertIn("its own department", str(caught.exception))
        self.assertFalse(self.Slip.search([("subject", "like", "lot 2503-B")]))

    def test_pass_up_one_level(self):
        slip = self._sent_slip()
        with freeze_time("2025-03-11 09:00:00"):
            Pass = self.env["quality.feedback.slip.pass"].with_user(
                self.user_production
            )
            wizard = Pass.create(
                {
                    "slip_id": slip.id,
                    "department_id": self.department_quality.id,
                    "note": "Needs quality.",
                }
            )
            self.assertEqual(wizard.allowed_department_ids, self.department_quality)
            wizard.action_pass_up()
        self.assertEqual(slip.department_id, self.department_quality)
        self.assertEqual(slip.level, "quality")
        first, second = slip.hop_ids
        self.assertEqual(first.to_department_id, self.department_production)
        self.assertEqual(first.date_to, datetime(2025, 3, 11, 9))
        self.assertEqual(first.hours_held, 96)
        self.assertEqual(second.from_department_id, self.department_production)
        self.assertEqual(second.level, "quality")
        self.assertEqual(second.note, "Needs quality.")
        self.assertEqual(second.user_id, self.user_production)
        self.assertFalse(second.date_to)
        old, new = self._answer_deadline(slip).sorted("id")
        self.assertEqual(old.state, "met")
        self.assertEqual(new.state, "on_time")
        # Two working days again from Tuesday 9:00.
        self.assertEqual(new.date_deadline, datetime(2025, 3, 13, 9))
        self.assertEqual(new.user_id, self.user_manager)
        todo = self._activities(
            slip, "quality_feedback.mail_activity_type_feedback_slip"
        )
        self.assertEqual(todo.user_id, self.user_manager | self.user_quality)
        # Production no longer holds it; the quality office is the last level.
        with self.assertRaises(AccessError):
            slip.with_user(self.user_production)._qf_answer("Done.")
        with self.assertRaisesRegex(UserError, "one level at a time"):
            slip.with_user(self.user_quality)._qf_pass_up(
                self.department_warehouse, "Back down."
            )
        slip.with_user(self.user_quality)._qf_answer("Seam procedure revised.")
        self.assertEqual(slip.state, "answered")

    def test_sender_keeps_reading_third_department_cannot(self):
        slip = self._sent_slip()
        with freeze_time("2025-03-11 09:00:00"):
            slip.with_user(self.user_production)._qf_pass_up(
                self.department_quality, "Needs quality."
            )
        for user in (self.user_team, self.user_production, self.user_quality):
            found = self.Slip.with_user(user).search([("id", "=", slip.id)])
            self.assertEqual(found, slip, user.login)
            self.assertEqual(len(found.hop_ids), 2, user.login)
            self.assertEqual(len(found.deadline_ids), 2, user.login)
        self.assertEqual(
            self.env["quality.feedback.slip.hop"]
            .with_user(self.user_team)
            .search_count([("slip_id", "=", slip.id)]),
            2,
        )
        outsider = self.user_warehouse
        self.assertFalse(self.Slip.with_user(outsider).search([("id", "=", slip.id)]))
        with self.assertRaises(AccessError):
            slip.with_user(outsider).read(["subject"])
        for model in ("quality.feedback.slip.hop", "quality.deadline"):
            self.assertFalse(
                self.env[model].with_user(outsider).search([("slip_id", "=", slip.id)]),
                model,
            )
        # The quality office reads all.
        self.assertEqual(
            self.Slip.with_user(self.user_officer).search([("id", "=", slip.id)]), slip
        )

    def test_cron_notifies_once_per_threshold(self):
        self.env.company.partner_id.lang = "en_US"  # the language of the notes
        slip = self._sent_slip()
        deadline = self._answer_deadline(slip)
        # 80 % of Friday 9:00 → Wednesday 9:00 (120 h) is Tuesday 9:00.
        self.assertEqual(deadline.date_risk, datetime(2025, 3, 11, 9))
        warning = "quality_feedback.mail_activity_type_deadline"
        for _run in range(2):
            self._enforce("2025-03-11 10:00:00")
            self.assertEqual(deadline.state, "at_risk")
            warnings = self._activities(slip, warning)
            self.assertEqual(warnings.user_id, self.user_production | self.user_manager)
            self.assertEqual(len(warnings), 2)
        self.assertIn("at risk", slip.message_ids[0].body)
        for _run in range(2):
            self._enforce("2025-03-12 10:00:00")
            self.assertEqual(deadline.state, "overdue")
            self.assertEqual(len(self._activities(slip, warning)), 4)
        self.assertTrue(slip.is_overdue)
        escalation = "quality_feedback.mail_activity_type_escalation"
        self._enforce("2025-03-17 10:00:00")
        self.assertTrue(deadline.escalated)
        escalated = self._activities(slip, escalation)
        self.assertIn(self.user_gm, escalated.user_id)
        self._enforce("2025-03-18 10:00:00")
        self.assertEqual(self._activities(slip, escalation), escalated)

    def test_cron_ends_deadlines_of_closed_slips(self):
        slip = self._sent_slip()
        deadline = self._answer_deadline(slip)
        slip.sudo().state = "closed"  # e.g. closed before this version ended them
        self._enforce("2025-03-12 10:00:00")
        self.assertEqual(deadline.state, "cancelled")
        self.assertFalse(
            self._activities(slip, "quality_feedback.mail_activity_type_deadline")
        )

    def test_cancel_by_the_sender_before_answered(self):
        slip = self._sent_slip()
        with self.assertRaises(AccessError):
            slip.with_user(self.user_production).action_cancel()
        slip.with_user(self.user_team).action_cancel()
        self.assertEqual(slip.state, "cancelled")
        self.assertEqual(self._answer_deadline(slip).state, "cancelled")
        self.assertFalse(slip.activity_ids)

    def test_weekly_department_report_counts_slips(self):
        departments = self.department_production | self.department_quality

        def figures():
            # Added to what the database holds already (the demo's slips).
            with freeze_time("2025-03-13 10:00:00"):
                found = departments._qf_weekly_figures(datetime(2025, 3, 7).date())
            return {
                (department, key): found[department][key]
                for department in departments
                for key in ("slips_received", "slips_late")
            }

        before = figures()
        late = self._sent_slip()
        self._sent_slip(at="2025-03-12 08:00:00")
        with freeze_time("2025-03-13 10:00:00"):
            late.with_user(self.user_production)._qf_answer("Seams reground.")
        after = figures()
        added = {key: after[key] - before[key] for key in after}
        production, quality = self.department_production, self.department_quality
        self.assertEqual(added[production, "slips_received"], 2)
        self.assertEqual(added[production, "slips_late"], 1)
        self.assertEqual(added[quality, "slips_received"], 0)
        self.assertEqual(added[quality, "slips_late"], 0)
