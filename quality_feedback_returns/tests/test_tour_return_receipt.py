# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import ReturnsCase


@tagged("post_install", "-at_install", "qf_tour")
class TestTourReturnReceipt(ReturnsCase, HttpCase):
    """R-504 in the browser: the warehouse validates the receipt of an approved
    slip and finds the slip received."""

    def test_warehouse_validates_the_receipt(self):
        slip = self._approved_slip(4)
        receipt = slip.picking_ids
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{receipt.id}",
            "quality_feedback_returns_receive",
            login=self.warehouse_user.login,
        )
        self.env.invalidate_all()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(slip.state, "received")
        self.assertEqual(slip.line_ids.qty_received, 4)
