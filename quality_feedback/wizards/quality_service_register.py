# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.fsm_order import SERVICE_TYPES


class QualityServiceRegister(models.TransientModel):
    """Registering a service request from a phone call or a letter in seconds
    (售后服务记录, SPEC R-602): the customer, where, what unit, bought when and where.
    The customer's field-service location is found or created behind the scenes;
    the factory director receives the service notice."""

    _name = "quality.service.register"
    _description = "Register a Service Request"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", required=True
    )
    contact_phone = fields.Char(string="Phone")
    street = fields.Char(string="Address")
    city = fields.Char()
    request_channel = fields.Selection(
        selection=lambda self: (
            self.env["fsm.order"]
            ._fields["qf_request_channel"]
            ._description_selection(self.env)
        ),
        string="Requested By",
        default="phone",
        required=True,
    )
    product_id = fields.Many2one(comodel_name="product.product")
    specification = fields.Char(string="Model / Specification")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
    )
    purchase_date = fields.Date()
    purchase_place = fields.Char(string="Purchased From")
    sale_order_id = fields.Many2one(comodel_name="sale.order", string="Sales Order")
    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", string="Complaint")
    description = fields.Text(string="What the Customer Reports", required=True)
    date_promised = fields.Datetime(string="Promised Date")
    proposed_type = fields.Selection(
        selection=SERVICE_TYPES, compute="_compute_proposed_type"
    )
    service_type = fields.Selection(
        selection=SERVICE_TYPES,
        compute="_compute_service_type",
        store=True,
        readonly=False,
    )
    type_reason = fields.Text(
        string="Reason", help="Required when the type differs from the proposed one."
    )

    @api.model
    def _qf_open(self, defaults):
        """The registration form, filled in with ``defaults`` (wizard field names)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register Service Request"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{key}": value for key, value in defaults.items()},
        }

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id
        if partner:
            self.contact_phone = partner.phone or partner.commercial_partner_id.phone
            self.street = partner.street
            self.city = partner.city

    @api.onchange("product_id", "lot_id", "partner_id")
    def _onchange_unit(self):
        """Propose the purchase date and place from the customer's last delivery of
        the unit (lot/serial when known)."""
        if self.product_id and not self.specification:
            self.specification = self.product_id.default_code
        if not (self.partner_id and self.product_id):
            return
        line = self._qf_last_delivery()
        if line:
            sale = line.move_id.sale_line_id.order_id
            self.purchase_date = fields.Date.to_date(line.picking_id.date_done)
            self.purchase_place = " / ".join(
                name for name in (sale.name, line.picking_id.name) if name
            )
            if sale and not self.sale_order_id:
                self.sale_order_id = sale

    def _qf_last_delivery(self):
        domain = [
            ("state", "=", "done"),
            ("picking_code", "=", "outgoing"),
            ("product_id", "=", self.product_id.id),
            (
                "picking_partner_id",
                "child_of",
                self.partner_id.commercial_partner_id.id,
            ),
        ]
        if self.lot_id:
            domain.append(("lot_id", "=", self.lot_id.id))
        # sudo: the clerk reads the delivery date without stock rights.
        return (
            self.env["stock.move.line"]
            .sudo()
            .search(domain, order="date desc, id desc", limit=1)
        )

    @api.depends("partner_id", "product_id", "purchase_date")
    def _compute_proposed_type(self):
        orders = self.env["fsm.order"]
        for wizard in self:
            warranty_end = orders._qf_warranty_end_of(
                wizard.product_id, wizard.purchase_date, self.env.company
            )
            wizard.proposed_type = orders._qf_propose_type(
                wizard.partner_id, warranty_end, fields.Date.context_today(self)
            )

    @api.depends("partner_id", "product_id", "purchase_date")
    def _compute_service_type(self):
        self._compute_proposed_type()
        for wizard in self:
            wizard.service_type = wizard.proposed_type

    def action_register(self):
        self.ensure_one()
        order = self.env["fsm.order"].create(self._qf_prepare_order_vals())
        if self.service_type and self.service_type != order.qf_proposed_type:
            order._qf_set_service_type(self.service_type, self.type_reason)
        order._qf_send_service_notice()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fsm.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _qf_prepare_order_vals(self):
        order_model = self.env["fsm.order"]
        address = {"street": self.street, "city": self.city}
        return {
            "qf_partner_id": self.partner_id.id,
            "location_id": order_model._qf_service_location(
                self.partner_id, address
            ).id,
            "qf_contact_phone": self.contact_phone,
            "qf_request_channel": self.request_channel,
            "qf_product_id": self.product_id.id,
            "qf_specification": self.specification,
            "qf_lot_id": self.lot_id.id,
            "qf_purchase_date": self.purchase_date,
            "qf_purchase_place": self.purchase_place,
            "qf_sale_order_id": self.sale_order_id.id,
            "ticket_id": self.ticket_id.id,
            "description": self.description
            and self.env["ir.qweb.field.text"].value_to_html(self.description, {}),
            "qf_date_promised": self.date_promised,
        }
