# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .fsm_order_workflow import DIRECTOR_GROUP
from .quality_reader import qf_for_company
from .quality_row_lock import qf_lock_for_update

INSPECTOR_GROUP = "quality_feedback.group_qf_quality_inspector"
STOCK_GROUP = "stock.group_stock_user"

STATES = [
    ("draft", "Issued"),
    ("signed", "Signed, Product Taken"),
    ("received", "In the Factory"),
    ("repair", "In Repair"),
    ("inspection", "To Inspect"),
    ("accepted", "Accepted"),
    ("voided", "Returned and Voided"),
]
HOLDERS = [
    ("customer", "Customer"),
    ("technician", "Technician"),
    ("store", "Warehouse"),
    ("production", "Production"),
    ("quality", "Quality Inspection"),
]
# Given while the receipt is being issued, fixed once the customer signed it.
EDITABLE_WHILE_DRAFT = {"warehouse_id", "product_id", "lot_id", "quantity"}


class QualityServiceReceipt(models.Model):
    """The receipt (收据, SPEC R-603) a technician gives the customer when a service
    order cannot be fixed on site and he takes the product back for repair.

    Its way: issued → signed by the customer (the product is taken) → handed in at
    the factory (registered in the customer-product in/out register) → handed to
    production with a material return note (repair order) → inspected by quality
    (质检员验收) → returned to the customer, who signs, and the receipt is voided
    (作废). ``holder`` tells at each step who has the product since when.

    States, holder, signatures, pickings, repair orders, inspection and voiding are
    guarded (README, "How rules are enforced"): only the buttons change them, after
    checking the caller."""

    _name = "quality.service.receipt"
    _description = "Take-Back Receipt"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _qf_fixed_fields = ("order_id",)
    _qf_guarded_fields = (
        "name",
        "state",
        "holder",
        "holder_since",
        "signature",
        "signed_by",
        "signed_on",
        "picking_in_id",
        "picking_out_id",
        "repair_id",
        "handed_over_by_id",
        "handed_over_on",
        "inspection_result",
        "inspected_by_id",
        "inspected_on",
        "inspection_note",
        "return_signature",
        "return_signed_by",
        "return_signed_on",
        "voided_by_id",
        "voided_on",
    )

    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", index="trigram"
    )
    order_id = fields.Many2one(
        comodel_name="fsm.order",
        string="Service Order",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, string="Company"
    )
    person_id = fields.Many2one(
        related="order_id.person_id", store=True, index=True, string="Technician"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        index=True,
        help="The owner of the product: the service order's customer (company).",
    )
    warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse",
        required=True,
        check_company=True,
        default=lambda self: self._default_warehouse(),
        domain="[('company_id', '=', company_id)]",
    )
    location_id = fields.Many2one(
        related="warehouse_id.qf_repair_location_id", string="Repair Location"
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        index=True,
        domain="[('is_storable', '=', True)]",
    )
    product_tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        index="btree_not_null",
        domain="[('product_id', '=', product_id)]",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    description = fields.Text(string="Problem", help="Why it cannot be fixed on site.")
    date_promised = fields.Date(
        string="Promised Return Date",
        required=True,
        tracking=True,
        help="When the customer is promised his repaired product back.",
    )
    state = fields.Selection(
        selection=STATES, default="draft", readonly=True, tracking=True, index=True
    )
    holder = fields.Selection(
        selection=HOLDERS,
        string="Held By",
        default="customer",
        readonly=True,
        tracking=True,
        index=True,
    )
    holder_since = fields.Datetime(
        string="Held Since", default=fields.Datetime.now, readonly=True
    )
    # The customer signs the receipt when the technician takes the product.
    signature = fields.Image(
        string="Customer Signature", readonly=True, copy=False, max_width=1024
    )
    signed_by = fields.Char(readonly=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    picking_in_id = fields.Many2one(
        comodel_name="stock.picking", string="Receipt Transfer", readonly=True
    )
    picking_out_id = fields.Many2one(
        comodel_name="stock.picking", string="Return Transfer", readonly=True
    )
    # The material return note (退料单) hands the product to production.
    handed_over_by_id = fields.Many2one(
        comodel_name="res.users", string="Material Return Note By", readonly=True
    )
    handed_over_on = fields.Datetime(string="Material Return Note On", readonly=True)
    repair_id = fields.Many2one(
        comodel_name="repair.order", string="Current Repair", readonly=True
    )
    repair_ids = fields.One2many(
        comodel_name="repair.order",
        inverse_name="qf_receipt_id",
        string="Repair Orders",
        readonly=True,
    )
    repair_count = fields.Integer(compute="_compute_repair_count")
    inspection_result = fields.Selection(
        selection=[("accepted", "Accepted"), ("refused", "Refused")],
        readonly=True,
        tracking=True,
    )
    inspected_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    inspected_on = fields.Datetime(readonly=True)
    inspection_note = fields.Text(readonly=True)
    # The customer signs again when he gets the product back.
    return_signature = fields.Image(readonly=True, copy=False, max_width=1024)
    return_signed_by = fields.Char(readonly=True, copy=False)
    return_signed_on = fields.Datetime(readonly=True, copy=False)
    voided_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    voided_on = fields.Datetime(readonly=True)

    can_sign = fields.Boolean(compute="_compute_can")
    can_hand_in = fields.Boolean(compute="_compute_can")
    can_hand_over = fields.Boolean(compute="_compute_can")
    can_inspect = fields.Boolean(compute="_compute_can")
    can_return = fields.Boolean(compute="_compute_can")

    _quantity_positive = models.Constraint(
        "CHECK (quantity > 0)", "The quantity taken back must be positive."
    )

    @api.model
    def _default_warehouse(self):
        return self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    @api.depends("order_id.qf_partner_id", "order_id.location_id.owner_id")
    def _compute_partner_id(self):
        for receipt in self:
            order = receipt.order_id
            receipt.partner_id = (
                order.qf_partner_id.commercial_partner_id or order.location_id.owner_id
            )

    @api.depends("repair_ids")
    def _compute_repair_count(self):
        for receipt in self:
            receipt.repair_count = len(receipt.repair_ids)

    @api.depends("state", "order_id.person_id")
    @api.depends_context("uid")
    def _compute_can(self):
        user = self.env.user
        director = user.has_group(DIRECTOR_GROUP)
        stock = user.has_group(STOCK_GROUP)
        inspector = user.has_group(INSPECTOR_GROUP)
        for receipt in self:
            # sudo: who was dispatched; warehouse users and inspectors cannot read
            # service orders.
            dispatched = receipt.sudo().order_id.qf_technician_user_ids
            technician = director or user in dispatched
            receipt.can_sign = technician and receipt.state == "draft"
            receipt.can_hand_in = technician and receipt.state == "signed"
            receipt.can_hand_over = stock and receipt.state == "received"
            receipt.can_inspect = inspector and receipt.state == "inspection"
            receipt.can_return = technician and receipt.state == "accepted"

    @api.onchange("order_id")
    def _onchange_order_id(self):
        order = self.order_id
        if order:
            self.product_id = order.qf_product_id
            self.lot_id = order.qf_lot_id
            self.date_promised = fields.Date.to_date(order.qf_date_promised)
            if order.company_id and self.warehouse_id.company_id != order.company_id:
                self.warehouse_id = self.with_company(
                    order.company_id
                )._default_warehouse()

    # --- CRUD -------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._qf_check_quantity(vals)
        if not self.env.su:
            for vals in vals_list:
                # Only the technician of a dispatched order (or the factory director)
                # takes a product back.
                self.env["fsm.order"].browse(vals.get("order_id"))._qf_check_on_site(
                    self.env._("taken back for repair")
                )
        receipts = super().create(vals_list)
        receipts._qf_check_product()
        for receipt in receipts:
            # sudo: the number is guarded; sequences are technical records.
            receipt.sudo().name = (
                self.env["ir.sequence"]
                .sudo()
                .with_company(receipt.company_id)
                .next_by_code("quality.service.receipt")
            )
        return receipts

    def write(self, vals):
        self._qf_check_quantity(vals)
        if not self.env.su:
            if self.filtered(lambda r: r.state == "voided"):
                raise UserError(
                    self.env._("A voided receipt is a record: it cannot be changed.")
                )
            if EDITABLE_WHILE_DRAFT & set(vals) and self.filtered(
                lambda r: r.state != "draft"
            ):
                raise UserError(
                    self.env._(
                        "The customer signed the receipt: its product, lot, quantity "
                        "and warehouse can no longer change."
                    )
                )
        res = super().write(vals)
        if EDITABLE_WHILE_DRAFT & set(vals):
            self._qf_check_product()
        if "date_promised" in vals:
            self.filtered(
                lambda r: r.state not in ("draft", "voided")
            )._qf_plan_deadline()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsigned(self):
        """R-1002: a signed receipt is a record to keep."""
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("A signed receipt cannot be deleted."))

    def _qf_check_quantity(self, vals):
        if "quantity" in vals and (vals["quantity"] or 0) <= 0:
            raise UserError(self.env._("The quantity taken back must be positive."))

    def _qf_check_product(self):
        for receipt in self:
            if receipt.product_id.tracking != "none" and not receipt.lot_id:
                raise UserError(
                    self.env._(
                        "%(product)s is tracked: give the lot/serial number of the "
                        "product taken back.",
                        product=receipt.product_id.display_name,
                    )
                )
            if receipt.lot_id and receipt.lot_id.product_id != receipt.product_id:
                raise UserError(
                    self.env._(
                        "Lot %(lot)s is not a lot of %(product)s.",
                        lot=receipt.lot_id.name,
                        product=receipt.product_id.display_name,
                    )
                )
            if receipt.product_id.tracking == "serial" and receipt.quantity != 1:
                raise UserError(
                    self.env._(
                        "A product with a serial number is taken back one by one."
                    )
                )
            if not receipt.product_id.is_storable:
                raise UserError(
                    self.env._(
                        "Only a stored product can be taken back: %(product)s is not.",
                        product=receipt.product_id.display_name,
                    )
                )

    # --- Who may press which button -------------------------------------------------
    def _qf_check_technician(self):
        """The technician of the receipt's order, or the factory director."""
        if self.env.su:
            return
        self.check_access("read")
        director = self.env.user.has_group(DIRECTOR_GROUP)
        # sudo: who was dispatched to the order (read even if rules hide the order).
        for receipt in self.sudo():
            if not (
                director or self.env.user in receipt.order_id.qf_technician_user_ids
            ):
                raise AccessError(
                    self.env._(
                        "Only the technician of %(order)s or the factory director can "
                        "do this with receipt %(receipt)s.",
                        order=receipt.order_id.name,
                        receipt=receipt.name,
                    )
                )

    def _qf_check_group(self, group, refusal):
        if self.env.su:
            return
        if not self.env.user.has_group(group):
            raise AccessError(refusal)
        self.check_access("read")

    def _qf_lock(self):
        """Lock the receipts before checking their state: two users pressing the
        same button at once cannot both move the product (one is refused, or
        retried and refused)."""
        qf_lock_for_update(
            self,
            self.env._("Someone else is working on this receipt: try again."),
        )

    def _qf_check_state(self, allowed, refusal):
        self._qf_lock()
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(refusal)s (receipt %(receipt)s is %(state)s.)",
                    refusal=refusal,
                    receipt=wrong[0].name,
                    state=labels[wrong[0].state],
                )
            )

    def _qf_move(self, state, holder, **values):
        """Write the new state and holder; the caller checked user and state."""
        # sudo: state and holder are guarded; every caller checked the user first.
        self.sudo().write(
            {
                "state": state,
                "holder": holder,
                "holder_since": fields.Datetime.now(),
                **values,
            }
        )

    # --- The customer signs the receipt: the technician takes the product -----------
    def _qf_sign(self, signed_by, signature):
        """R-603: the receipt is signed before the product is taken."""
        self._qf_check_technician()
        self._qf_check_state(
            ["draft"], self.env._("Only an unsigned receipt is signed on taking.")
        )
        self._qf_check_signature(signed_by, signature)
        self._qf_move(
            "signed",
            "technician",
            signature=signature,
            signed_by=signed_by.strip(),
            signed_on=fields.Datetime.now(),
        )
        self._qf_plan_deadline()
        for receipt in self:
            receipt.message_post(
                body=qf_for_company(receipt).env._(
                    "Signed by %(name)s: %(technician)s takes the product.",
                    name=signed_by.strip(),
                    technician=self.env.user.name,
                )
            )

    def _qf_plan_deadline(self):
        """R-605: the return date promised to the customer runs through the deadline
        engine from the moment the product is taken: the technician owns it (he
        reports a delay to the sales office, 2.7), the registering clerk is his
        manager; a new promise replaces the old deadline."""
        # sudo: deadlines are technical records kept by the workflow.
        deadlines = self.env["quality.deadline"].sudo()
        now = fields.Datetime.now()
        for receipt in self:
            order = receipt.order_id
            deadlines._qf_open_of_orders(order, ["repair"])._qf_cancel()
            deadlines._qf_plan_service(
                order,
                "repair",
                now,
                receipt._qf_end_of_promised_day(),
                owner=order.qf_technician_user_ids[:1] or self.env.user,
                manager=order.qf_registered_by_id,
            )

    def _qf_end_of_promised_day(self):
        """The promised day's end in the company's working time zone, in UTC."""
        start = (
            self.env["fsm.order"]
            .with_company(self.company_id)
            ._qf_start_of_day(datetime.combine(self.date_promised, time(12)))
        )
        return start + timedelta(days=1)

    def _qf_check_signature(self, signed_by, signature):
        if not signature or not (signed_by or "").strip():
            raise UserError(self.env._("The customer signs and his name is given."))

    # --- Actions ----------------------------------------------------------------------
    def _qf_open_sign_wizard(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Signs"),
            "res_model": "quality.service.receipt.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"active_id": self.id, "default_mode": mode},
        }

    def action_sign(self):
        self._qf_check_technician()
        return self._qf_open_sign_wizard("take")

    def action_return(self):
        self._qf_check_technician()
        self._qf_check_return_allowed()
        return self._qf_open_sign_wizard("return")

    def action_print(self):
        return self.env.ref(
            "quality_feedback.action_report_qf_service_receipt"
        ).report_action(self)

    def action_view_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Repair Orders"),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("qf_receipt_id", "=", self.id)],
        }
