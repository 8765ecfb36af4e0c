# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""R-504 and R-506 against any caller: the transfers, moves, credit notes and their
lines that decide what a slip received and credited (issue #12, classes 1-3), with
the same attacker as test_returns_attacks."""

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ReturnsAttackCase

GUARDED = "change only through its buttons"


class TestTransferAttacks(ReturnsAttackCase):
    """The links of transfers and moves to a slip decide what it received."""

    def test_transfer_linked_to_a_slip(self):
        slip = self._approved_slip(4)
        pickings = self.env["stock.picking"]
        own = pickings.with_user(self.warehouse_user).create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_customers").id,
                "location_dest_id": self.warehouse.qf_return_location_id.id,
            }
        )
        for user in (self.warehouse_user, self.sales_manager, self.finance):
            with self.subTest(user=user.login):
                self.assertRefused(
                    AccessError,
                    lambda u=user: self.attacker(pickings, u).create(
                        {
                            "picking_type_id": self.warehouse.in_type_id.id,
                            "qf_return_slip_id": slip.id,
                        }
                    ),
                    slip,
                    ("picking_count",),
                    regex=GUARDED,
                )
        for values in ({"qf_return_slip_id": slip.id}, {"qf_replacement": True}):
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda v=values: self.attacker(own, self.warehouse_user).write(v),
                    own,
                    ("qf_return_slip_id", "qf_replacement"),
                    regex=GUARDED,
                )

    def test_move_linked_to_a_slip_line(self):
        slip = self._approved_slip(4)
        receipt = slip.picking_ids
        line = slip.line_ids
        values = {
            "product_id": self.pump.id,
            "product_uom_qty": 6,
            "picking_id": receipt.id,
            "qf_return_line_id": line.id,
        }
        for user in (self.warehouse_user, self.finance, self.sales_manager):
            with self.subTest(user=user.login):
                self.assertRefused(
                    AccessError,
                    lambda u=user: self.attacker(self.env["stock.move"], u).create(
                        values
                    ),
                    line,
                    ("move_ids", "qty_received"),
                    regex=GUARDED,
                )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(receipt, self.warehouse_user).write(
                {
                    "move_ids": [
                        fields.Command.create(
                            {
                                "product_id": self.pump.id,
                                "product_uom_qty": 6,
                                "qf_return_line_id": line.id,
                            }
                        )
                    ]
                }
            ),
            line,
            ("move_ids", "qty_received"),
        )
        move = receipt.move_ids
        for values in ({"qf_return_line_id": False}, {"qf_received_qty": 40}):
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda v=values: self.attacker(move, self.warehouse_user).write(v),
                    move,
                    ("qf_return_line_id", "qf_received_qty"),
                    regex=GUARDED,
                )

    def test_inspection_transfer_turned_into_a_receipt(self):
        slip = self._received(3)
        slip.line_ids.with_user(self.user_officer).action_inspect_pass()
        transfer = slip.picking_ids.filtered(
            lambda p: p.picking_type_id == self.warehouse.int_type_id
        )
        customers = self.env.ref("stock.stock_location_customers")
        returns = self.warehouse.qf_return_location_id
        self.assertRefused(
            AccessError,
            lambda: self.attacker(transfer, self.warehouse_user).write(
                {"location_id": customers.id, "location_dest_id": returns.id}
            ),
            transfer,
            ("location_id", "location_dest_id"),
            regex="Source Location",
        )
        # The partner and the type recompute the locations without writing the moves.
        for values in (
            {"picking_type_id": self.warehouse.in_type_id.id},
            {"partner_id": self.other_customer.id},
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda v=values: self.attacker(transfer, self.warehouse_user).write(
                        v
                    ),
                    transfer,
                    ("location_id", "location_dest_id", "partner_id"),
                    regex="of Transfer change only through its buttons",
                )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(transfer.move_ids, self.warehouse_user).write(
                {"location_id": customers.id}
            ),
            transfer.move_ids,
            ("location_id",),
            regex=GUARDED,
        )
        own = (
            self.env["stock.picking"]
            .with_user(self.warehouse_user)
            .create(
                {
                    "picking_type_id": self.warehouse.in_type_id.id,
                    "location_id": customers.id,
                    "location_dest_id": returns.id,
                }
            )
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(transfer.move_ids, self.warehouse_user).write(
                {"picking_id": own.id}
            ),
            transfer.move_ids,
            ("picking_id", "location_id"),
            regex="stays in the transfers of its slip",
        )
        self.assertEqual(slip.line_ids.qty_received, 3)

    def test_move_forced_done_does_not_count(self):
        slip = self._approved_slip(4)
        self._receive(slip.picking_ids, 1)
        backorder = slip.picking_ids.filtered(lambda p: p.state != "done")
        move = self.attacker(backorder.move_ids, self.warehouse_user)
        move.quantity = 3
        move.write({"state": "done"})
        self.assertEqual(slip.line_ids.qty_received, 1)
        self.assertEqual(slip.state, "approved")


class TestCreditNoteAttacks(ReturnsAttackCase):
    """Finance edits the draft credit note of a slip, never beyond the slip."""

    def test_credit_note_linked_to_a_slip(self):
        slip = self._received(4)
        moves = self.attacker(self.env["account.move"], self.finance)
        values = {"move_type": "out_refund", "partner_id": self.customer.id}
        for forged in (
            {"qf_return_slip_id": slip.id},
            {
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "product_id": self.pump.id,
                            "quantity": 4,
                            "price_unit": 120,
                            "qf_return_line_id": slip.line_ids.id,
                        }
                    )
                ]
            },
        ):
            with self.subTest(forged=list(forged)):
                self.assertRefused(
                    AccessError,
                    lambda f=forged: moves.create({**values, **f}),
                    slip.line_ids,
                    ("qty_credited", "credit_line_ids"),
                    regex=GUARDED,
                )
        credit_note = moves.with_context(default_qf_return_slip_id=slip.id).create(
            values
        )
        self.assertFalse(credit_note.qf_return_slip_id)
        self.assertTrue(slip.to_credit)

    def test_links_of_an_existing_credit_note(self):
        _slip, credit_note = self._credited(4)
        other = self._received(2)
        request = self.env["quality.compensation"].create(
            {"ticket_id": self.complaint.id, "amount": 1, "reason": "x"}
        )
        attempts = [
            (credit_note, {"qf_return_slip_id": other.id}),
            (credit_note, {"qf_compensation_id": request.id}),
            (credit_note.invoice_line_ids, {"qf_return_line_id": other.line_ids.id}),
        ]
        for records, values in attempts:
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda r=records, v=values: self.attacker(r, self.finance).write(v),
                    other.line_ids,
                    ("qty_credited", "credit_line_ids"),
                    regex=GUARDED,
                )
        payments = self.attacker(self.env["account.payment"], self.finance)
        self.assertRefused(
            AccessError,
            lambda: payments.create(
                {
                    "payment_type": "outbound",
                    "partner_id": self.customer.id,
                    "amount": 1,
                    "qf_compensation_id": request.id,
                }
            ),
            request,
            ("payment_id", "state"),
            regex=GUARDED,
        )

    def test_fifty_credited_for_five_received(self):
        slip, credit_note = self._credited(5)
        line = credit_note.invoice_line_ids
        for values in ({"quantity": 50}, {"price_unit": 1200}, {"discount": -100}):
            with self.subTest(values=values):
                self.assertRefused(
                    ValidationError,
                    lambda v=values: self.attacker(credit_note, self.finance).write(
                        {"invoice_line_ids": [fields.Command.update(line.id, v)]}
                    ),
                    line,
                    ("quantity", "price_unit", "discount"),
                    regex="More would be credited|credited at most at 120.0",
                )
        dozens = self.env.ref("uom.product_uom_dozen")
        self.assertRefused(
            ValidationError,
            lambda: self.attacker(line, self.finance).write(
                {"product_uom_id": dozens.id}
            ),
            line,
            ("product_uom_id",),
            regex="More would be credited",
        )
        self.assertEqual(slip.line_ids.qty_credited, 5)

    def test_credited_twice(self):
        slip, _credit_note = self._credited(4)
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip, self.finance).action_create_credit_note(),
            slip.line_ids,
            ("qty_credited",),
            regex="already credited",
        )
        self.assertEqual(len(slip.credit_note_ids), 1)

    def test_cancelled_credit_note_set_back_to_draft(self):
        slip, first = self._credited(4)
        first.with_user(self.finance).button_cancel()
        slip.with_user(self.finance).action_create_credit_note()
        self.assertRefused(
            ValidationError,
            lambda: self.attacker(first, self.finance).button_draft(),
            first,
            ("state",),
            regex="4.0 received",
        )
        self.assertEqual(slip.line_ids.qty_credited, 4)

    def test_after_a_cancel_only_the_remainder_is_credited(self):
        """3 credited, then 1, then the 3 cancelled: the next credit note is for 3,
        not for the 4 received."""
        slip, first = self._credited(4)
        first.with_user(self.finance).write(
            {
                "invoice_line_ids": [
                    fields.Command.update(first.invoice_line_ids.id, {"quantity": 3})
                ]
            }
        )
        slip.with_user(self.finance).action_create_credit_note()
        first.with_user(self.finance).button_cancel()
        action = slip.with_user(self.finance).action_create_credit_note()
        third = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(third.invoice_line_ids.quantity, 3)
        self.assertEqual(slip.line_ids.qty_credited, 4)
        self.assertEqual(len(slip.credit_note_ids), 3)
