# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ReturnsCase


class TestReturnReceipt(ReturnsCase):
    """R-504: the approved slip's goods are received against it, partially or not,
    and a difference waits for the sales manager."""

    def test_one_incoming_transfer_to_the_returns_location(self):
        slip = self._approved_slip(4)
        self.assertEqual(slip.state, "approved")
        picking = slip.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_id, self.warehouse.in_type_id)
        self.assertEqual(picking.location_dest_id, self.warehouse.qf_return_location_id)
        self.assertEqual(picking.location_id.usage, "customer")
        self.assertEqual(picking.move_ids.product_uom_qty, 4)
        self.assertEqual(picking.move_ids.qf_return_line_id, slip.line_ids)
        self.assertTrue(picking.move_ids.origin_returned_move_id)
        self.assertEqual(
            picking.with_user(self.warehouse_user).action_qf_open_return_slip()[
                "res_id"
            ],
            slip.id,
        )

    def test_partial_receipt_with_backorder(self):
        slip = self._approved_slip(4)
        self._receive(slip.picking_ids, 1)
        self.assertEqual(slip.line_ids.qty_received, 1)
        self.assertEqual(slip.state, "approved")
        backorder = slip.picking_ids.filtered(lambda p: p.state != "done")
        self.assertEqual(len(backorder), 1)
        self.assertEqual(backorder.move_ids.qf_return_line_id, slip.line_ids)
        self._receive(backorder, 3)
        self.assertEqual(slip.line_ids.qty_received, 4)
        self.assertEqual(slip.state, "received")
        self.assertEqual(
            self.pump.with_context(
                location=self.warehouse.qf_return_location_id.id
            ).qty_available,
            4,
        )

    def test_difference_waits_for_the_sales_manager(self):
        slip = self._approved_slip(4)
        self._receive(slip.picking_ids, 3, backorder=False)
        self.assertEqual(slip.state, "difference")
        self.assertIn(self.sales_manager, slip.activity_ids.user_id)
        with self.assertRaisesRegex(UserError, "not given the reason"):
            slip.with_user(self.sales_manager).action_acknowledge_difference()
        line = slip.line_ids.with_user(self.warehouse_user)
        with self.assertRaisesRegex(UserError, "only records the reason"):
            line.price_unit = 1
        line.difference_reason = "One pump was never shipped back."
        with self.assertRaises(AccessError):
            slip.with_user(self.user_sales).action_acknowledge_difference()
        slip.with_user(self.sales_manager).action_acknowledge_difference()
        self.assertEqual(slip.state, "received")
        self.assertEqual(slip.difference_acknowledged_by_id, self.sales_manager)

    def test_more_than_approved_needs_a_reason(self):
        slip = self._approved_slip(4)
        picking = slip.picking_ids
        with self.assertRaisesRegex(UserError, "write the reason"):
            self._receive(picking, 5)
        slip.line_ids.with_user(
            self.warehouse_user
        ).difference_reason = "Customer sent a spare."
        self._receive(picking, 5)
        self.assertEqual(slip.line_ids.qty_received, 5)
        self.assertEqual(slip.state, "difference")

    def test_two_lines_of_one_product_keep_a_move_each(self):
        slip = self._slip(3)
        slip.line_ids = [
            fields.Command.create(
                {
                    "sale_line_id": self.sale_line.id,
                    "product_id": self.pump.id,
                    "qty_requested": 1,
                    "price_unit": 120,
                }
            )
        ]
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.compensation_id.with_user(self.sales_manager).validate_tier()
        moves = slip.picking_ids.move_ids
        self.assertEqual(moves.qf_return_line_id, slip.line_ids)
        self.assertEqual(sorted(moves.mapped("product_uom_qty")), [1, 3])
        for move in moves.with_user(self.warehouse_user):
            move.quantity = move.product_uom_qty
        moves.with_user(self.warehouse_user).picked = True
        slip.picking_ids.with_user(self.warehouse_user).button_validate()
        self.assertEqual(slip.line_ids.mapped("qty_received"), [3, 1])
        self.assertEqual(slip.state, "received")
