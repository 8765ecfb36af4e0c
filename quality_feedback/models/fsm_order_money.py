# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_reader import qf_for_company
from .quality_row_lock import qf_lock_for_update

INVOICING_GROUPS = (
    "account.group_account_invoice",
    "quality_feedback.group_qf_service_clerk",
)


class FSMOrder(models.Model):
    """Money of a service order (SPEC R-604): the fee of paid service (type A) is
    invoiced from the signed form; what the service cost is recorded per order."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    # Computed in sudo: the clerk who creates the invoice has no accounting rights.
    invoice_ids = fields.Many2many(compute_sudo=True)
    invoice_count = fields.Integer(compute_sudo=True)
    qf_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    qf_fee_amount = fields.Monetary(
        string="Service Fee",
        currency_field="qf_currency_id",
        help="What the customer pays for paid service (type A), untaxed.",
    )
    qf_cost_ids = fields.One2many(
        comodel_name="quality.service.cost", inverse_name="order_id", string="Costs"
    )
    qf_cost_total = fields.Monetary(
        string="Service Cost",
        currency_field="qf_currency_id",
        compute="_compute_qf_cost_total",
    )
    qf_can_invoice = fields.Boolean(compute="_compute_qf_can_invoice")

    @api.depends("qf_cost_ids.amount")
    def _compute_qf_cost_total(self):
        for order in self:
            order.qf_cost_total = sum(order.qf_cost_ids.mapped("amount"))

    @api.depends("qf_service_type", "stage_id", "invoice_lines", "qf_fee_amount")
    @api.depends_context("uid")
    def _compute_qf_can_invoice(self):
        allowed = any(self.env.user.has_group(group) for group in INVOICING_GROUPS)
        stages = self._qf_stages()
        for order in self:
            order.qf_can_invoice = (
                allowed
                and order.qf_service_type == "paid"
                and order.stage_id in stages["completed"] | stages["filed"]
                and not order.invoice_lines
                and order.qf_fee_amount > 0
            )

    def action_qf_create_invoice(self):
        """The customer invoice of paid service, the day the form comes back signed:
        one line with the service fee. Types B, C and D are never invoiced."""
        self.ensure_one()
        if not any(self.env.user.has_group(group) for group in INVOICING_GROUPS):
            raise AccessError(
                self.env._("Only finance or the sales office clerk invoices service.")
            )
        # Two clicks at once: the second waits for nothing and is told to retry.
        qf_lock_for_update(
            self, self.env._("Someone else is invoicing this service order: try again.")
        )
        self._qf_check_invoiceable()
        # sudo: the clerk has no accounting rights; the invoice is made from the
        # checked order and left in draft for finance to post (R-604: 至财务室开具发票).
        invoice = (
            self.env["account.move"].sudo().create(self._qf_prepare_invoice_vals())
        )
        self.sudo().invoice_lines = [
            Command.link(line.id) for line in invoice.invoice_line_ids
        ]
        self.message_post(
            body=qf_for_company(self).env._(
                "Invoice %(invoice)s created.", invoice=invoice.display_name
            )
        )
        return self.action_view_invoices()

    def _qf_check_invoiceable(self):
        stages = self._qf_stages()
        if self.qf_service_type != "paid":
            raise UserError(
                self.env._(
                    "Only paid service (type A) is invoiced; %(order)s is %(type)s.",
                    order=self.name,
                    type=self._fields["qf_service_type"].convert_to_export(
                        self.qf_service_type, self
                    ),
                )
            )
        if self.stage_id not in stages["completed"] | stages["filed"]:
            raise UserError(
                self.env._(
                    "Service order %(order)s is invoiced from its signed form: "
                    "complete it first.",
                    order=self.name,
                )
            )
        if self.invoice_lines:
            raise UserError(
                self.env._(
                    "Service order %(order)s is already invoiced.", order=self.name
                )
            )
        if self.qf_fee_amount <= 0:
            raise UserError(
                self.env._("Enter the service fee of %(order)s first.", order=self.name)
            )

    def _qf_prepare_invoice_vals(self):
        partner = self.qf_partner_id.commercial_partner_id or self.location_id.owner_id
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "currency_id": self.company_id.currency_id.id,
            "invoice_origin": self.name,
            "invoice_line_ids": [Command.create(self._qf_prepare_invoice_line_vals())],
        }

    def _qf_prepare_invoice_line_vals(self):
        product = self.env.ref("quality_feedback.product_service_fee")
        return {
            "product_id": product.id,
            "name": self.env._(
                "After-sales service %(order)s: %(product)s",
                order=self.name,
                product=self.qf_product_id.display_name or "",
            ),
            "quantity": 1,
            "price_unit": self.qf_fee_amount,
        }
