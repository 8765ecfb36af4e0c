# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time
from lxml import html

from odoo.exceptions import AccessError, UserError

from .common import QualityFeedbackCase


class TestPenaltyReview(QualityFeedbackCase):
    """R-404: the monthly penalty review, compiled once, approved by the general
    manager, printed as the personnel announcement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["quality.penalty.review"]
        cls.env.company.qf_penalty_review_day = 10

    def _closed_in(self, when, **responsibility):
        with freeze_time(when):
            complaint = self._new_complaint()
            self._accept(complaint)
            complaint.with_user(self.user_officer).write(responsibility)
            complaint.with_user(self.user_officer).action_qf_investigate()
            complaint.with_user(self.user_officer).action_qf_propose_resolution()
            self._add_verified_action(complaint)
            complaint.with_user(self.user_manager).action_qf_close()
        return complaint

    def test_compiled_once_on_the_review_day(self):
        charged = self._closed_in(
            "2031-04-14 10:00:00",
            responsible_department_id=self.department_production.id,
            responsible_user_id=self.user_department.id,
            loss_amount=1500,
        )
        self._closed_in("2031-04-20 10:00:00")  # nobody responsible, no loss
        self._closed_in("2031-05-02 10:00:00", loss_amount=300)  # next month's review
        with freeze_time("2031-05-09 08:00:00"):
            self.Review._cron_compile_reviews()
        self.assertFalse(self.Review.search([("period_start", "=", "2031-04-01")]))
        with freeze_time("2031-05-10 08:00:00"):
            self.Review._cron_compile_reviews()
            self.Review._cron_compile_reviews()
        review = self.Review.search(
            [
                ("period_start", "=", "2031-04-01"),
                ("company_id", "=", self.env.company.id),
            ]
        )
        self.assertEqual(len(review), 1)
        self.assertEqual(review.line_ids.ticket_id, charged)
        self.assertEqual(review.line_ids.user_id, self.user_department)
        self.assertEqual(review.loss_total, 1500)
        self.assertIn(self.user_gm, review.activity_ids.user_id)
        with freeze_time("2031-05-11 08:00:00"):
            self.Review._cron_compile_reviews()
        self.assertEqual(
            self.Review.search_count([("period_start", "=", "2031-04-01")]), 1
        )

    def test_approval_and_announcement(self):
        self._closed_in(
            "2031-04-14 10:00:00",
            responsible_department_id=self.department_production.id,
            loss_amount=800,
        )
        with freeze_time("2031-05-10 08:00:00"):
            self.Review._cron_compile_reviews()
        review = self.Review.search(
            [
                ("period_start", "=", "2031-04-01"),
                ("company_id", "=", self.env.company.id),
            ]
        )
        report = self.env.ref("quality_feedback.action_report_penalty_announcement")
        with self.assertRaisesRegex(
            UserError, "Only an approved penalty review prints"
        ):
            report._render_qweb_html(report.report_name, review.ids)
        review.line_ids.with_user(self.user_gm).write(
            {"measure": "fine", "fine_amount": 200}
        )
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).action_approve()
        review.with_user(self.user_gm).action_approve()
        self.assertEqual(review.approved_by_id, self.user_gm)
        with self.assertRaisesRegex(UserError, "already approved"):
            review.with_user(self.user_gm).action_approve()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            review.line_ids.with_user(self.user_gm).fine_amount = 10
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            review.with_user(self.user_gm).unlink()
        html = report._render_qweb_html(report.report_name, review.ids)[0].decode()
        self.assertIn("Personnel Announcement", html)
        self.assertIn(review.line_ids.ticket_id.number, html)
        self.assertIn("Production", html)


class TestReminders(QualityFeedbackCase):
    """R-405: each reminder runs from its own scheduled action and only once."""

    def test_satisfaction_survey_once_after_closure(self):
        with freeze_time("2031-04-14 10:00:00"):
            complaint = self._new_complaint()
            self._accept(complaint)
            complaint.with_user(self.user_officer).action_qf_investigate()
            complaint.with_user(self.user_officer).action_qf_propose_resolution()
            self._add_verified_action(complaint)
            complaint.with_user(self.user_manager).action_qf_close()
            self.assertFalse(
                self.env["helpdesk.ticket"]._cron_qf_satisfaction_surveys()
            )
        with freeze_time("2031-04-15 11:00:00"):
            sent = self.env["helpdesk.ticket"]._cron_qf_satisfaction_surveys()
            self.assertIn(complaint, sent)
            self.assertNotIn(
                complaint, self.env["helpdesk.ticket"]._cron_qf_satisfaction_surveys()
            )
        surveys = complaint.message_ids.filtered(
            lambda m: "how did we handle" in (m.subject or "")
        )
        self.assertEqual(len(surveys), 1)
        self.assertIn(self.customer, surveys.partner_ids)

    def test_weekly_department_report_once_a_week(self):
        self.department_production.manager_id = self.user_department
        complaint = self._new_complaint()
        self._accept(complaint)
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        Department = self.env["quality.department"]
        open_steps = self.env["quality.handling.step"].search_count(
            [
                ("department_id", "=", self.department_production.id),
                ("state", "=", "open"),
            ]
        )
        with freeze_time(datetime(2031, 3, 4, 9)):  # Tuesday
            self.assertIn(self.department_production, Department._cron_weekly_reports())
            self.assertNotIn(
                self.department_production, Department._cron_weekly_reports()
            )
        with freeze_time(datetime(2031, 3, 10, 9)):  # next Monday
            self.assertIn(self.department_production, Department._cron_weekly_reports())
        reports = self.env["mail.message"].search(
            [
                ("model", "=", "quality.department"),
                ("res_id", "=", self.department_production.id),
                ("subject", "like", "Weekly quality report"),
            ]
        )
        self.assertEqual(len(reports), 2)
        self.assertEqual(self._digest(reports[0])["Open"], str(open_steps))
        self.assertIn(self.user_department.partner_id, reports[0].partner_ids)

    def _digest(self, message):
        """The figures of a weekly report, by row label."""
        rows = html.fromstring(message.body).xpath("//tr[count(th|td) = 2]")
        return {
            row[0].text_content().strip(): row[1].text_content().strip() for row in rows
        }

    def test_weekly_report_figures(self):
        """The digest counts the complaints where the department has a step or is
        responsible: new, by state, overdue, closed; its steps; verified actions."""
        department = self.env["quality.department"].create(
            {"name": "Assembly", "manager_id": self.user_department.id}
        )
        Step = self.env["quality.handling.step"]
        with freeze_time("2031-02-03 09:00:00"):
            overdue = self._new_complaint(name="Seal worn after a month")
            self._accept(overdue)
            Step.create({"ticket_id": overdue.id, "department_id": department.id})
            overdue.with_user(self.user_officer).action_qf_investigate()
        with freeze_time("2031-02-20 09:00:00"):
            closed = self._new_complaint(name="Wrong paint colour")
            self._accept(closed)
            closed.with_user(self.user_officer).write(
                {"responsible_department_id": department.id}
            )
            closed.with_user(self.user_officer).action_qf_investigate()
        with freeze_time("2031-03-05 09:00:00"):  # Wednesday
            self.env["quality.deadline"]._qf_enforce()
            new = self._new_complaint(name="Impeller rubs the casing")
            self._accept(new)
            step = Step.create({"ticket_id": new.id, "department_id": department.id})
            step.write({"result": "Impeller re-balanced"})
            step.action_done()
            closed.with_user(self.user_officer).action_qf_propose_resolution()
            self._add_verified_action(closed)
            closed.with_user(self.user_manager).action_qf_close()
            other = self._new_complaint(name="Another department's complaint")
            Step.create(
                {"ticket_id": other.id, "department_id": self.department_rnd.id}
            )
        self.assertEqual(overdue.qf_deadline_state, "overdue")
        with freeze_time("2031-03-06 09:00:00"):
            self.env["quality.department"]._cron_weekly_reports()
        report = self.env["mail.message"].search(
            [("model", "=", "quality.department"), ("res_id", "=", department.id)]
        )
        self.assertEqual(len(report), 1)
        self.assertIn(self.user_department.partner_id, report.partner_ids)
        expected = {
            "New this week": "1",
            "Closed this week": "1",
            "Overdue": "1",
            "Registered": "0",
            "Accepted": "1",
            "Investigating": "1",
            "Open": "1",
            "Late": "1",
            "Completed this week": "1",
            "Verified effective this week": "1",
            "Verified not effective this week": "0",
        }
        figures = self._digest(report)
        self.assertEqual({label: figures[label] for label in expected}, expected)
        self.assertIn(overdue.display_name, report.body)
        self.assertNotIn(new.display_name, report.body)

    def test_weekly_figures_query_count(self):
        """The figures cost the same queries for one department as for several."""
        for department in self.department_production | self.department_rnd:
            complaint = self._new_complaint()
            self.env["quality.handling.step"].create(
                {"ticket_id": complaint.id, "department_id": department.id}
            )

        def queries(departments):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            departments._qf_weekly_figures(date.today())
            return self.env.cr.sql_log_count - before

        self.assertEqual(
            queries(self.department_production),
            queries(self.department_production | self.department_rnd),
        )
