# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .fsm_order_workflow import CLERK_GROUP, DIRECTOR_GROUP, OFFICER_GROUP
from .quality_guarded_mixin import (
    qf_guarded_field_names,
    qf_refuse_guarded,
    qf_without_guarded_defaults,
)
from .quality_reader import qf_for_company

SERVICE_TYPES = [
    ("paid", "A - Paid Service"),
    ("contract", "B - Contract Service"),
    ("warranty", "C - Free Service under Warranty"),
    ("other", "D - Other Service"),
]

# Changed only by the order's buttons and wizards (README, "How rules are enforced"):
# the stage, who was dispatched, the signature, the type that decides invoicing, the
# quality department's filing, the end-of-day flag.
SERVICE_GUARDED_FIELDS = {
    "stage_id",
    "person_id",
    "signature",
    "signed_by",
    "signed_on",
    "qf_service_type",
    "qf_type_reason",
    "qf_dispatched_by_id",
    "qf_date_dispatched",
    "qf_filed_by_id",
    "qf_date_filed",
    "qf_priority_dispatch",
    "qf_date_flagged",
    "qf_registered_by_id",
    "invoice_lines",
    "qf_fee_collected_by_id",
    "qf_date_fee_collected",
    "qf_fee_payment_id",
    # The end-of-day flag counts from it: a backdated order would be flagged.
    "create_date",
}
# Given when the request is registered, never changed afterwards.
SERVICE_FIXED_FIELDS = {"ticket_id", "qf_partner_id"}


