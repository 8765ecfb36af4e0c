# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.quality_feedback.models.quality_reader import (
    qf_for_reader,
    qf_reader_today,
)

# the return reason decides which group confirms the slip.
REASONS = [
    ("quality", "Quality Problem"),
    ("technical", "Technical-Standard Dispute"),
    ("late_delivery", "Late Delivery"),
    ("packaging", "Packaging"),
    ("transport", "Transport"),
]
CONFIRMING_GROUP = {
    "quality": "quality_feedback.group_qf_officer",
    "technical": "quality_feedback_returns.group_qf_rnd_head",
    "late_delivery": "sales_team.group_sale_manager",
    "packaging": "sales_team.group_sale_manager",
    "transport": "sales_team.group_sale_manager",
}
# What comes back and who is credited is fixed once the slip leaves these states.
EDITABLE_IN = {
    "partner_id": ("draft",),
    "company_id": ("draft",),
    "sale_order_id": ("draft",),
    "reason": ("draft",),
    "handling": ("draft",),
    "ticket_id": ("draft", "confirmed"),
    "warehouse_id": ("draft", "confirmed", "to_approve"),
}


class QualityReturnSlip(models.Model):
    """A return slip (退货单, R-501): goods a customer sends back, confirmed by the
    department the reason designates (R-502), approved by amount like compensation
    (R-503), received against the slip (R-504) and settled by a credit note (R-506)."""

    _name = "quality.return.slip"
    _description = "Return Slip"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Changed only by the buttons below, which check the caller first (README, "How
    # rules are enforced"); amount_total and to_credit are stored computed: guarded too.
    _qf_guarded_fields = (
        "name",
        "state",
        "confirmed_by_id",
        "compensation_id",
        "difference_acknowledged_by_id",
    )

    name = fields.Char(readonly=True, copy=False)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        check_company=True,
        domain="[('is_complaint', '=', True)]",
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'sale')]",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Sales Owner",
        default=lambda self: self.env.user,
        tracking=True,
    )
    reason = fields.Selection(selection=REASONS, required=True, tracking=True)
    handling = fields.Selection(
        selection=[
            ("refund", "Refund"),
            ("replacement", "Replacement"),
            ("repair", "Repair"),
            ("rework", "Rework"),
            ("resell", "Resell"),
        ],
        required=True,
        default="refund",
        tracking=True,
    )
    basis = fields.Text(
        help="What the return is based on (依据): report, agreement, photos."
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("to_approve", "To Approve"),
            ("approved", "Approved, to Receive"),
            ("difference", "Received with Difference"),
            ("received", "Received"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many(
        comodel_name="quality.return.slip.line",
        inverse_name="slip_id",
        string="Lines",
        copy=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    confirmed_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    compensation_id = fields.Many2one(
        comodel_name="quality.compensation",
        string="Approval Request",
        readonly=True,
        copy=False,
        help="The amount of the slip is approved like a compensation (R-503).",
    )
    approval_state = fields.Selection(
        related="compensation_id.state", string="Approval"
    )
    warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Where the goods come back to: the order's warehouse by default.",
    )
    picking_ids = fields.One2many(
        comodel_name="stock.picking",
        inverse_name="qf_return_slip_id",
        string="Transfers",
    )
    picking_count = fields.Integer(compute="_compute_picking_count")
    difference_acknowledged_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
    )

    _name_company_unique = models.Constraint(
        "UNIQUE (name, company_id)", "This return slip number is already used."
    )

    @api.depends("sale_order_id.warehouse_id", "company_id")
    def _compute_warehouse_id(self):
        for slip in self:
            slip.warehouse_id = slip.sale_order_id.warehouse_id or self.env[
                "stock.warehouse"
            ].search([("company_id", "=", slip.company_id.id)], limit=1)

    def _qf_count_linked(self, model):
        """{slip: number of its ``model`` records (transfers, credit notes)}, in one
        grouped query. sudo: users who open a slip without rights on stock or
        invoices (quality roles, the warehouse, sales) see a count, nothing more."""
        return dict(
            self.env[model]
            .sudo()
            ._read_group(
                [("qf_return_slip_id", "in", self.ids)],
                ["qf_return_slip_id"],
                ["__count"],
            )
        )

    def _compute_picking_count(self):
        counts = self._qf_count_linked("stock.picking")
        for slip in self:
            slip.picking_count = counts.get(slip, 0)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for slip in self:
            slip.amount_total = sum(slip.line_ids.mapped("amount"))

    @api.constrains("partner_id", "sale_order_id", "ticket_id")
    def _check_customer_documents(self):
        """The order, the complaint and the order lines of a slip are its customer's:
        what comes back, at which price and through which approval depends on them."""
        for slip in self.sudo():
            customer = slip.partner_id.commercial_partner_id
            if (
                slip.sale_order_id
                and slip.sale_order_id.partner_id.commercial_partner_id != customer
            ) or (slip.ticket_id and slip.ticket_id.commercial_partner_id != customer):
                raise ValidationError(
                    self.env._(
                        "The sales order and the complaint of a return slip must be "
                        "those of its customer, %s.",
                        customer.display_name,
                    )
                )
        self.line_ids._check_sale_line()

    @api.model
    def _qf_action_for(self, domain, context):
        """The return slips matching ``domain``, new ones with ``context`` defaults."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback_returns.action_quality_return_slip"
        )
        action.update(domain=domain, context=context)
        return action

    @api.onchange("ticket_id")
    def _onchange_ticket_id(self):
        if self.ticket_id:
            self.partner_id = self.ticket_id.commercial_partner_id
            self.sale_order_id = self.ticket_id.sale_order_id or self.sale_order_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        """Propose one line per delivered product of the order (R-501)."""
        if not self.sale_order_id:
            return
        # sudo: whoever opens the slip sees what the order delivered.
        order = self.sale_order_id.sudo()
        self.partner_id = order.partner_id.commercial_partner_id
        slip_lines = self.env["quality.return.slip.line"]
        lines = [fields.Command.clear()]
        for sale_line in order.order_line.filtered(
            lambda line: line.product_id.type == "consu" and line.qty_delivered > 0
        ):
            lines.append(
                fields.Command.create(
                    {
                        "sale_line_id": sale_line.id,
                        "product_id": sale_line.product_id.id,
                        "qty_requested": 0,
                        "price_unit": slip_lines._qf_sold_price(sale_line, self),
                    }
                )
            )
        self.line_ids = lines

    @api.model_create_multi
    def create(self, vals_list):
        slips = super().create(vals_list)
        for slip in slips:
            slip.company_id._qf_ensure_return_sequence()
            # sudo: the number is guarded; users need not read technical sequences.
            slip.sudo().name = slip.company_id.sudo().qf_return_sequence_id.next_by_id()
        return slips

    def write(self, vals):
        for name in set(vals) & set(EDITABLE_IN):
            fixed = self.filtered(lambda s, n=name: s.state not in EDITABLE_IN[n])
            if fixed:
                raise UserError(
                    self.env._(
                        "%(field)s of %(names)s cannot change any more.",
                        field=self._fields[name].string,
                        names=", ".join(fixed.mapped("name")),
                    )
                )
        return super().write(vals)

    # --- Who may press which button, and the guarded state -------------------------------
    def _qf_check_caller(self, operation="write", group=None, refusal=None):
        """The caller belongs to ``group`` (if given) and may ``operation`` every slip
        (access rights and record rules); checked before a button does anything."""
        if self.env.su:
            return
        if group and not self.env.user.has_group(group):
            raise AccessError(refusal)
        self.check_access(operation)

    def _qf_check_state(self, state, allowed_from):
        wrong = self.filtered(lambda s: s.state not in allowed_from)
        if wrong:
            labels = dict(self._fields["state"].selection)
            raise UserError(
                self.env._(
                    "%(names)s cannot go to %(target)s from %(state)s.",
                    names=", ".join(wrong.mapped("name")),
                    target=labels[state],
                    state=labels[wrong[0].state],
                )
            )

    def _qf_check_draft_lines(self):
        """Lines are added, changed or removed while their slip is a draft only."""
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(
                self.env._("Only the lines of a draft return slip can be changed.")
            )

    def _qf_move(self, state, allowed_from, **values):
        self._qf_check_state(state, allowed_from)
        # sudo: the state is guarded; each caller of _qf_move checked the user first.
        self.sudo().write({"state": state, **values})

    # --- Confirmation by the department the reason designates (R-502) ----------------
    def _qf_check_confirmer(self):
        """The caller belongs to the group the reason of each slip designates."""
        for slip in self:
            group = CONFIRMING_GROUP[slip.reason]
            slip._qf_check_caller(
                group=group,
                refusal=self.env._(
                    "A return for %(reason)s is confirmed by %(group)s only.",
                    reason=dict(REASONS)[slip.reason],
                    group=self.env.ref(group).display_name,
                ),
            )

    def action_confirm(self):
        self._qf_check_confirmer()
        self._qf_check_state("confirmed", ["draft"])
        for slip in self:
            if not slip.line_ids.filtered("qty_requested"):
                raise UserError(self.env._("%s has no quantity to return.", slip.name))
        # All slips at once: two slips confirmed together count each other.
        self.line_ids._qf_check_quantities()
        self._qf_move("confirmed", ["draft"], confirmed_by_id=self.env.user.id)
        return True

    # --- Approval by amount, through the compensation engine (R-503) -----------------
    def action_request_approval(self):
        """Ask for the approval of the slip's amount: a compensation request of the
        'return' kind, approved by the same tiers as any money given to a customer."""
        self._qf_check_caller()
        self._qf_check_state("to_approve", ["confirmed"])
        for slip in self:
            if not slip.ticket_id:
                raise UserError(
                    self.env._(
                        "Link %s to its complaint first: the approval follows the "
                        "complaint's escalation.",
                        slip.name,
                    )
                )
            if slip.amount_total <= 0:
                raise UserError(self.env._("%s has no amount to approve.", slip.name))
            # sudo: the request is created for the slip, by the workflow; its
            # requester is the real user, who submits it with his own rights.
            request = (
                self.env["quality.compensation"]
                .sudo()
                .create(
                    {
                        "ticket_id": slip.ticket_id.id,
                        "method": "return",
                        "amount": slip.amount_total,
                        "currency_id": slip.currency_id.id,
                        "reason": self.env._(
                            "Return slip %(name)s: %(reason)s",
                            name=slip.name,
                            reason=dict(REASONS)[slip.reason],
                        ),
                        "user_id": self.env.user.id,
                    }
                )
            )
            slip._qf_move("to_approve", ["confirmed"], compensation_id=request.id)
            request.sudo(self.env.su).action_submit()
        return True

    def _qf_on_approved(self):
        """The amount is approved: the goods can come back (R-504)."""
        self._qf_move("approved", ["to_approve"])
        self._qf_create_receipt()

    # --- Receipt in the warehouse (R-504) -----------------------------------------------
    def _qf_create_receipt(self):
        """One incoming transfer per slip, from the customer to the warehouse's customer
        returns location, one move per approved line."""
        for slip in self:
            warehouse = slip.warehouse_id
            if not warehouse:
                raise UserError(
                    self.env._("No warehouse receives the goods of %s.", slip.name)
                )
            warehouse._qf_ensure_return_location()
            customer_location = slip.partner_id.property_stock_customer or self.env.ref(
                "stock.stock_location_customers"
            )
            returns = warehouse.qf_return_location_id
            # sudo: the approval lets the goods in; the warehouse validates the transfer.
            picking = (
                self.env["stock.picking"]
                .sudo()
                .create(
                    {
                        "picking_type_id": warehouse.in_type_id.id,
                        "partner_id": slip.partner_id.id,
                        "location_id": customer_location.id,
                        "location_dest_id": returns.id,
                        "origin": slip.name,
                        "qf_return_slip_id": slip.id,
                        "move_ids": [
                            fields.Command.create(
                                line._qf_receipt_move_values(customer_location, returns)
                            )
                            for line in slip.line_ids.filtered("qty_approved")
                        ],
                    }
                )
            )
            picking.action_confirm()
        return True

    def _qf_after_receipt(self):
        """Called when a transfer of the slip is done: received quantities are on the
        lines; once nothing is expected any more the slip is received, or waits for
        the sales manager when what came differs from what was approved."""
        for slip in self.filtered(lambda s: s.state == "approved"):
            if slip.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
                continue
            differs = slip.line_ids.filtered(
                lambda line: (
                    line.uom_id.compare(line.qty_received, line.qty_approved) != 0
                )
            )
            slip._qf_move("difference" if differs else "received", ["approved"])
            if differs:
                slip._qf_ask_sales_manager(differs)
            slip._qf_plan_return_visit()

    def _qf_plan_return_visit(self):
        """R-508: after a return, the sales owner visits the customer (the summary
        in his language, R-X4)."""
        user = self.user_id or self.partner_id.user_id or self.env.user
        summary = qf_for_reader(self, user).env._(
            "Return visit to %(customer)s after return %(slip)s",
            customer=self.partner_id.name,
            slip=self.name,
        )
        document, activity_type = (
            (self.ticket_id, "quality_feedback.mail_activity_type_return_visit")
            if self.ticket_id
            else (self, "mail.mail_activity_data_todo")
        )
        document.activity_schedule(
            activity_type,
            date_deadline=qf_reader_today(self, user),
            summary=summary,
            user_id=user.id,
        )

    def _qf_ask_sales_manager(self, lines):
        managers = self.env.ref("sales_team.group_sale_manager").user_ids.filtered(
            lambda u: self.company_id in u.company_ids
        )
        for user in managers:
            # In each manager's language; one line per product (R-X4).
            env = qf_for_reader(self, user).env
            note = Markup("<br/>").join(
                env._(
                    "%(product)s: %(approved)s approved, %(received)s received "
                    "(%(reason)s)",
                    product=line.product_id.display_name,
                    approved=line.qty_approved,
                    received=line.qty_received,
                    reason=line.difference_reason or "-",
                )
                for line in lines
            )
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=qf_reader_today(self, user),
                summary=env._("Acknowledge the received difference of %s", self.name),
                note=note,
                user_id=user.id,
            )

    def action_acknowledge_difference(self):
        """R-504: the sales manager accepts what the warehouse really received."""
        self._qf_check_caller(
            group="sales_team.group_sale_manager",
            refusal=self.env._("Only a sales manager acknowledges a difference."),
        )
        self._qf_check_state("received", ["difference"])
        missing = self.line_ids.filtered(
            lambda line: (
                line.uom_id.compare(line.qty_received, line.qty_approved) != 0
                and not line.difference_reason
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "The warehouse has not given the reason of the difference for %s.",
                    ", ".join(missing.product_id.mapped("display_name")),
                )
            )
        self._qf_move(
            "received", ["difference"], difference_acknowledged_by_id=self.env.user.id
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    # --- Replacement (R-507) -------------------------------------------------------------
    def action_deliver_replacement(self):
        """New goods for the received ones: one outgoing delivery linked to the slip."""
        self.ensure_one()
        self._qf_check_caller(
            group="quality_feedback.group_qf_user",
            refusal=self.env._("Only sales plan the replacement of returned goods."),
        )
        if self.handling != "replacement" or self.state != "received":
            raise UserError(
                self.env._(
                    "Only a received return slip handled by replacement is replaced."
                )
            )
        # sudo: the link is read whoever plans; the slip was checked above.
        if self.sudo().picking_ids.filtered(
            lambda p: p.qf_replacement and p.state != "cancel"
        ):
            raise UserError(
                self.env._("The replacement of %s is already planned.", self.name)
            )
        warehouse = self.warehouse_id
        customer_location = self.partner_id.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
        # sudo: sales plans the replacement; the warehouse validates the delivery.
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": self.partner_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customer_location.id,
                    "origin": self.name,
                    "qf_return_slip_id": self.id,
                    "qf_replacement": True,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.qty_received,
                                "product_uom": line.uom_id.id,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": customer_location.id,
                                "qf_return_line_id": line.id,
                            }
                        )
                        for line in self.line_ids.filtered("qty_received")
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        return self.action_view_transfers()

    def action_view_transfers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("qf_return_slip_id", "=", self.id)]
        action["context"] = {"create": False}
        # sudo: the slip shows its transfers' number, whoever opens it.
        pickings = self.sudo().picking_ids
        if len(pickings) == 1:
            action.update(views=[(False, "form")], res_id=pickings.id)
        return action

    def action_cancel(self):
        self._qf_check_caller()
        self._qf_move("cancelled", ["draft", "confirmed", "to_approve"])
        # sudo: the slip's own approval request goes with it, whoever filed it.
        self.sudo().compensation_id.filtered(
            lambda c: c.state in ("draft", "to_approve")
        ).action_cancel()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda s: s.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Only draft or cancelled return slips can be deleted.")
            )
