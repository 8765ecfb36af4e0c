# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import ReturnsCase


class TestReturnAfterReceipt(ReturnsCase):
    """R-505 re-inspection, R-507 replacement, R-508 return visit, the links from the
    complaint, customer and order (R-501), and the whole path end to end."""

    def _received(self, quantity, **values):
        slip = self._slip(quantity, **values)
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.compensation_id.with_user(self.sales_manager).validate_tier()
        self._receive(slip.picking_ids, quantity, backorder=False)
        return slip

    def test_inspection_pass_goes_back_to_stock(self):
        slip = self._received(3)
        line = slip.line_ids
        with self.assertRaises(AccessError):
            line.with_user(self.user_sales).action_inspect_pass()
        line.with_user(self.user_officer).action_inspect_pass()
        self.assertEqual(line.inspection, "pass")
        transfer = slip.picking_ids.filtered(
            lambda p: p.picking_type_id == self.warehouse.int_type_id
        )
        self.assertEqual(transfer.location_id, self.warehouse.qf_return_location_id)
        self.assertEqual(transfer.location_dest_id, self.warehouse.lot_stock_id)
        self.assertEqual(transfer.move_ids.product_uom_qty, 3)
        with self.assertRaisesRegex(UserError, "already inspected"):
            line.with_user(self.user_officer).action_inspect_scrap()
        self._receive(transfer, 3)
        self.assertEqual(line.qty_received, 3)  # moving on does not change what came in
        self.assertEqual(
            self.pump.with_context(
                location=self.warehouse.qf_return_location_id.id
            ).qty_available,
            0,
        )

    def test_inspection_fail_scrap_repair_vendor(self):
        scrapped = self._received(1)
        scrapped.line_ids.with_user(self.user_officer).action_inspect_scrap()
        scrap = self.env["stock.scrap"].search([("origin", "=", scrapped.name)])
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.scrap_qty, 1)

        repaired = self._received(1)
        repaired.line_ids.with_user(self.user_officer).action_inspect_repair()
        self.assertEqual(repaired.line_ids.inspection, "repair")
        self.assertTrue(
            repaired.activity_ids.filtered(lambda a: "Repair" in (a.summary or ""))
        )

        vendor = self.env["res.partner"].create({"name": "Pump Parts Supplier"})
        self.pump.seller_ids = [(0, 0, {"partner_id": vendor.id})]
        returned = self._received(1)
        returned.line_ids.with_user(self.user_officer).action_inspect_vendor()
        to_vendor = returned.picking_ids.filtered(
            lambda p: p.location_dest_id.usage == "supplier"
        )
        self.assertEqual(to_vendor.partner_id, vendor)

    def test_inspection_waits_for_the_goods(self):
        slip = self._approved_slip(2)
        with self.assertRaisesRegex(UserError, "inspected once received"):
            slip.line_ids.with_user(self.user_officer).action_inspect_pass()

    def test_replacement_delivery(self):
        slip = self._received(2, handling="replacement")
        slip.with_user(self.user_sales).action_deliver_replacement()
        delivery = slip.picking_ids.filtered("qf_replacement")
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.partner_id, self.customer)
        self.assertEqual(delivery.move_ids.product_uom_qty, 2)
        with self.assertRaisesRegex(UserError, "already planned"):
            slip.with_user(self.user_sales).action_deliver_replacement()
        refund = self._received(1)
        with self.assertRaisesRegex(UserError, "handled by replacement"):
            refund.with_user(self.user_sales).action_deliver_replacement()

    def test_return_visit_planned_after_the_return(self):
        slip = self._received(2)
        visit_type = self.env.ref("quality_feedback.mail_activity_type_return_visit")
        visits = self.complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == visit_type
        )
        self.assertEqual(len(visits), 1)
        self.assertIn(slip.name, visits.summary)

    def test_duplicate_is_a_new_draft(self):
        slip = self._received(2)
        slip.line_ids.with_user(self.user_officer).action_inspect_pass()
        copy = slip.with_user(self.user_sales).copy()
        self.assertEqual(copy.state, "draft")
        self.assertNotEqual(copy.name, slip.name)
        self.assertFalse(copy.compensation_id or copy.confirmed_by_id)
        self.assertEqual(copy.line_ids.qty_requested, 2)
        self.assertEqual(copy.line_ids.qty_received, 0)
        self.assertEqual(copy.line_ids.inspection, "pending")

    def test_links_from_complaint_customer_and_order(self):
        slip = self._slip(1)
        self.assertEqual(self.complaint.return_slip_count, 1)
        self.assertEqual(self.customer.qf_return_slip_count, 1)
        self.assertEqual(self.order.qf_return_slip_count, 1)
        action = self.complaint.action_qf_view_return_slips()
        self.assertEqual(self.env["quality.return.slip"].search(action["domain"]), slip)
        self.assertEqual(action["context"]["default_ticket_id"], self.complaint.id)

    def test_full_path(self):
        """Complaint → slip → confirm (right group) → approve → receive partially →
        backorder → receive the rest → inspect → credit note."""
        invoice = self.order._create_invoices()
        invoice.action_post()
        slip = self._slip(4)
        with self.assertRaises(AccessError):
            slip.with_user(self.rnd_head).action_confirm()
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.compensation_id.with_user(self.sales_manager).validate_tier()
        self._receive(slip.picking_ids, 1)
        backorder = slip.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        self._receive(backorder, 3)
        self.assertEqual(slip.state, "received")
        slip.line_ids.with_user(self.user_officer).action_inspect_pass()
        action = slip.with_user(self.finance).action_create_credit_note()
        credit_note = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        self.assertEqual(credit_note.amount_untaxed, 480)
        self.assertEqual(slip.credit_note_ids, credit_note)
        self.assertEqual(slip.line_ids.qty_credited, 4)
