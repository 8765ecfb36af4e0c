# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from psycopg2 import errors

from odoo import api, fields, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.quality_feedback.tests.common import two_transactions

from .common import ReturnsCase


class TestReturnSlip(ReturnsCase):
    """R-501..R-503: numbered slips, never more than delivered, confirmed by the
    department the reason designates, amount approved like a compensation."""

    def test_numbered_per_month(self):
        with freeze_time("2031-08-30"):
            first = self._slip(1)
        with freeze_time("2031-09-02"):
            second = self._slip(1)
        self.assertEqual(first.name, "RS3108-0001")
        self.assertEqual(second.name, "RS3109-0001")

    def test_lines_proposed_from_the_order(self):
        form = Form(self.env["quality.return.slip"].with_user(self.user_sales))
        form.ticket_id = self.complaint
        form.reason = "quality"
        self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.sale_order_id, self.order)
        with form.line_ids.edit(0) as line:
            self.assertEqual(line.product_id, self.pump)
            self.assertEqual(line.price_unit, 120)
            line.qty_requested = 3
        slip = form.save()
        self.assertEqual(slip.amount_total, 360)
        self.assertEqual(slip.line_ids.qty_approved, 3)

    def test_never_more_than_delivered(self):
        with self.assertRaisesRegex(UserError, "11.0 requested, 10.0 returnable"):
            self._slip(11).with_user(self.user_officer).action_confirm()
        first = self._slip(6)
        first.with_user(self.user_officer).action_confirm()
        # Counts down across slips: 4 are left.
        with self.assertRaisesRegex(UserError, "5.0 requested, 4.0 returnable"):
            self._slip(5).with_user(self.user_officer).action_confirm()
        self._slip(4).with_user(self.user_officer).action_confirm()
        # A cancelled slip gives its quantities back.
        first.with_user(self.user_officer).action_cancel()
        self._slip(6).with_user(self.user_officer).action_confirm()

    def test_bad_quantities_refused(self):
        with self.assertRaises(errors.CheckViolation), self.cr.savepoint():
            self._slip(-1)
        slip = self._slip(3)
        with self.assertRaises(errors.CheckViolation), self.cr.savepoint():
            slip.line_ids.qty_approved = 4  # more than requested
            slip.flush_recordset()

    def test_reason_decides_who_confirms(self):
        cases = {
            "quality": (self.user_officer, self.rnd_head),
            "technical": (self.rnd_head, self.user_officer),
            "late_delivery": (self.sales_manager, self.user_officer),
            "packaging": (self.sales_manager, self.rnd_head),
            "transport": (self.sales_manager, self.user_sales),
        }
        for reason, (allowed, refused) in cases.items():
            slip = self._slip(1, reason=reason)
            with self.assertRaises(AccessError, msg=reason):
                slip.with_user(refused).action_confirm()
            slip.with_user(allowed).action_confirm()
            self.assertEqual(slip.state, "confirmed")
            self.assertEqual(slip.confirmed_by_id, allowed)
            slip.with_user(allowed).action_cancel()

    def test_amount_approved_like_a_compensation(self):
        slip = self._slip(5)  # 600
        # The quality office takes back 4: 480.
        slip.line_ids.with_user(self.user_officer).qty_approved = 4
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        request = slip.compensation_id
        self.assertEqual(slip.state, "to_approve")
        self.assertEqual(request.method, "return")
        self.assertEqual(request.amount, 480)
        self.assertEqual(request.approval_level, 1)
        with self.assertRaisesRegex(UserError, "approved quantity is fixed"):
            slip.line_ids.with_user(self.user_officer).qty_approved = 5
        request.with_user(self.sales_manager).validate_tier()
        self.assertEqual(slip.state, "approved")
        self.assertEqual(request.state, "done")
        self.assertFalse(request.move_id)  # the slip credits what is received

    def test_big_return_goes_to_the_general_manager(self):
        slip = self._slip(10)  # 1,200
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        self.assertEqual(slip.compensation_id.approval_level, 2)
        with self.assertRaisesRegex(UserError, "waits for another approver"):
            slip.compensation_id.with_user(self.sales_manager).validate_tier()

    def test_state_only_by_buttons(self):
        slip = self._slip(2)
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            slip.with_user(self.user_officer).with_context(qf_return_move=True).write(
                {"state": "approved"}
            )
        self.assertEqual(slip.state, "draft")
        with self.assertRaisesRegex(UserError, "cannot go to Approved"):
            slip._qf_on_approved()

    def test_cancel_withdraws_the_approval_request(self):
        slip = self._slip(2)
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.with_user(self.user_sales).action_cancel()
        self.assertEqual(slip.compensation_id.state, "cancelled")
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            slip.compensation_id.with_user(self.sales_manager).validate_tier()


