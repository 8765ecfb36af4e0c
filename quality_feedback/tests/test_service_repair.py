# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tests import Form, new_test_user
from odoo.tools import mute_logger

from .service_common import SIGNATURE, ServiceCase


class TestServiceRepair(ServiceCase):
    """R-603: not fixable on site → receipt signed by the customer, product taken
    back into the customer-product in/out register (owned by the customer, never
    valued), material return note and repair order, quality inspection, return with
    the customer's signature and the receipt voided."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_stock = new_test_user(
            cls.env,
            login="qf-storekeeper",
            groups="base.group_user,stock.group_stock_user",
        )
        cls.user_inspector = new_test_user(
            cls.env,
            login="qf-inspector",
            groups="base.group_user,quality_feedback.group_qf_quality_inspector",
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.location = cls.warehouse._qf_ensure_repair_location()
        cls.product.standard_price = 100.0

    # --- Helpers ----------------------------------------------------------------------
    def _order(self, person=None):
        order = self._register()
        self._dispatch(order, person)
        return order

    def _receipt(self, order=None, user=None, **values):
        """A receipt issued by the technician, returned in the test's environment."""
        order = order or self._order()
        receipt = (
            self.env["quality.service.receipt"]
            .with_user(user or self.user_technician)
            .create(
                {
                    "order_id": order.id,
                    "product_id": self.product.id,
                    "lot_id": self.lot.id,
                    "quantity": 1,
                    "date_promised": fields.Date.add(fields.Date.today(), days=10),
                    "description": "Bearing seized",
                    **values,
                }
            )
        )
        return receipt.with_env(self.env)

    def _sign_receipt(self, receipt, mode="take", user=None):
        self.env["quality.service.receipt.sign"].with_user(
            user or self.user_technician
        ).with_context(active_id=receipt.id).create(
            {"mode": mode, "signed_by": "Wang Wei", "signature": SIGNATURE}
        ).action_confirm()

    def _taken_in(self):
        receipt = self._receipt()
        self._sign_receipt(receipt)
        receipt.with_user(self.user_technician).action_hand_in()
        return receipt

    def _repaired(self, receipt=None):
        receipt = receipt or self._taken_in()
        receipt.with_user(self.user_stock).action_hand_over()
        self._finish_repair(receipt.repair_id)
        return receipt

    def _finish_repair(self, repair):
        repair = repair.with_user(self.user_stock)
        repair.action_repair_start()
        repair.action_repair_end()

    def _render(self, report, receipt):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            f"quality_feedback.{report}", receipt.ids
        )
        return html.decode()

    def _quants(self):
        return self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product.id),
                ("location_id", "=", self.location.id),
            ]
        )

    def _register_lines(self):
        action = self.env.ref("quality_feedback.action_qf_customer_product_register")
        return self.env["stock.move.line"].search(
            Domain(literal_eval(action.domain))
            & Domain("product_id", "=", self.product.id)
        )

    # --- The whole way ----------------------------------------------------------------
    def test_receipt_numbered_and_signed_before_taking(self):
        order = self._order()
        receipt = self._receipt(order)
        self.assertRegex(receipt.name, r"^SJ\d{4}-\d{4}$")
        self.assertEqual(receipt.partner_id, self.customer)
        self.assertEqual((receipt.state, receipt.holder), ("draft", "customer"))
        with self.assertRaisesRegex(UserError, "Only a signed receipt"):
            receipt.with_user(self.user_technician).action_hand_in()
        self._sign_receipt(receipt)
        self.assertEqual((receipt.state, receipt.holder), ("signed", "technician"))
        self.assertEqual(receipt.signed_by, "Wang Wei")
        self.assertTrue(receipt.signature and receipt.signed_on)
        self.assertEqual(order.qf_receipt_count, 1)
        html = self._render("action_report_qf_service_receipt", receipt)
        self.assertIn(receipt.name, html)
        self.assertIn("LOT-2611-A", html)
        self.assertIn("data:image/png;base64", html)

    def test_hand_in_registers_the_customer_product_unvalued(self):
        stock = self.warehouse.lot_stock_id
        self.env["stock.quant"]._update_available_quantity(
            self.product, stock, 5, lot_id=self.lot
        )
        valued_before = self.product.total_value
        self.assertEqual(valued_before, 500.0)
        receipt = self._taken_in()
        self.assertEqual((receipt.state, receipt.holder), ("received", "store"))
        picking = receipt.picking_in_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.qf_receipt_id, receipt)
        quant = self._quants()
        self.assertEqual(quant.quantity, 1)
        self.assertEqual(quant.owner_id, self.customer)
        self.assertEqual(quant.lot_id, self.lot)
        # Never company stock: no valued move, no value, the product's value unchanged.
        move = picking.move_ids
        self.assertFalse(move.is_in or move.is_out or move.is_valued)
        self.assertFalse(move.value)
        self.assertEqual(quant.sudo().value, 0)
        self.product.invalidate_recordset()
        self.assertEqual(self.product.total_value, valued_before)
        # The register: one line in, with the customer and who holds it.
        line = self._register_lines()
        self.assertEqual(len(line), 1)
        self.assertEqual(line.qf_register_direction, "in")
        self.assertEqual(line.owner_id, self.customer)
        self.assertEqual(line.qf_holder, "store")

    def test_full_way_to_the_customer_voids_the_receipt(self):
        receipt = self._taken_in()
        receipt.with_user(self.user_stock).action_hand_over()
        repair = receipt.repair_id
        self.assertEqual((receipt.state, receipt.holder), ("repair", "production"))
        self.assertEqual(repair.fsm_order_id, receipt.order_id)
        self.assertEqual(repair.qf_receipt_id, receipt)
        self.assertEqual(repair.lot_id, self.lot)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.product_location_src_id, self.location)
        self.assertEqual(receipt.handed_over_by_id, self.user_stock)
        self.assertIn(repair, receipt.order_id.repair_ids)
        html = self._render("action_report_qf_material_return_note", receipt)
        self.assertIn(repair.name, html)
        self._finish_repair(repair)
        self.assertEqual((receipt.state, receipt.holder), ("inspection", "quality"))
        # Still the customer's, in the same place, and nothing else there.
        held = self._quants().filtered("quantity")
        self.assertEqual(len(held), 1)
        self.assertEqual((held.owner_id, held.quantity), (self.customer, 1))
        receipt.with_user(self.user_inspector).action_accept()
        self.assertEqual((receipt.state, receipt.holder), ("accepted", "store"))
        self.assertEqual(receipt.inspected_by_id, self.user_inspector)
        self._sign_receipt(receipt, mode="return")
        self.assertEqual((receipt.state, receipt.holder), ("voided", "customer"))
        self.assertEqual(receipt.voided_by_id, self.user_technician)
        self.assertTrue(receipt.voided_on and receipt.return_signature)
        self.assertEqual(receipt.picking_out_id.state, "done")
        self.assertFalse(self._quants().filtered("quantity"))
        lines = self._register_lines()
        self.assertEqual(sorted(lines.mapped("qf_register_direction")), ["in", "out"])
        self.assertEqual(lines.lot_id, self.lot)
        self.assertEqual(lines.owner_id, self.customer)

    def test_promised_return_date_runs_through_the_deadline_engine(self):
        """R-605: from the taking on, the promised return date is a deadline of the
        service order; a new promise replaces it; the return meets it."""
        receipt = self._receipt()
        order = receipt.order_id
        self.assertFalse(order.qf_deadline_ids.filtered(lambda d: d.kind == "repair"))
        self._sign_receipt(receipt)
        deadline = order.qf_deadline_ids.filtered(lambda d: d.kind == "repair")
        self.assertEqual(deadline.state, "on_time")
        self.assertEqual(deadline.user_id, self.user_technician)
        self.assertGreater(
            deadline.date_deadline.date(), receipt.date_promised - timedelta(days=1)
        )
        receipt.with_user(self.user_technician).write(
            {"date_promised": receipt.date_promised + timedelta(days=7)}
        )
        self.assertEqual(deadline.state, "cancelled")
        current = order.qf_deadline_ids.filtered(
            lambda d: d.kind == "repair" and d.state == "on_time"
        )
        self.assertEqual(len(current), 1)
        receipt.with_user(self.user_technician).action_hand_in()
        self._repaired(receipt)
        receipt.with_user(self.user_inspector).action_accept()
        self._sign_receipt(receipt, mode="return")
        self.assertEqual(current.state, "met")

    def test_refused_inspection_goes_back_with_a_new_repair(self):
        receipt = self._repaired()
        first = receipt.repair_id
        with self.assertRaisesRegex(UserError, "reason"):
            receipt.with_user(self.user_inspector)._qf_refuse("  ")
        self.env["quality.service.receipt.refuse"].with_user(
            self.user_inspector
        ).with_context(active_id=receipt.id).create(
            {"reason": "Still leaking"}
        ).action_confirm()
        self.assertEqual((receipt.state, receipt.holder), ("repair", "production"))
        self.assertEqual(receipt.inspection_result, "refused")
        self.assertNotEqual(receipt.repair_id, first)
        self.assertEqual(first.state, "done")
        self.assertEqual(receipt.repair_count, 2)
        self._finish_repair(receipt.repair_id)
        self.assertEqual(receipt.state, "inspection")

    def test_return_before_inspection_refused(self):
        receipt = self._taken_in()
        receipt.with_user(self.user_stock).action_hand_over()
        with self.assertRaisesRegex(UserError, "after the quality inspector accepted"):
            self._sign_receipt(receipt, mode="return")
        self._finish_repair(receipt.repair_id)
        with self.assertRaisesRegex(UserError, "after the quality inspector accepted"):
            receipt.with_user(self.user_technician).action_return()
        self.assertEqual(receipt.state, "inspection")
        self.assertFalse(receipt.picking_out_id)

    def test_void_twice_refused(self):
        receipt = self._repaired()
        receipt.with_user(self.user_inspector).action_accept()
        self._sign_receipt(receipt, mode="return")
        voided_on = receipt.voided_on
        with self.assertRaisesRegex(UserError, "cannot be voided twice"):
            self._sign_receipt(receipt, mode="return")
        with self.assertRaisesRegex(UserError, "cannot be voided twice"):
            receipt.with_user(self.user_director)._qf_return("Li", SIGNATURE)
        self.assertEqual(receipt.voided_on, voided_on)
        self.assertEqual(len(receipt.picking_out_id), 1)
        with self.assertRaisesRegex(UserError, "voided receipt is a record"):
            receipt.with_user(self.user_technician).description = "changed"

    # --- Who may do what --------------------------------------------------------------
    @mute_logger("odoo.models")
    def test_technician_reads_only_his_receipts(self):
        receipt = self._receipt()
        other = self.env["quality.service.receipt"].with_user(self.user_technician_2)
        self.assertFalse(other.search([("id", "=", receipt.id)]))
        with self.assertRaises(AccessError):
            other.browse(receipt.id).read(["name"])
        with self.assertRaises(AccessError):
            self._sign_receipt(receipt, user=self.user_technician_2)
        with self.assertRaises(AccessError):
            self._receipt(order=receipt.order_id, user=self.user_technician_2)
        self.assertEqual(receipt.state, "draft")
        # Field service users, the warehouse and the inspectors read them all.
        for user in (self.user_clerk, self.user_stock, self.user_inspector):
            self.assertTrue(
                self.env["quality.service.receipt"]
                .with_user(user)
                .search([("id", "=", receipt.id)])
            )

    def test_only_the_right_people_press_the_buttons(self):
        receipt = self._taken_in()
        with self.assertRaisesRegex(AccessError, "warehouse users"):
            receipt.with_user(self.user_technician).action_hand_over()
        receipt.with_user(self.user_stock).action_hand_over()
        self._finish_repair(receipt.repair_id)
        for user in (self.user_technician, self.user_stock):
            with self.assertRaisesRegex(AccessError, "quality inspector"):
                receipt.with_user(user).action_accept()
            with self.assertRaisesRegex(AccessError, "quality inspector"):
                receipt.with_user(user)._qf_refuse("no")
        self.assertEqual(receipt.state, "inspection")
        # The quality officer inspects too (the group implies the inspector).
        self.assertTrue(
            self.user_officer.has_group("quality_feedback.group_qf_quality_inspector")
        )

    def test_guarded_fields_refused_on_write_and_create(self):
        receipt = self._receipt()
        as_technician = receipt.with_user(self.user_technician)
        for vals in (
            {"state": "accepted"},
            {"holder": "customer"},
            {"signature": SIGNATURE},
            {"signed_by": "Me"},
            {"voided_on": fields.Datetime.now()},
            {"inspection_result": "accepted"},
            {"repair_id": self.env["repair.order"].search([], limit=1).id},
            {"order_id": self._order().id},
            {"partner_id": self.other_customer.id},
            {"name": "SJ0000-0001"},
        ):
            with self.assertRaises(AccessError, msg=vals):
                as_technician.write(vals)
        self.assertEqual((receipt.state, receipt.holder), ("draft", "customer"))
        with self.assertRaises(AccessError):
            self._receipt(state="voided")
        with self.assertRaises(AccessError):
            self._receipt(signature=SIGNATURE, signed_by="Forged")
        # Context defaults are dropped, not obeyed.
        hostile = (
            self.env["quality.service.receipt"]
            .with_user(self.user_technician)
            .with_context(default_state="accepted", default_holder="quality")
            .create(
                {
                    "order_id": self._order().id,
                    "product_id": self.product.id,
                    "lot_id": self.lot.id,
                    "date_promised": fields.Date.today(),
                }
            )
        )
        self.assertEqual((hostile.state, hostile.holder), ("draft", "customer"))

    def test_links_of_other_models_are_guarded(self):
        receipt = self._repaired()
        repair = receipt.repair_id.with_user(self.user_stock)
        with self.assertRaises(AccessError):
            repair.copy().write({"qf_receipt_id": receipt.id})
        with self.assertRaises(AccessError):
            receipt.picking_in_id.with_user(self.user_stock).write(
                {"qf_receipt_id": False}
            )
        self.assertEqual(receipt.picking_in_id.qf_receipt_id, receipt)

    def test_signed_receipt_product_fixed_and_kept(self):
        receipt = self._receipt()
        self._sign_receipt(receipt)
        as_technician = receipt.with_user(self.user_technician)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            as_technician.quantity = 2
        as_technician.date_promised = fields.Date.add(fields.Date.today(), days=20)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            as_technician.unlink()

    def test_quantity_must_be_positive(self):
        for quantity in (0, -1):
            with self.assertRaisesRegex(UserError, "must be positive"):
                self._receipt(quantity=quantity)
        receipt = self._receipt()
        with self.assertRaisesRegex(UserError, "must be positive"):
            receipt.with_user(self.user_technician).quantity = -3
        with self.assertRaisesRegex(UserError, "tracked"):
            self._receipt(lot_id=False)

    def test_take_back_only_on_a_dispatched_order(self):
        order = self._register()
        self.assertFalse(order.with_user(self.user_technician).qf_can_take_back)
        with self.assertRaisesRegex(UserError, "cannot be taken back"):
            self._receipt(order=order)
        self._dispatch(order)
        order = order.with_user(self.user_technician)
        self.assertTrue(order.qf_can_take_back)
        action = order.action_qf_take_back()
        self.assertEqual(action["context"]["default_order_id"], order.id)
        # The form the button opens, filled in by the technician.
        model = self.env[action["res_model"]].with_user(self.user_technician)
        form = Form(model.with_context(**action["context"]))
        self.assertEqual(form.product_id, self.product)
        self.assertEqual(form.lot_id, self.lot)
        form.date_promised = fields.Date.today()
        receipt = form.save()
        self.assertEqual(receipt.order_id, order)
        self.assertTrue(receipt.can_sign)
        for user in (self.user_stock, self.user_inspector, self.user_clerk):
            Form(receipt.with_user(user))  # every role opens it
        self.assertTrue(order.with_user(self.user_director).qf_can_take_back)
        self.assertFalse(order.with_user(self.user_clerk).qf_can_take_back)

    def test_every_warehouse_has_its_repair_location(self):
        self.assertTrue(self.location.qf_customer_repair)
        self.assertEqual(self.location.usage, "internal")
        self.assertEqual(self.location.location_id, self.warehouse.view_location_id)
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Branch Warehouse", "code": "BRW"}
        )
        location = warehouse.qf_repair_location_id
        self.assertTrue(location.qf_customer_repair)
        self.assertEqual(location.location_id, warehouse.view_location_id)
