# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, sql_db
from odoo.exceptions import AccessError, UserError

from odoo.addons.quality_feedback.tests.common import two_transactions

from .common import ReturnsCase


class TestReturnCreditNote(ReturnsCase):
    """R-506: finance credits what was received, once, at the sold price and taxes,
    against the original invoice; cancelling the credit note frees the quantities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 13%", "amount": 13, "type_tax_use": "sale"}
        )
        cls.sale_line.tax_ids = cls.tax
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()

    def _received_slip(self, quantity, received=None):
        slip = self._approved_slip(quantity)
        self._receive(
            slip.picking_ids,
            quantity if received is None else received,
            backorder=False,
        )
        return slip

    def test_credit_note_for_what_was_received(self):
        slip = self._received_slip(4)
        self.assertTrue(slip.to_credit)
        action = slip.with_user(self.finance).action_create_credit_note()
        credit_note = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.partner_id, self.customer)
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.qf_return_slip_id, slip)
        self.assertEqual(slip.credit_note_ids, credit_note)
        line = credit_note.invoice_line_ids
        self.assertEqual(line.quantity, 4)
        self.assertEqual(line.price_unit, 120)
        self.assertEqual(line.tax_ids, self.tax)
        self.assertEqual(line.qf_return_line_id, slip.line_ids)
        self.assertEqual(slip.line_ids.credit_line_ids, line)
        self.assertAlmostEqual(credit_note.amount_untaxed, 480)
        self.assertAlmostEqual(credit_note.amount_total, 542.4)
        self.assertFalse(slip.to_credit)

    def test_credited_slip_still_opens_for_every_role(self):
        """Quality roles have no stock or invoice rights (issue #12): the slip counts
        its transfers and credit notes for them."""
        slip = self._received_slip(4)
        slip.with_user(self.finance).action_create_credit_note()
        users = (
            self.warehouse_user,
            self.user_sales,
            self.user_officer,
            self.user_manager,
            self.user_gm,
            self.user_chairman,
        )
        for user in users:
            with self.subTest(user=user.login):
                slip.invalidate_recordset()
                fields_read = slip.with_user(user).web_read(
                    {
                        "picking_count": {},
                        "credit_note_count": {},
                        "line_ids": {"fields": {"qty_credited": {}}},
                    }
                )
                self.assertEqual(fields_read[0]["picking_count"], 1)
                self.assertEqual(fields_read[0]["credit_note_count"], 1)
                self.assertEqual(fields_read[0]["line_ids"][0]["qty_credited"], 4)

    def test_no_second_credit_note_for_the_same_quantities(self):
        slip = self._received_slip(4)
        slip.with_user(self.finance).action_create_credit_note()
        with self.assertRaisesRegex(UserError, "already credited"):
            slip.with_user(self.finance).action_create_credit_note()
        self.assertEqual(len(slip.credit_note_ids), 1)

    def test_cancelled_credit_note_frees_the_quantities(self):
        slip = self._received_slip(4)
        action = slip.with_user(self.finance).action_create_credit_note()
        self.env["account.move"].browse(action["res_id"]).with_user(
            self.finance
        ).button_cancel()
        self.assertEqual(slip.line_ids.qty_credited, 0)
        self.assertTrue(slip.to_credit)
        slip.with_user(self.finance).action_create_credit_note()
        self.assertEqual(slip.line_ids.qty_credited, 4)

    def test_difference_must_be_acknowledged_first(self):
        slip = self._received_slip(4, received=3)
        self.assertEqual(slip.state, "difference")
        with self.assertRaisesRegex(UserError, r"Booster Pump BP-7 \(3.0 / 4.0\)"):
            slip.with_user(self.finance).action_create_credit_note()
        slip.line_ids.with_user(self.warehouse_user).difference_reason = "One pump lost"
        slip.with_user(self.sales_manager).action_acknowledge_difference()
        action = slip.with_user(self.finance).action_create_credit_note()
        self.assertEqual(
            self.env["account.move"].browse(action["res_id"]).invoice_line_ids.quantity,
            3,
        )

    def test_only_finance_credits_and_only_received_goods(self):
        slip = self._approved_slip(4)
        with self.assertRaisesRegex(UserError, "not received yet"):
            slip.with_user(self.finance).action_create_credit_note()
        with self.assertRaises(AccessError):
            slip.with_user(self.user_sales).action_create_credit_note()


class TestReturnCreditNoteConcurrency(ReturnsCase):
    """Two finance users crediting the same slip at once get one credit note. Real
    transactions; what they commit is removed afterwards."""

    def test_two_credits_at_once(self):
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concurrent Returns Ltd"})
            product = env["product.product"].create({"name": "Concurrent Valve"})
            slip = env["quality.return.slip"].create(
                {
                    "partner_id": partner.id,
                    "reason": "quality",
                    "line_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "qty_requested": 2,
                                "price_unit": 10,
                            }
                        )
                    ],
                }
            )
            # Set-up as the superuser: a slip whose 2 valves came back.
            slip.write({"state": "received"})
            slip.warehouse_id._qf_ensure_return_location()
            slip.line_ids.move_ids = [
                fields.Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 2,
                        "quantity": 2,
                        "location_id": env.ref("stock.stock_location_customers").id,
                        "location_dest_id": slip.warehouse_id.qf_return_location_id.id,
                        "state": "done",
                        "qf_received_qty": 2,
                    }
                )
            ]
            ids = (partner.id, product.id, slip.id)
        self.addCleanup(self._remove_committed, dbname, *ids)

        with two_transactions(dbname) as (env_first, env_second):
            env_first["quality.return.slip"].browse(ids[2]).action_create_credit_note()
            with self.assertRaisesRegex(UserError, "being credited by someone else"):
                env_second["quality.return.slip"].browse(
                    ids[2]
                ).action_create_credit_note()
            env_second.cr.rollback()
            env_first.cr.commit()
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "already credited"):
                env_second["quality.return.slip"].browse(
                    ids[2]
                ).action_create_credit_note()
            self.assertEqual(
                env_second["account.move"].search_count(
                    [("qf_return_slip_id", "=", ids[2])]
                ),
                1,
            )

    def _remove_committed(self, dbname, partner_id, product_id, slip_id):
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            slip = env["quality.return.slip"].browse(slip_id)
            slip.credit_note_ids.unlink()
            cr.execute(
                "DELETE FROM stock_move WHERE qf_return_line_id IN %s",
                [tuple(slip.line_ids.ids)],
            )
            cr.execute("DELETE FROM quality_return_slip WHERE id = %s", [slip_id])
            env["product.product"].browse(product_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
