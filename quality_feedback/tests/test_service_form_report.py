# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .pdf_common import pdf_text
from .service_common import ServiceCase


class TestServiceForm(ServiceCase):
    """R-602: the after-sales service feedback form (售后服务信息反馈表), printed in
    Chinese with the customer's signature."""

    def test_pdf_in_chinese_with_the_signature(self):
        technician_zh = new_test_user(
            self.env,
            login="qf-technician-zh",
            groups="base.group_user,quality_feedback.group_qf_factory_director",
            lang="zh_CN",
        )
        order = self._register(specification="CP-40/220V")
        self._dispatch(order)
        self._sign(order)
        report = (
            self.env.ref("quality_feedback.action_report_qf_service_form")
            .with_user(technician_zh)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        html = report._render_qweb_html(report.report_name, order.ids)[0].decode()
        self.assertIn("data:image/png;base64", html, "the signature is printed")
        text = "\f".join(pdf_text(report, order.ids))
        self.assertIn("售后服务信息反馈表", text)
        self.assertIn("客户签字", text)
        self.assertIn(order.name, text)
        self.assertIn("Hangzhou Pump", text)  # the cell wraps the customer's name
        self.assertIn("CP-40/220V", text)
        self.assertIn("Wang Wei", text)

    def test_technician_prints_only_his_orders(self):
        order = self._register()
        self._dispatch(order, self.technician_2)
        report = self.env.ref("quality_feedback.action_report_qf_service_form")
        with self.assertRaises(AccessError):
            report.with_user(self.user_technician)._render_qweb_html(
                report.report_name, order.ids
            )

    def test_signed_form_sent_to_the_customer(self):
        order = self._register()
        self._dispatch(order)
        with self.assertRaisesRegex(UserError, "not signed"):
            order.with_user(self.user_technician).action_qf_send_service_form()
        self._sign(order)
        action = order.with_user(self.user_technician).action_qf_send_service_form()
        composer = (
            self.env[action["res_model"]]
            .with_user(self.user_technician)
            .with_context(**action["context"])
            .create({})
        )
        self.assertIn(self.customer, composer.partner_ids)
        self.assertTrue(composer.attachment_ids, "the form is attached")
        composer._action_send_mail()
        sent = order.message_ids[0]
        self.assertIn(self.customer, sent.partner_ids)
        self.assertTrue(sent.attachment_ids)
