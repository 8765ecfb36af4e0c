# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields

from .service_common import ServiceCase


class TestReaderLanguage(ServiceCase):
    """R-X4: what the scheduled actions (run as OdooBot) write for someone is in his
    language and time zone: an activity in its user's, a chatter note without a
    single reader in the company's, HTML as markup (no escaped tags). The Chinese
    texts are those of the shipped zh_CN.po."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.robot = cls.env.ref("base.user_root")
        cls.zh_users = cls.user_officer | cls.user_sales | cls.user_gm
        cls.zh_users |= cls.user_director | cls.user_department
        cls.zh_users.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        (cls.user_manager | cls.user_clerk).write({"lang": "en_US", "tz": "UTC"})

    def _summaries(self, records, user, xmlid=None):
        activities = records.activity_ids.filtered(lambda a: a.user_id == user)
        if xmlid:
            activity_type = self.env.ref(xmlid)
            activities = activities.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        return activities.mapped("summary")

    def test_deadline_cron(self):
        calendar = self.env["resource.calendar"].create(
            {"name": "Factory 8-17, UTC", "tz": "UTC", "hours_per_day": 8}
        )
        self.env.company.write({"qf_calendar_id": calendar.id, "qf_risk_share": 80})
        self.env.company.partner_id.lang = "zh_CN"
        self.team.write(
            {
                "user_id": self.user_manager.id,
                "user_ids": [(4, self.user_officer.id), (4, self.user_manager.id)],
            }
        )
        with freeze_time("2025-03-06 09:00:00"):  # Thursday
            complaint = self._new_complaint(user_id=self.user_officer.id)
        # One working day: due Friday 9:00 UTC (17:00 in Shanghai), at risk from
        # 80 % of the 24 hours on.
        with freeze_time("2025-03-07 08:00:00"):
            self.env["quality.deadline"].with_user(self.robot)._qf_enforce()
        xmlid = "quality_feedback.mail_activity_type_deadline"
        chinese = self._summaries(complaint, self.user_officer, xmlid)
        registration = [s for s in chinese if s.startswith("登记即将到期")]
        self.assertEqual(len(registration), 1)
        self.assertIn("期限 2025/03/07 17:00:00", registration[0])
        english = self._summaries(complaint, self.user_manager, xmlid)
        self.assertIn("Registration at risk (deadline 03/07/2025 09:00:00 AM)", english)
        # The note in the chatter: the company's language, one line per deadline.
        log = complaint.message_ids.filtered(lambda m: "登记即将到期" in m.body)
        self.assertEqual(len(log), 1)
        self.assertIn("<br", log.body)
        self.assertNotIn("&lt;br", log.body)
        self.assertNotIn("Registration", log.body)

    def test_penalty_review_cron(self):
        self.env.company.qf_penalty_review_day = 10
        with freeze_time("2031-04-14 10:00:00"):
            complaint = self._new_complaint()
            self._accept(complaint)
            complaint.with_user(self.user_officer).write(
                {"responsible_department_id": self.department_production.id}
            )
            complaint.with_user(self.user_officer).action_qf_investigate()
            complaint.with_user(self.user_officer).action_qf_propose_resolution()
            self._add_verified_action(complaint)
            complaint.with_user(self.user_manager).action_qf_close()
        english_gm = self._new_user("qf-gm-en", "group_qf_general_manager")
        english_gm.write({"lang": "en_US", "tz": "UTC"})
        with freeze_time("2031-05-10 20:00:00"):  # already the 11th in Shanghai
            self.env["quality.penalty.review"].with_user(
                self.robot
            )._cron_compile_reviews()
        review = self.env["quality.penalty.review"].search(
            [("period_start", "=", "2031-04-01")]
        )
        self.assertEqual(
            self._summaries(review, self.user_gm), [f"审查并核准 {review.name} 的处罚"]
        )
        self.assertEqual(
            self._summaries(review, english_gm),
            [f"Review and approve the penalties of {review.name}"],
        )
        deadlines = review.activity_ids.grouped("user_id")
        self.assertEqual(deadlines[self.user_gm].date_deadline, date(2031, 5, 11))
        self.assertEqual(deadlines[english_gm].date_deadline, date(2031, 5, 10))

    def test_weekly_report_cron(self):
        self.department_production.manager_id = self.user_department
        self.department_rnd.manager_id = self.user_manager
        with freeze_time(datetime(2031, 3, 4, 9)):
            self.env["quality.department"].with_user(self.robot)._cron_weekly_reports()
        reports = (
            self.env["mail.message"]
            .search(
                [
                    ("model", "=", "quality.department"),
                    (
                        "res_id",
                        "in",
                        (self.department_production | self.department_rnd).ids,
                    ),
                ]
            )
            .filtered("subject")
        )
        chinese = reports.filtered(lambda m: m.res_id == self.department_production.id)
        self.assertTrue(chinese.subject.startswith("每周质量报告"))
        self.assertIn("本周新增", chinese.body)
        english = reports.filtered(lambda m: m.res_id == self.department_rnd.id)
        self.assertTrue(english.subject.startswith("Weekly quality report: "))
        self.assertIn("New this week", english.body)

    def test_undispatched_service_cron(self):
        english_director = self._new_service_user(
            "qf-director-en", "group_qf_factory_director"
        )
        english_director.write({"lang": "en_US", "tz": "UTC"})
        order = self._register()
        self.env.cr.execute(
            "UPDATE fsm_order SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=1), order.id),
        )
        order.invalidate_recordset(["create_date"])
        self.env["fsm.order"].with_user(self.robot)._cron_qf_flag_undispatched()
        notice = "quality_feedback.mail_activity_type_service_notice"
        self.assertIn(
            "张服务单昨天未派工",
            " ".join(self._summaries(order, self.user_director, notice)),
        )
        self.assertIn(
            "service orders were not dispatched yesterday: dispatch them first",
            " ".join(self._summaries(order, english_director, notice)),
        )

    def test_note_of_a_button_in_the_company_language(self):
        """Completing a step writes a note for everyone on the complaint: in the
        company's language, whoever presses the button."""
        self.env.company.partner_id.lang = "zh_CN"
        complaint = self._new_complaint()
        self._accept(complaint)
        step = self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_rnd.id}
        )
        step.write({"result": "Seal replaced"})
        step.with_user(self.user_manager).action_done()
        notes = complaint.message_ids.filtered(lambda m: "Seal replaced" in m.body)
        self.assertEqual(len(notes), 1)
        self.assertIn("已完成其处理步骤", notes.body)
