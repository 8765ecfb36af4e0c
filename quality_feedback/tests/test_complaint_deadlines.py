# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import api, sql_db

from odoo.addons.quality_feedback.models.quality_deadline import QualityDeadline

from .common import QualityFeedbackCase, two_transactions


class TestComplaintDeadlines(QualityFeedbackCase):
    """SPEC C4: deadlines on the working calendar (R-401) and their enforcement by the
    scheduled action (R-402, R-403). The calendar works 8-12 and 13-17 UTC, Monday to
    Friday; Monday 10 March 2025 is a public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {"name": "Factory 8-17, UTC", "tz": "UTC", "hours_per_day": 8}
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2025, 3, 10, 0, 0),
                "date_to": datetime(2025, 3, 10, 23, 59),
            }
        )
        cls.env.company.write(
            {
                "qf_calendar_id": calendar.id,
                "qf_risk_share": 80,
                "qf_escalation_factor": 1,
            }
        )
        cls.team.write(
            {
                "user_id": cls.user_manager.id,
                "user_ids": [(4, cls.user_officer.id), (4, cls.user_manager.id)],
            }
        )
        cls.Deadline = cls.env["quality.deadline"]

    def _received_friday(self, **values):
        with freeze_time("2025-03-07 09:00:00"):  # Friday
            return self._new_complaint(user_id=self.user_officer.id, **values)

    def _deadline(self, complaint, kind):
        return complaint.deadline_ids.filtered(lambda d: d.kind == kind)

    def _enforce(self, at):
        with freeze_time(at):
            return self.Deadline._qf_enforce()

    def _activities(self, complaint, xmlid):
        activity_type = self.env.ref(xmlid)
        return complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_deadlines_follow_the_working_calendar(self):
        complaint = self._received_friday(customer_deadline="2025-03-20")
        # One working day (24 h): Friday 9-17 is 7 h, Monday is a holiday, Tuesday 8-9.
        self.assertEqual(
            self._deadline(complaint, "registration").date_deadline,
            datetime(2025, 3, 11, 9),
        )
        self.assertEqual(
            self._deadline(complaint, "first_answer").date_deadline,
            datetime(2025, 3, 11, 9),
        )
        # Two working days (48 h) for the handling proposal.
        self.assertEqual(
            self._deadline(complaint, "proposal").date_deadline,
            datetime(2025, 3, 12, 9),
        )
        # The customer's own date.
        self.assertEqual(
            self._deadline(complaint, "customer").date_deadline,
            datetime(2025, 3, 20, 23, 59),
        )
        # Without it: five working days.
        complaint.customer_deadline = False
        self.assertEqual(
            self._deadline(complaint, "customer")
            .filtered(lambda d: d.state == "on_time")
            .date_deadline,
            datetime(2025, 3, 17, 9),
        )
        # Closure: six working days from acceptance (Friday 10:00).
        with freeze_time("2025-03-07 10:00:00"):
            self._accept(complaint)
        self.assertEqual(
            self._deadline(complaint, "closure").date_deadline,
            datetime(2025, 3, 18, 10),
        )
        self.assertEqual(self._deadline(complaint, "registration").state, "met")

    def test_thresholds_notified_exactly_once(self):
        self.env.company.partner_id.lang = "en_US"  # the language of the notes
        complaint = self._received_friday()
        registration = self._deadline(complaint, "registration")
        # 80 % of Friday 9:00 → Tuesday 9:00 (96 h) is Monday 13:48.
        self.assertEqual(registration.date_risk, datetime(2025, 3, 10, 13, 48))
        self._enforce("2025-03-10 13:00:00")
        self.assertEqual(registration.state, "on_time")

        self._enforce("2025-03-10 14:00:00")
        self.assertEqual(registration.state, "at_risk")
        self.assertEqual(complaint.qf_deadline_state, "at_risk")
        warnings = self._activities(
            complaint, "quality_feedback.mail_activity_type_deadline"
        )
        # Registration and first answer, each for the owner and his manager.
        self.assertEqual(len(warnings), 4)
        self.assertEqual(warnings.user_id, self.user_officer | self.user_manager)
        log = complaint.message_ids[0].body
        self.assertIn("Registration at risk", log)
        self.assertIn("First Answer to Customer at risk", log)
        self._enforce("2025-03-10 16:00:00")
        self.assertEqual(
            len(
                self._activities(
                    complaint, "quality_feedback.mail_activity_type_deadline"
                )
            ),
            4,
        )

        messages_before = len(complaint.message_ids)
        self._enforce("2025-03-11 10:00:00")
        self.assertEqual(registration.state, "overdue")
        self.assertEqual(complaint.qf_deadline_state, "overdue")
        # the missed first answer sends the delay notice to the customer, once.
        notices = complaint.message_ids.filtered(
            lambda m: (
                self.customer in m.partner_ids
                and "needs more time" in (m.subject or "")
            )
        )
        self.assertEqual(len(notices), 1)
        self.assertGreater(len(complaint.message_ids), messages_before)
        self._enforce("2025-03-11 12:00:00")
        self.assertEqual(
            len(
                complaint.message_ids.filtered(
                    lambda m: "needs more time" in (m.subject or "")
                )
            ),
            1,
        )
        self.assertFalse(
            self._activities(
                complaint, "quality_feedback.mail_activity_type_escalation"
            )
        )

        # Second threshold: late by one more full period (96 h) → Saturday 9:00.
        self.assertEqual(registration.date_escalate, datetime(2025, 3, 15, 9))
        self._enforce("2025-03-15 10:00:00")
        self.assertTrue(registration.escalated)
        escalations = self._activities(
            complaint, "quality_feedback.mail_activity_type_escalation"
        )
        # Every general manager of the company (the demo data may have its own).
        mine = escalations.filtered(lambda a: a.user_id == self.user_gm)
        self.assertEqual(len(mine), 2)  # registration and first answer
        self.assertFalse(
            escalations.user_id
            - self.env.ref("quality_feedback.group_qf_general_manager").user_ids
        )
        self.assertEqual(self._enforce("2025-03-16 10:00:00"), 0)
        self.assertEqual(
            self._activities(
                complaint, "quality_feedback.mail_activity_type_escalation"
            ),
            escalations,
        )

    def test_met_and_missed(self):
        complaint = self._received_friday()
        with freeze_time("2025-03-07 11:00:00"):
            self._classify(complaint)
        self.assertEqual(self._deadline(complaint, "registration").state, "met")
        with freeze_time("2025-03-11 12:00:00"):
            complaint.with_user(self.user_officer).message_post(
                body="We are looking into it.",
                partner_ids=self.customer.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        first_answer = self._deadline(complaint, "first_answer")
        self.assertEqual(first_answer.state, "missed")
        self.assertEqual(first_answer.date_done, datetime(2025, 3, 11, 12))

    def test_internal_note_is_no_answer(self):
        complaint = self._received_friday()
        complaint.message_post(body="Internal", subtype_xmlid="mail.mt_note")
        self.assertEqual(self._deadline(complaint, "first_answer").state, "on_time")

    def test_step_deadline_is_watched(self):
        complaint = self._received_friday()
        with freeze_time("2025-03-07 10:00:00"):
            self._accept(complaint)
            step = self.env["quality.handling.step"].create(
                {
                    "ticket_id": complaint.id,
                    "department_id": self.department_production.id,
                }
            )
        deadline = self._deadline(complaint, "step")
        self.assertEqual(deadline.step_id, step)
        self.assertEqual(deadline.date_deadline, step.deadline)
        with freeze_time("2025-03-11 09:00:00"):
            step.result = "Done"
            step.action_done()
        self.assertEqual(deadline.state, "met")

    def test_cancelled_complaint_cancels_its_deadlines(self):
        complaint = self._received_friday()
        complaint.with_user(self.user_manager).action_qf_cancel()
        self.assertEqual(set(complaint.deadline_ids.mapped("state")), {"cancelled"})
        self.assertFalse(complaint.deadline_ids.filtered("next_check"))

    def test_rerun_changes_nothing(self):
        complaint = self._received_friday()
        self.assertGreater(self._enforce("2025-03-11 10:00:00"), 0)
        states = complaint.deadline_ids.mapped("state")
        messages, activities = len(complaint.message_ids), len(complaint.activity_ids)
        self.assertEqual(self._enforce("2025-03-11 10:00:00"), 0)
        self.assertEqual(complaint.deadline_ids.mapped("state"), states)
        self.assertEqual(
            (len(complaint.message_ids), len(complaint.activity_ids)),
            (messages, activities),
        )

    def test_nothing_due_costs_one_query(self):
        self._received_friday()
        self.env.flush_all()
        with freeze_time("2025-03-07 12:00:00"), self.assertQueryCount(1):
            self.assertEqual(self.Deadline._qf_enforce(), 0)

    def test_a_failing_deadline_does_not_stop_the_others(self):
        poisoned = self._received_friday(name="Poisoned")
        healthy = self._received_friday(name="Healthy")
        original = QualityDeadline._qf_warn_owners

        def warn_or_fail(deadlines, state):
            if poisoned in deadlines.ticket_id:
                raise ValueError("poisoned deadline")
            return original(deadlines, state)

        with (
            patch.object(QualityDeadline, "_qf_warn_owners", warn_or_fail),
            self.assertLogs(
                "odoo.addons.quality_feedback.models.quality_deadline", level="ERROR"
            ) as logs,
        ):
            advanced = self._enforce("2025-03-10 14:00:00")
        self.assertIn("poisoned deadline", "\n".join(logs.output))
        self.assertEqual(
            set(self._deadline(healthy, "registration").mapped("state")), {"at_risk"}
        )
        self.assertEqual(self._deadline(poisoned, "registration").state, "on_time")
        self.assertEqual(
            advanced, 2
        )  # registration and first answer of the healthy one
        # Repaired, the next run handles it.
        self._enforce("2025-03-10 14:30:00")
        self.assertEqual(self._deadline(poisoned, "registration").state, "at_risk")


class TestDeadlineEnforcementConcurrency(QualityFeedbackCase):
    """Two enforcement runs at once never handle the same deadline (R-402): the
    second one skips the rows the first one holds. Runs on real transactions; the
    complaint it commits is removed afterwards."""

    def test_second_run_skips_what_the_first_holds(self):
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            complaint = env["helpdesk.ticket"].create(
                {
                    "name": "Concurrent enforcement",
                    "description": "x",
                    "team_id": env.ref("quality_feedback.team_quality_complaints").id,
                    "partner_id": env.ref("base.main_partner").id,
                    "date_received": datetime(2020, 1, 6, 9),
                }
            )
            ticket_id, deadline_ids = complaint.id, complaint.deadline_ids.ids
        self.addCleanup(self._remove_committed, dbname, ticket_id)
        self.assertTrue(deadline_ids)

        with two_transactions(dbname) as (env_first, env_second):
            env_second.cr.execute("SET lock_timeout = '10s'")
            env_first["quality.deadline"]._qf_enforce()  # holds its rows until commit
            env_second["quality.deadline"]._qf_enforce()
            handled_by_second = env_second["quality.deadline"].browse(deadline_ids)
            self.assertEqual(set(handled_by_second.mapped("state")), {"on_time"})
            handled_by_first = env_first["quality.deadline"].browse(deadline_ids)
            self.assertEqual(set(handled_by_first.mapped("state")), {"overdue"})

    def _remove_committed(self, dbname, ticket_id):
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(ticket_id).unlink()
