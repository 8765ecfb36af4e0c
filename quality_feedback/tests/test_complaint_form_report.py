# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import QualityFeedbackCase
from .pdf_common import pdf_text


class TestComplaintForm(QualityFeedbackCase):
    """R-903: the customer complaint handling form (客户投诉处理单), printed for
    internal use with the whole handling of the complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref("quality_feedback.action_report_complaint_form")
        cls.user_officer_zh = new_test_user(
            cls.env,
            login="qf-officer-zh",
            groups="base.group_user,quality_feedback.group_qf_officer",
            lang="zh_CN",
        )
        cls.portal = new_test_user(
            cls.env, login="qf-portal-form", groups="base.group_portal"
        )
        cls.portal.partner_id.parent_id = cls.customer
        cls.complaint = cls._new_complaint(
            partner_id=cls.portal.partner_id.id,
            lot_id=cls.lot.id,
            customer_request="Replace both pumps",
        )
        cls.env["quality.handling.step"].create(
            {
                "ticket_id": cls.complaint.id,
                "department_id": cls.department_production.id,
                "result": "Flange gasket seated crooked",
            }
        )
        cls.complaint.write(
            {
                "root_cause": "Torque wrench out of calibration",
                "responsible_department_id": cls.department_production.id,
                "loss_amount": 1200,
            }
        )
        cls.env["quality.action"].create(
            {"ticket_id": cls.complaint.id, "name": "Calibrate torque wrenches weekly"}
        )

    def test_pdf_in_chinese(self):
        report = self.report.with_user(self.user_officer_zh).with_context(
            lang="zh_CN", force_report_rendering=True
        )
        text = "\f".join(pdf_text(report, self.complaint.ids))
        self.assertIn("客户投诉处理单", text)
        self.assertIn(self.complaint.number, text)
        self.assertIn(self.customer.name, text)
        self.assertIn(self.department_production.with_context(lang="zh_CN").name, text)

    def test_form_shows_internal_handling(self):
        report = self.report.with_user(self.user_officer)
        html = report._render_qweb_html(report.report_name, self.complaint.ids)[0]
        html = html.decode()
        self.assertIn("Customer Complaint Handling Form", html)
        self.assertIn(self.lot.name, html)
        self.assertIn("Replace both pumps", html)
        self.assertIn("Flange gasket seated crooked", html)
        self.assertIn("Torque wrench out of calibration", html)
        self.assertIn("Calibrate torque wrenches weekly", html)
        self.assertIn("General Manager", html)

    def test_internal_use_only(self):
        bindings = self.env["ir.actions.actions"].with_user(self.user_sales)
        self.assertIn(
            self.report.id,
            [a["id"] for a in bindings.get_bindings("helpdesk.ticket")["report"]],
        )
        portal_bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.portal)
            .get_bindings("helpdesk.ticket")
        )
        self.assertNotIn(
            self.report.id, [a["id"] for a in portal_bindings.get("report", [])]
        )
        with self.assertRaisesRegex(AccessError, "for internal use only"):
            self.env["ir.actions.report"].with_user(self.portal)._render_qweb_html(
                "quality_feedback.report_complaint_form", self.complaint.ids
            )
        other_team = self.env["helpdesk.ticket.team"].create({"name": "IT Support"})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Printer jam", "description": "x", "team_id": other_team.id}
        )
        with self.assertRaisesRegex(UserError, "Only quality complaints"):
            self.report._render_qweb_html(self.report.report_name, ticket.ids)
