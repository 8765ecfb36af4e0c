# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import QualityFeedbackCase


@tagged("post_install", "-at_install", "qf_tour")
class TestTourPortalComplaint(QualityFeedbackCase, HttpCase):
    """R-101 and R-X1 in the browser: a customer who reads the portal in Chinese
    fills in the complaint form, both text areas included, and sends it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.portal_user.lang = "zh_CN"
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [fields.Command.create({"product_id": cls.product.id})],
            }
        )
        order.action_confirm()
        cls.order = order

    def test_customer_in_chinese_reports_a_problem(self):
        self.start_tour(
            "/my/complaint/new",
            "quality_feedback_portal_complaint_zh",
            login=self.portal_user.login,
        )
        complaint = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.portal_user.partner_id.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.name, "餐椅底座开裂")
        self.assertIn("三把餐椅的铝合金底座在使用两周后开裂。", complaint.description)
        self.assertEqual(complaint.customer_request, "请更换三个底座。")
        self.assertEqual(complaint.qty_affected, 3)
        self.assertEqual(complaint.sale_order_id, self.order)
        self.assertEqual(complaint.product_id, self.product)