class FSMOrder(models.Model):
    """A service order is the line of the after-sales service record (售后服务记录,
    SPEC R-602): who asked for what, on which unit, under which service type (R-601)."""

    _inherit = "fsm.order"

    # --- Request (R-602) ------------------------------------------------------------
    qf_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        tracking=True,
        help="The customer who asked for the service; the service address is his "
        "field-service location, created when he had none.",
    )
    qf_contact_phone = fields.Char(string="Contact Phone")
    qf_registered_by_id = fields.Many2one(
        comodel_name="res.users", string="Registered By", readonly=True
    )
    qf_request_channel = fields.Selection(
        selection=[
            ("phone", "Phone Call"),
            ("letter", "Letter or Document"),
            ("visit", "Visit"),
            ("email", "E-mail"),
        ],
        string="Requested By",
        default="phone",
    )
    qf_product_id = fields.Many2one(
        comodel_name="product.product", string="Product", index=True, tracking=True
    )
    qf_specification = fields.Char(
        string="Model / Specification", help="Model and specification (型号规格)."
    )
    qf_lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        index="btree_not_null",
        domain="[('product_id', '=', qf_product_id)]",
    )
    qf_purchase_date = fields.Date(string="Purchase Date")
    qf_purchase_place = fields.Char(
        string="Purchased From", help="Sales order, branch or dealer."
    )
    qf_sale_order_id = fields.Many2one(
        comodel_name="sale.order", string="Sales Order", index="btree_not_null"
    )
    qf_date_promised = fields.Datetime(
        string="Promised Date", help="When the customer was promised the service."
    )

    # --- Service type (R-601) ---------------------------------------------------------
    qf_service_type = fields.Selection(
        selection=SERVICE_TYPES,
        string="Service Type",
        readonly=True,
        tracking=True,
        index=True,
    )
    qf_proposed_type = fields.Selection(
        selection=SERVICE_TYPES,
        string="Proposed Type",
        compute="_compute_qf_proposed_type",
        help="What the warranty and the customer's service contract say on the "
        "request date: under warranty C, under a running contract B, otherwise A.",
    )
    qf_type_reason = fields.Text(
        string="Reason for the Type",
        readonly=True,
        help="Why the service type differs from the proposed one.",
    )
    qf_warranty_end = fields.Date(
        string="Warranty Until",
        compute="_compute_qf_warranty_end",
        help="Last day covered: the purchase date plus the product's warranty "
        "(the company's default when the product has none).",
    )
    qf_contract_ref = fields.Char(
        related="qf_partner_id.commercial_partner_id.qf_service_contract_ref",
        string="Service Contract",
    )

    @api.depends("qf_purchase_date", "qf_product_id", "company_id")
    def _compute_qf_warranty_end(self):
        for order in self:
            order.qf_warranty_end = order._qf_warranty_end_of(
                order.qf_product_id, order.qf_purchase_date, order.company_id
            )

    @api.depends(
        "qf_warranty_end",
        "request_early",
        "qf_partner_id.commercial_partner_id.qf_service_contract_end",
    )
    def _compute_qf_proposed_type(self):
        for order in self:
            order.qf_proposed_type = order._qf_propose_type(
                order.qf_partner_id,
                order.qf_warranty_end,
                fields.Date.to_date(order.request_early) or fields.Date.today(),
            )

    @api.model
    def _qf_proposed_type_of(self, vals):
        """The proposed type of an order about to be created with ``vals``."""
        company = (
            self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        )
        warranty_end = self._qf_warranty_end_of(
            self.env["product.product"].browse(vals.get("qf_product_id")),
            fields.Date.to_date(vals.get("qf_purchase_date")),
            company,
        )
        on_date = fields.Date.to_date(vals.get("request_early")) or fields.Date.today()
        return self._qf_propose_type(
            self.env["res.partner"].browse(vals.get("qf_partner_id")),
            warranty_end,
            on_date,
        )

    @api.model
    def _qf_warranty_end_of(self, product, purchase_date, company):
        if not purchase_date:
            return False
        months = (
            product.qf_warranty_months
            or (company or self.env.company).qf_warranty_months
        )
        return purchase_date + relativedelta(months=months, days=-1)

    @api.model
    def _qf_propose_type(self, partner, warranty_end, on_date):
        """C under warranty on ``on_date``, else B under a running contract, else A."""
        if warranty_end and on_date <= warranty_end:
            return "warranty"
        if partner and partner.commercial_partner_id._qf_has_running_contract(on_date):
            return "contract"
        return "paid"

    def _qf_set_service_type(self, service_type, reason):
        """Set the type (R-601): the proposed one, or another with a reason that the
        chatter keeps. Before the order is completed and invoiced only."""
        user = self.env.user
        if not any(
            user.has_group(g) for g in (CLERK_GROUP, DIRECTOR_GROUP, OFFICER_GROUP)
        ):
            raise AccessError(
                self.env._(
                    "Only the sales office clerk, the factory director or the quality "
                    "department set the service type."
                )
            )
        self._qf_check_open()
        reason = (reason or "").strip()
        labels = dict(self._fields["qf_service_type"]._description_selection(self.env))
        for order in self:
            if service_type != order.qf_proposed_type and not reason:
                raise UserError(
                    self.env._(
                        "%(order)s is proposed as %(proposed)s: give the reason for "
                        "%(type)s.",
                        order=order.name,
                        proposed=labels.get(order.qf_proposed_type),
                        type=labels[service_type],
                    )
                )
            order.sudo().write(
                {"qf_service_type": service_type, "qf_type_reason": reason or False}
            )
            # A note for everyone who reads the order: in the company's language.
            env = qf_for_company(order).env
            shown = dict(self._fields["qf_service_type"]._description_selection(env))
            body = env._(
                "Service type: %(type)s (proposed: %(proposed)s).",
                type=shown[service_type],
                proposed=shown.get(order.qf_proposed_type),
            )
            if reason:
                body = f"{body} {env._('Reason: %s', reason)}"
            order.message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_qf_view_complaint(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # --- CRUD -------------------------------------------------------------------------
    @api.model
    def _qf_guarded(self):
        return SERVICE_GUARDED_FIELDS | qf_guarded_field_names(self)

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            guarded = self._qf_guarded()
            qf_refuse_guarded(self, guarded, vals_list)
            model = qf_without_guarded_defaults(self, guarded)
            self._qf_check_linked_documents(vals_list)
        for vals in vals_list:
            self._qf_check_non_negative(vals)
            if vals.get("qf_partner_id") and not vals.get("location_id"):
                partner = self.env["res.partner"].browse(vals["qf_partner_id"])
                vals["location_id"] = self._qf_service_location(partner).id
            # Set by the workflow (the guard above refused them from the caller):
            # who registered, and the type the warranty and the contract propose.
            vals["qf_registered_by_id"] = self.env.uid
            vals.setdefault("qf_service_type", self._qf_proposed_type_of(vals))
        orders = super(FSMOrder, model).create(vals_list)
        orders._qf_plan_promised_service()
        return orders

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, self._qf_guarded() | SERVICE_FIXED_FIELDS, [vals])
            self._qf_check_open()
        self._qf_check_non_negative(vals)
        res = super().write(vals)
        if vals.get("qf_date_promised"):
            self._qf_plan_promised_service()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_new_service_orders(self):
        """R-1002: a dispatched, signed or filed service order is a record to keep."""
        if self.filtered(lambda o: o.qf_date_dispatched or o.signature):
            raise UserError(
                self.env._("A dispatched or signed service order cannot be deleted.")
            )

    # --- Helpers ----------------------------------------------------------------------
    def _qf_check_open(self):
        """A signed and completed, filed or cancelled order is a record: frozen."""
        stages = self._qf_stages()
        frozen = stages["completed"] | stages["filed"] | stages["cancelled"]
        closed = self.filtered(lambda o: o.stage_id in frozen)
        if closed:
            raise UserError(
                self.env._(
                    "Service order %(order)s is %(stage)s: it can no longer be "
                    "changed.",
                    order=closed[0].name,
                    stage=closed[0].stage_id.name,
                )
            )

    def _qf_check_non_negative(self, vals):
        if any(
            (vals.get(name) or 0) < 0
            for name in ("scheduled_duration", "qf_fee_amount")
            if name in vals
        ):
            raise UserError(
                self.env._("Durations and fees of a service order cannot be negative.")
            )

    def _qf_check_linked_documents(self, vals_list):
        """A service order may only point to a complaint or a sales order its author
        can read: the link would otherwise show him what it is about."""
        for vals in vals_list:
            if vals.get("ticket_id"):
                self.env["helpdesk.ticket"].browse(vals["ticket_id"]).check_access(
                    "read"
                )
            if vals.get("qf_sale_order_id"):
                self.env["sale.order"].browse(vals["qf_sale_order_id"]).check_access(
                    "read"
                )

    @api.model
    def _qf_service_location(self, partner, address=None):
        """The customer's field-service location, created silently when missing
        (the clerk never sees what a location is). ``address`` (street, city, ...)
        different from the existing location's gives the customer a new one."""
        commercial = partner.commercial_partner_id
        # sudo: registering a request must not require rights on locations/partners.
        location = (
            partner.sudo().service_location_id
            or commercial.sudo().service_location_id
            or self.env["fsm.location"]
            .sudo()
            .search([("partner_id", "=", partner.id)], limit=1)
        )
        if address and location:
            if any(address.get(k) and address[k] != location[k] for k in address):
                location = self.env["fsm.location"]
        if not location:
            location = (
                self.env["fsm.location"]
                .sudo()
                .create(self._qf_prepare_location_vals(partner, address or {}))
            )
            if not commercial.sudo().service_location_id:
                commercial.sudo().service_location_id = location
        return location.sudo(self.env.su)

    @api.model
    def _qf_prepare_location_vals(self, partner, address):
        commercial = partner.commercial_partner_id
        vals = {
            "name": commercial.name,
            "owner_id": commercial.id,
            "street": partner.street,
            "street2": partner.street2,
            "zip": partner.zip,
            "city": partner.city,
            "state_id": partner.state_id.id,
            "country_id": partner.country_id.id,
            "phone": partner.phone,
        }
        vals.update({k: v for k, v in address.items() if v})
        return vals
