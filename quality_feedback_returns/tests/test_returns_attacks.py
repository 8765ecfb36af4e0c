# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""R-501..R-506 against any caller: slips and their lines, tried as each user would
over RPC with any values and context keys (issue #12, classes 1-3; transfers and
credit notes in test_returns_attacks_settlement). Each attempt names the error it
expects and checks that nothing changed."""

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ReturnsAttackCase

SLIP_FIELDS = (
    "name",
    "state",
    "confirmed_by_id",
    "compensation_id",
    "difference_acknowledged_by_id",
    "partner_id",
    "amount_total",
)
LINE_FIELDS = ("slip_id", "qty_received", "qty_credited", "inspection", "sale_line_id")
GUARDED = "change only through its buttons"


class TestSlipAttacks(ReturnsAttackCase):
    """The slip: its state, number, approval and who pressed which button."""

    def test_created_approved_or_received(self):
        slips = self.attacker(self.env["quality.return.slip"], self.user_sales)
        count = slips.sudo().search_count([])
        for values in ({"state": "approved"}, {"state": "received"}, {"name": "X-1"}):
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda v=values: slips.create(
                        {
                            "partner_id": self.customer.id,
                            "reason": "quality",
                            "line_ids": [fields.Command.create(self._line_vals(1))],
                            **v,
                        }
                    ),
                    regex=GUARDED,
                )
        self.assertEqual(slips.sudo().search_count([]), count)

    def test_default_context_keys_are_dropped(self):
        request = self.env["quality.compensation"].create(
            {"ticket_id": self.complaint.id, "amount": 1, "reason": "x"}
        )
        slip = (
            self.attacker(self.env["quality.return.slip"], self.user_sales)
            .with_context(
                default_state="received",
                default_name="FORGED",
                default_compensation_id=request.id,
                default_confirmed_by_id=self.user_officer.id,
            )
            .create({"partner_id": self.customer.id, "reason": "quality"})
        )
        self.assertEqual(slip.state, "draft")
        self.assertRegex(slip.name, r"^RS\d{4}-\d{4}$")
        self.assertFalse(slip.compensation_id)
        self.assertFalse(slip.confirmed_by_id)

    def test_guarded_fields_written(self):
        slip = self._slip(2)
        request = self.env["quality.compensation"].create(
            {"ticket_id": self.complaint.id, "amount": 1, "reason": "x"}
        )
        attempts = [
            (self.user_sales, {"state": "received"}),
            (self.user_officer, {"state": "approved"}),
            (self.sales_manager, {"state": "confirmed"}),
            (self.user_sales, {"name": "RS0000-0001"}),
            (self.user_sales, {"confirmed_by_id": self.user_officer.id}),
            (self.user_sales, {"compensation_id": request.id}),
            (self.user_sales, {"difference_acknowledged_by_id": self.sales_manager.id}),
            (self.user_sales, {"amount_total": 1}),
            (self.user_sales, {"to_credit": True}),
        ]
        for user, values in attempts:
            with self.subTest(user=user.login, values=values):
                self.assertRefused(
                    AccessError,
                    lambda u=user, v=values: self.attacker(slip, u).write(v),
                    slip,
                    SLIP_FIELDS,
                    regex=GUARDED,
                )

    def test_confirmed_by_the_wrong_group(self):
        quality = self._slip(2)
        technical = self._slip(2, reason="technical")
        attempts = [
            (quality, self.user_sales),
            (quality, self.rnd_head),
            (quality, self.sales_manager),
            (quality, self.warehouse_user),
            (technical, self.user_officer),
        ]
        for slip, user in attempts:
            with self.subTest(user=user.login, reason=slip.reason):
                self.assertRefused(
                    AccessError,
                    lambda s=slip, u=user: self.attacker(s, u).action_confirm(),
                    slip,
                    SLIP_FIELDS,
                    regex="is confirmed by",
                )

    def test_two_slips_confirmed_in_one_call_count_each_other(self):
        slips = self._slip(6) | self._slip(6)
        self.assertRefused(
            UserError,
            lambda: self.attacker(slips, self.user_officer).action_confirm(),
            slips,
            ("state",),
            regex="12.0 requested, 10.0 returnable",
        )

    def test_buttons_of_other_roles(self):
        confirmed = self._slip(2)
        confirmed.with_user(self.user_officer).action_confirm()
        attempts = [
            (self.warehouse_user, "action_request_approval", "quality.return.slip"),
            (self.finance, "action_request_approval", "quality.return.slip"),
            (self.warehouse_user, "action_cancel", "quality.return.slip"),
            (self.finance, "action_cancel", "quality.return.slip"),
            (self.user_sales, "action_create_credit_note", "Only finance"),
        ]
        for user, method, regex in attempts:
            with self.subTest(user=user.login, method=method):
                self.assertRefused(
                    AccessError,
                    lambda u=user, m=method: getattr(self.attacker(confirmed, u), m)(),
                    confirmed,
                    SLIP_FIELDS,
                    regex=regex,
                )

    def test_difference_acknowledged_by_a_non_sales_manager(self):
        slip = self._received(4, received=3)
        slip.line_ids.with_user(self.warehouse_user).difference_reason = "One lost"
        self.assertEqual(slip.state, "difference")
        for user in (self.user_sales, self.user_officer, self.finance, self.user_gm):
            with self.subTest(user=user.login):
                self.assertRefused(
                    AccessError,
                    lambda u=user: self.attacker(
                        slip, u
                    ).action_acknowledge_difference(),
                    slip,
                    SLIP_FIELDS,
                    regex="Only a sales manager",
                )

    def test_replacement_planned_by_the_warehouse(self):
        slip = self._received(2, handling="replacement")
        self.assertRefused(
            AccessError,
            lambda: self.attacker(
                slip, self.warehouse_user
            ).action_deliver_replacement(),
            slip,
            ("picking_count",),
            regex="Only sales plan the replacement",
        )

    def test_order_or_complaint_of_another_customer(self):
        other_order = self._order_of(self.other_customer)
        other_complaint = self._new_complaint(partner_id=self.other_customer.id)
        slips = self.attacker(self.env["quality.return.slip"], self.user_sales)
        for values in (
            {"sale_order_id": other_order.id},
            {"ticket_id": other_complaint.id},
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    ValidationError,
                    lambda v=values: slips.create(
                        {"partner_id": self.customer.id, "reason": "quality", **v}
                    ),
                    regex="must be those of its customer, Hangzhou Pump Works",
                )

    def test_customer_changed_after_receipt(self):
        slip = self._received(2)
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip, self.user_sales).write(
                {"partner_id": self.other_customer.id}
            ),
            slip,
            SLIP_FIELDS,
            regex="cannot change any more",
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip, self.user_sales).unlink(),
            slip,
            SLIP_FIELDS,
            regex="Only draft or cancelled",
        )

    def test_own_cheap_request_linked_to_the_slip(self):
        slip = self._slip(2)
        slip.with_user(self.user_officer).action_confirm()
        request = (
            self.env["quality.compensation"]
            .with_user(self.user_sales)
            .create(
                {
                    "ticket_id": self.complaint.id,
                    "method": "return",
                    "amount": 1,
                    "reason": "x",
                }
            )
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).write(
                {"return_slip_ids": [fields.Command.link(slip.id)]}
            ),
            slip,
            SLIP_FIELDS,
            regex=GUARDED,
        )


class TestLineAttacks(ReturnsAttackCase):
    """Quantities, inspection and what a line returns."""

    def test_quantities_and_inspection_written(self):
        slip, _credit_note = self._credited(4)
        line = slip.line_ids
        attempts = [
            (self.user_sales, {"qty_received": 50}),
            (self.user_officer, {"qty_received": 50}),
            (self.sales_manager, {"qty_credited": 0}),
            (self.user_officer, {"inspection": "pass"}),
            (self.user_sales, {"amount": 1}),
            (self.warehouse_user, {"qty_received": 50}),
        ]
        for user, values in attempts:
            with self.subTest(user=user.login, values=values):
                self.assertRefused(
                    AccessError,
                    lambda u=user, v=values: self.attacker(line, u).write(v),
                    line,
                    LINE_FIELDS,
                )
        self.assertFalse(slip.to_credit)

    def test_approved_quantity_raised_after_confirmation(self):
        slip = self._slip(5)
        slip.line_ids.with_user(self.user_officer).qty_approved = 3
        slip.with_user(self.user_officer).action_confirm()
        self.assertRefused(
            AccessError,
            lambda: self.attacker(slip.line_ids, self.user_sales).write(
                {"qty_approved": 5}
            ),
            slip.line_ids,
            ("qty_approved", "amount"),
            regex="is confirmed by .*Quality Officer only",
        )
        slip.line_ids.with_user(self.user_officer).qty_approved = 2
        self.assertEqual(slip.amount_total, 240)

    def test_line_moved_to_another_slip(self):
        mine = self._slip(2)
        other = self._slip(1)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(mine.line_ids, self.user_sales).write(
                {"slip_id": other.id}
            ),
            mine.line_ids,
            LINE_FIELDS,
            regex="Slip of Return Slip Line change only",
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(other, self.user_sales).write(
                {"line_ids": [fields.Command.link(mine.line_ids.id)]}
            ),
            mine.line_ids,
            LINE_FIELDS,
        )

    def test_line_created_with_quantities(self):
        slip = self._slip(1)
        lines = self.attacker(self.env["quality.return.slip.line"], self.user_sales)
        for values in (
            {"qty_received": 5},
            {"qty_credited": 5},
            {"inspection": "pass"},
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    AccessError,
                    lambda v=values: lines.create(
                        {"slip_id": slip.id, **self._line_vals(1), **v}
                    ),
                    slip,
                    SLIP_FIELDS,
                    regex=GUARDED,
                )
        line = lines.with_context(
            default_qty_received=5, default_inspection="pass"
        ).create({"slip_id": slip.id, **self._line_vals(1)})
        self.assertEqual((line.qty_received, line.inspection), (0, "pending"))

    def test_lines_added_or_removed_after_confirmation(self):
        slip = self._slip(2)
        slip.with_user(self.user_officer).action_confirm()
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip, self.user_sales).write(
                {"line_ids": [fields.Command.create(self._line_vals(8))]}
            ),
            slip,
            SLIP_FIELDS,
            regex="Only the lines of a draft",
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip.line_ids, self.user_sales).unlink(),
            slip.line_ids,
            LINE_FIELDS,
            regex="Only the lines of a draft",
        )
        self.assertEqual(len(slip.line_ids), 1)

    def test_another_customers_order_line(self):
        other_order = self._order_of(self.other_customer)
        slip = self._slip(1)
        slips = self.attacker(self.env["quality.return.slip"], self.user_sales)
        self.assertRefused(
            ValidationError,
            lambda: slips.create(
                {
                    "partner_id": self.customer.id,
                    "reason": "quality",
                    "line_ids": [
                        fields.Command.create(
                            self._line_vals(5, other_order.order_line)
                        )
                    ],
                }
            ),
            regex="is not an order of Hangzhou Pump Works",
        )
        self.assertRefused(
            ValidationError,
            lambda: self.attacker(slip.line_ids, self.user_sales).write(
                {"sale_line_id": other_order.order_line.id}
            ),
            slip.line_ids,
            LINE_FIELDS,
            regex="is not an order of Hangzhou Pump Works",
        )

    def test_other_product_on_the_order_line(self):
        slip = self._slip(1)
        self.assertRefused(
            ValidationError,
            lambda: self.attacker(slip.line_ids, self.user_sales).write(
                {"product_id": self.product.id}
            ),
            slip.line_ids,
            ("product_id",),
            regex="was not sold on the order line",
        )

    def test_price_above_the_sold_price(self):
        slip = self._slip(1)
        self.assertRefused(
            ValidationError,
            lambda: self.attacker(slip.line_ids, self.user_sales).write(
                {"price_unit": 5000}
            ),
            slip.line_ids,
            ("price_unit",),
            regex="was sold at 120.0 a unit",
        )

    def test_inspection_by_sales(self):
        slip = self._received(2)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(slip.line_ids, self.user_sales).action_inspect_pass(),
            slip.line_ids,
            LINE_FIELDS,
            regex="Only the quality office",
        )
