# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields

from .common import ReturnsCase


class TestReturnReaderLanguage(ReturnsCase):
    """R-X4: the to-dos a received return slip leaves for others are in each one's
    language; the difference note is HTML (one line per product), never escaped."""

    def test_difference_and_return_visit_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        (self.sales_manager | self.user_sales).write(
            {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        )
        line = {
            "sale_line_id": self.sale_line.id,
            "product_id": self.pump.id,
            "qty_requested": 2,
            "price_unit": 120,
        }
        slip = self._slip(
            4,
            user=self.user_sales,
            line_ids=[fields.Command.create(line), fields.Command.create(line)],
        )
        self.assertEqual(slip.user_id, self.user_sales)
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.compensation_id.with_user(self.sales_manager).validate_tier()
        self._receive(slip.picking_ids, 1, backorder=False)
        self.assertEqual(slip.state, "difference")
        todo = slip.activity_ids.filtered(lambda a: a.user_id == self.sales_manager)
        self.assertEqual(todo.summary, f"确认 {slip.name} 的收货差异")
        self.assertEqual(todo.note.count("核准"), 2)
        self.assertIn("<br", todo.note)
        self.assertNotIn("&lt;", todo.note)
        visit = self.complaint.activity_ids.filtered(
            lambda a: a.user_id == self.user_sales
        )
        self.assertEqual(visit.summary, f"退货 {slip.name} 后回访 {self.customer.name}")
