# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.quality_feedback.models.quality_reader import (
    qf_for_reader,
    qf_reader_today,
)

# What a line returns, at which price, is fixed once its slip leaves draft.
DRAFT_ONLY = {"product_id", "lot_id", "sale_line_id", "qty_requested", "price_unit"}


class QualityReturnSlipLine(models.Model):
    """One product of a return slip: requested, approved and received quantities,
    the price it was sold at, and the amount credited for it."""

    _name = "quality.return.slip.line"
    _description = "Return Slip Line"
    _inherit = ["quality.guarded.mixin"]
    _order = "slip_id, id"
    _check_company_auto = True
    # Received and credited quantities follow the validated receipts and the credit
    # notes, the inspection the quality office's buttons; amount is computed.
    _qf_guarded_fields = ("qty_received", "qty_credited", "inspection")
    _qf_fixed_fields = ("slip_id",)

    slip_id = fields.Many2one(
        comodel_name="quality.return.slip",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="slip_id.company_id", store=True)
    state = fields.Selection(related="slip_id.state")
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Sales Order Line",
        index="btree_not_null",
        check_company=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        domain=[("type", "=", "consu")],
        check_company=True,
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    qty_requested = fields.Float(string="Requested", digits="Product Unit")
    qty_approved = fields.Float(
        string="Approved",
        digits="Product Unit",
        compute="_compute_qty_approved",
        store=True,
        readonly=False,
        help="What the confirming department accepts to take back; the requested "
        "quantity until it says otherwise.",
    )
    move_ids = fields.One2many(
        comodel_name="stock.move",
        inverse_name="qf_return_line_id",
        string="Stock Moves",
    )
    qty_received = fields.Float(
        string="Received",
        digits="Product Unit",
        compute="_compute_qty_received",
        store=True,
        help="What the validated receipts of this line brought into the customer "
        "returns location.",
    )
    credit_line_ids = fields.One2many(
        comodel_name="account.move.line",
        inverse_name="qf_return_line_id",
        string="Credit Note Lines",
    )
    qty_credited = fields.Float(
        string="Credited",
        digits="Product Unit",
        compute="_compute_qty_credited",
        store=True,
        help="Quantity on credit notes that are not cancelled; cancelling a credit "
        "note frees its quantities (R-506).",
    )
    difference_reason = fields.Char(
        help="Why the warehouse received another quantity than approved (R-504)."
    )
    inspection = fields.Selection(
        selection=[
            ("pending", "To Inspect"),
            ("pass", "Passed: Back to Stock"),
            ("scrap", "Failed: Scrapped"),
            ("repair", "Failed: To Repair"),
            ("vendor", "Failed: Back to Vendor"),
        ],
        string="Re-inspection",
        default="pending",
        readonly=True,
        copy=False,
    )
    currency_id = fields.Many2one(related="slip_id.currency_id")
    price_unit = fields.Monetary(string="Unit Price", required=True)
    amount = fields.Monetary(compute="_compute_amount", store=True)

    _quantities_positive = models.Constraint(
        "CHECK (qty_requested >= 0 AND qty_approved >= 0 AND qty_approved <= qty_requested)",
        "Quantities cannot be negative, and the approved quantity cannot exceed the "
        "requested one.",
    )
    _price_positive = models.Constraint(
        "CHECK (price_unit >= 0)", "The unit price cannot be negative."
    )

    @api.depends("qty_requested")
    def _compute_qty_approved(self):
        for line in self:
            line.qty_approved = line.qty_requested

    @api.depends("move_ids.qf_received_qty")
    def _compute_qty_received(self):
        for line in self:
            line.qty_received = sum(line.move_ids.mapped("qf_received_qty"))

    @api.depends(
        "credit_line_ids.quantity",
        "credit_line_ids.product_uom_id",
        "credit_line_ids.parent_state",
    )
    def _compute_qty_credited(self):
        for line in self:
            line.qty_credited = sum(
                credit.product_uom_id._compute_quantity(credit.quantity, line.uom_id)
                for credit in line.credit_line_ids
                if credit.parent_state != "cancel"
            )

    def _qf_check_credited(self):
        """Never more credited than received, over every credit note not cancelled:
        a credit note edited up or set back to draft cannot credit twice (R-506)."""
        over = self.filtered(
            lambda line: line.uom_id.compare(line.qty_credited, line.qty_received) > 0
        )
        if over:
            raise ValidationError(
                self.env._(
                    "More would be credited than received: %s.",
                    "; ".join(
                        self.env._(
                            "%(product)s on %(slip)s: %(credited)s credited, "
                            "%(received)s received",
                            product=line.product_id.display_name,
                            slip=line.slip_id.name,
                            credited=line.qty_credited,
                            received=line.qty_received,
                        )
                        for line in over
                    ),
                )
            )

    # --- Re-inspection (R-505) ------------------------------------------------------------
    def _qf_inspect(self, outcome):
        """The quality office decides what becomes of the received goods: back to
        sellable stock, scrapped, set aside for repair or sent back to the vendor."""
        if not self.env.su:
            if not self.env.user.has_group("quality_feedback.group_qf_officer"):
                raise AccessError(
                    self.env._("Only the quality office inspects returned goods.")
                )
            self.check_access("write")
        for line in self:
            if line.slip_id.state != "received":
                raise UserError(
                    self.env._(
                        "Goods of %s are inspected once received.", line.slip_id.name
                    )
                )
            if line.inspection != "pending" or not line.qty_received:
                raise UserError(
                    self.env._(
                        "%s is already inspected, or nothing was received.",
                        line.product_id.display_name,
                    )
                )
            # sudo: the quality office's decision moves the stock (stock rights are
            # the warehouse's) and sets the guarded outcome; checked above.
            line.sudo()._qf_dispatch(outcome)
            line.sudo().inspection = outcome
        return True

    def _qf_dispatch(self, outcome):
        warehouse = self.slip_id.warehouse_id
        returns = warehouse.qf_return_location_id
        if outcome == "scrap":
            scrap = self.env["stock.scrap"].create(
                {
                    "product_id": self.product_id.id,
                    "scrap_qty": self.qty_received,
                    "product_uom_id": self.uom_id.id,
                    "location_id": returns.id,
                    "lot_id": self.lot_id.id,
                    "origin": self.slip_id.name,
                    "company_id": self.company_id.id,
                }
            )
            scrap.action_validate()
            return
        if outcome == "repair":
            return  # the goods wait in the returns location (see action_inspect_repair)
        if outcome == "pass":
            picking_type, destination = warehouse.int_type_id, warehouse.lot_stock_id
        else:  # back to the vendor
            vendor = self.product_id.seller_ids[:1].partner_id
            picking_type = warehouse.out_type_id
            destination = vendor.property_stock_supplier or self.env.ref(
                "stock.stock_location_suppliers"
            )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": returns.id,
                "location_dest_id": destination.id,
                "partner_id": vendor.id if outcome == "vendor" else False,
                "origin": self.slip_id.name,
                "qf_return_slip_id": self.slip_id.id,
                "move_ids": [
                    fields.Command.create(
                        {
                            "product_id": self.product_id.id,
                            "product_uom_qty": self.qty_received,
                            "product_uom": self.uom_id.id,
                            "location_id": returns.id,
                            "location_dest_id": destination.id,
                            "qf_return_line_id": self.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()

    def action_inspect_pass(self):
        return self._qf_inspect("pass")

    def action_inspect_scrap(self):
        return self._qf_inspect("scrap")

    def action_inspect_repair(self):
        self._qf_inspect("repair")
        for line in self:
            user = line.slip_id.user_id or self.env.user
            line.slip_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=qf_reader_today(line, user),
                summary=qf_for_reader(line, user).env._(
                    "Repair %s received back", line.product_id.display_name
                ),
                user_id=user.id,
            )
        return True

    def action_inspect_vendor(self):
        return self._qf_inspect("vendor")

    def _qf_credit_note_line_values(self, quantity):
        """A credit note line for ``quantity`` received pieces at the sold price, with
        the taxes of the original order line."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "quantity": quantity,
            "product_uom_id": self.uom_id.id,
            "price_unit": self.price_unit,
            "tax_ids": [fields.Command.set(self.sale_line_id.tax_ids.ids)],
            "qf_return_line_id": self.id,
        }

    def _qf_receipt_move_values(self, source, destination):
        """The incoming move of this line; it returns the delivered goods, so it is
        valued like the delivery it comes back from."""
        self.ensure_one()
        delivery = self.sale_line_id.move_ids.filtered(
            lambda m: m.state == "done" and m.location_dest_id.usage == "customer"
        )[:1]
        return {
            "product_id": self.product_id.id,
            "product_uom_qty": self.qty_approved,
            "product_uom": self.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "qf_return_line_id": self.id,
            "origin_returned_move_id": delivery.id,
            "partner_id": self.slip_id.partner_id.id,
        }

    @api.depends("qty_approved", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.qty_approved * line.price_unit

    @api.onchange("sale_line_id")
    def _onchange_sale_line_id(self):
        if self.sale_line_id:
            self.product_id = self.sale_line_id.product_id
            self.price_unit = self._qf_sold_price(self.sale_line_id, self.slip_id)

    @api.model
    def _qf_sold_price(self, sale_line, slip):
        """What the customer paid for one unit of the product of ``sale_line``, in
        the currency of ``slip``: the most a line of it may credit per unit."""
        # sudo: the price is the order's, whoever writes the slip.
        sale_line = sale_line.sudo()
        order = sale_line.order_id
        price = sale_line.price_unit * (1 - (sale_line.discount or 0.0) / 100.0)
        price = sale_line.product_uom_id._compute_price(
            price, sale_line.product_id.uom_id
        )
        company = slip.company_id or self.env.company
        date = (order.date_order or fields.Datetime.now()).date()
        return order.currency_id._convert(price, company.currency_id, company, date)

    @api.constrains("sale_line_id", "product_id", "price_unit")
    def _check_sale_line(self):
        """A line takes back what its slip's customer bought on that order line, at
        no more than he paid for it."""
        for line in self.sudo().filtered("sale_line_id"):
            sale_line = line.sale_line_id
            customer = line.slip_id.partner_id.commercial_partner_id
            if sale_line.order_id.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(order)s is not an order of %(customer)s: a return slip "
                        "takes back only what its own customer bought.",
                        order=sale_line.order_id.name,
                        customer=customer.display_name,
                    )
                )
            if line.product_id != sale_line.product_id:
                raise ValidationError(
                    self.env._(
                        "%(product)s was not sold on the order line %(line)s.",
                        product=line.product_id.display_name,
                        line=sale_line.display_name,
                    )
                )
            sold = self._qf_sold_price(sale_line, line.slip_id)
            if line.currency_id.compare_amounts(line.price_unit, sold) > 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s was sold at %(sold)s a unit: a return cannot "
                        "credit %(price)s.",
                        product=line.product_id.display_name,
                        sold=sold,
                        price=line.price_unit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.env["quality.return.slip"].browse(
                {vals["slip_id"] for vals in vals_list if vals.get("slip_id")}
            )._qf_check_draft_lines()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(
            "quality_feedback.group_qf_user"
        ):
            if set(vals) - {"difference_reason"}:
                raise AccessError(
                    self.env._("The warehouse only records the reason of a difference.")
                )
        if DRAFT_ONLY & set(vals):
            self.slip_id._qf_check_draft_lines()
        if "qty_approved" in vals and self.filtered(
            lambda line: line.slip_id.state not in ("draft", "confirmed")
        ):
            raise UserError(
                self.env._(
                    "The approved quantity is fixed once the amount goes for approval."
                )
            )
        if "qty_approved" in vals:
            # Once confirmed, what is taken back is the confirming department's say.
            self.slip_id.filtered(
                lambda s: s.state == "confirmed"
            )._qf_check_confirmer()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_lines(self):
        self.slip_id._qf_check_draft_lines()

    # --- Never more than was delivered (R-501) -----------------------------------------
    def _qf_returnable(self):
        """{sale line: quantity delivered to the customer minus what other confirmed
        slips already take back}, read in two grouped queries."""
        sale_lines = self.sale_line_id
        # sudo: the check counts every delivery and every slip, whoever confirms.
        delivered = dict(
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [
                    ("sale_line_id", "in", sale_lines.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                ],
                ["sale_line_id"],
                ["product_qty:sum"],
            )
        )
        claimed = dict(
            self.sudo()._read_group(
                [
                    ("sale_line_id", "in", sale_lines.ids),
                    ("slip_id.state", "not in", ("draft", "cancelled")),
                    ("id", "not in", self.ids),
                ],
                ["sale_line_id"],
                ["qty_requested:sum"],
            )
        )
        return {
            line: delivered.get(line, 0.0) - claimed.get(line, 0.0)
            for line in sale_lines
        }

    def _qf_check_quantities(self):
        """Refuse taking back more than was delivered to that customer (R-501),
        counting what the other confirmed slips take back. The order lines are locked
        so that two slips confirmed at once cannot both take the last pieces."""
        # sudo: whoever confirms must check against every delivery and slip.
        lines = self.sudo()
        if lines.sale_line_id:
            # Lock, then write the order lines (a no-op): a transaction whose snapshot
            # is older than another confirmation's commit fails to serialise here and
            # is retried, instead of not seeing the other slip (issue #12, class 8).
            ids = sorted(lines.sale_line_id.ids)
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sale_order_line WHERE id = ANY(%s) "
                    "ORDER BY id FOR UPDATE",
                    ids,
                )
            )
            self.env.cr.execute(
                SQL("UPDATE sale_order_line SET id = id WHERE id = ANY(%s)", ids)
            )
        without_order = lines.filtered(
            lambda line: line.qty_requested and not line.sale_line_id
        )
        if without_order:
            raise UserError(
                self.env._(
                    "Say which sales order line each returned product comes from: %s.",
                    ", ".join(without_order.product_id.mapped("display_name")),
                )
            )
        returnable = lines._qf_returnable()
        requested = defaultdict(float)
        for line in lines:
            requested[line.sale_line_id] += line.qty_requested
        too_much = [
            self.env._(
                "%(product)s: %(requested)s requested, %(available)s returnable",
                product=sale_line.product_id.display_name,
                requested=quantity,
                available=max(returnable[sale_line], 0.0),
            )
            for sale_line, quantity in requested.items()
            if sale_line
            and sale_line.product_id.uom_id.compare(quantity, returnable[sale_line]) > 0
        ]
        if too_much:
            raise UserError(
                self.env._(
                    "More is returned than was delivered to the customer: %s.",
                    "; ".join(too_much),
                )
            )