class TestReturnConfirmConcurrency(BaseCommon):
    """Issue #12, class 8: two slips for the last delivered pieces confirmed at the
    same moment. The second transaction's snapshot is older than the first commit;
    it must fail to serialise (Odoo retries the request) and then be refused, never
    take back more than was delivered. Real transactions; their data is removed."""

    def test_two_confirmations_at_once(self):
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            ids = self._committed_slips(api.Environment(cr, api.SUPERUSER_ID, {}))
        self.addCleanup(self._remove_committed, dbname, ids)

        with two_transactions(dbname) as (env_first, env_second):
            first = env_first["quality.return.slip"].browse(ids["slips"][0])
            second = env_second["quality.return.slip"].browse(ids["slips"][1])
            # The second request reads the slip before the first one commits.
            self.assertEqual(second.state, "draft")
            first.action_confirm()
            env_first.cr.commit()
            with self.assertRaises(errors.SerializationFailure):
                second.action_confirm()
            # Odoo retries the request in a new transaction, which sees the first slip.
            env_second.cr.rollback()
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "6.0 requested, 4.0 returnable"):
                second.action_confirm()
            env_second.cr.rollback()
            env_second.invalidate_all()
            taken = env_second["quality.return.slip.line"].search(
                [
                    ("sale_line_id", "=", ids["sale_line"]),
                    ("slip_id.state", "not in", ("draft", "cancelled")),
                ]
            )
            self.assertEqual(taken.slip_id.ids, ids["slips"][:1])
            self.assertLessEqual(sum(taken.mapped("qty_requested")), 10)

    def _committed_slips(self, env):
        """10 valves delivered on one order line, and two draft slips of 6 each."""
        partner = env["res.partner"].create(
            {"name": "Concurrent Returns Co.", "is_company": True}
        )
        product = env["product.product"].create({"name": "Concurrent Gate Valve"})
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    fields.Command.create(
                        {"product_id": product.id, "product_uom_qty": 10}
                    )
                ],
            }
        )
        sale_line = order.order_line
        delivery = env["stock.move"].create(
            {
                "product_id": product.id,
                "product_uom_qty": 10,
                "location_id": env.ref("stock.stock_location_stock").id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "sale_line_id": sale_line.id,
                "state": "done",
            }
        )
        slips = env["quality.return.slip"].create(
            [
                {
                    "partner_id": partner.id,
                    "sale_order_id": order.id,
                    "reason": "quality",
                    "line_ids": [
                        fields.Command.create(
                            {
                                "sale_line_id": sale_line.id,
                                "product_id": product.id,
                                "qty_requested": 6,
                                "price_unit": sale_line.price_unit,
                            }
                        )
                    ],
                }
                for _i in range(2)
            ]
        )
        return {
            "partner": partner.id,
            "product": product.id,
            "order": order.id,
            "sale_line": sale_line.id,
            "delivery": delivery.id,
            "slips": slips.ids,
        }

    def _remove_committed(self, dbname, ids):
        with sql_db.db_connect(dbname).cursor() as cr:
            cr.execute(
                "DELETE FROM quality_return_slip WHERE id IN %s", [tuple(ids["slips"])]
            )
            cr.execute("DELETE FROM stock_move WHERE id = %s", [ids["delivery"]])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["sale.order"].browse(ids["order"]).unlink()
            env["product.product"].browse(ids["product"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
