# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

COST_KINDS = [
    ("travel", "Travel"),
    ("allowance", "Subsistence Allowance"),
    ("parts", "Replaced Parts"),
    ("labour", "Repair Labour"),
]


class QualityServiceCost(models.Model):
    """One cost of a service order (产品服务成本, SPEC R-604): travel, allowances,
    replaced parts and repair labour, in company currency. The order's customer,
    product, technician and type are stored on the line so that the cost report
    groups them without joins; parts under warranty (type C) are warranty cost."""

    _name = "quality.service.cost"
    _description = "Service Cost"
    _inherit = ["quality.guarded.mixin"]
    _order = "date desc, id desc"
    _qf_fixed_fields = ("order_id",)

    order_id = fields.Many2one(
        comodel_name="fsm.order",
        string="Service Order",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, string="Company"
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    date = fields.Date(default=fields.Date.context_today, required=True)
    kind = fields.Selection(selection=COST_KINDS, required=True, default="travel")
    name = fields.Char(string="Description")
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Part",
        help="The part replaced (replaced parts only).",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit")
    unit_cost = fields.Monetary(currency_field="currency_id", required=True)
    amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        string="Cost",
    )
    cost_type = fields.Selection(
        selection=[("warranty", "Warranty Cost"), ("service", "Service Cost")],
        string="Charged To",
        compute="_compute_cost_type",
        store=True,
        index=True,
    )
    partner_id = fields.Many2one(
        related="order_id.qf_partner_id", store=True, index=True, string="Customer"
    )
    service_product_id = fields.Many2one(
        related="order_id.qf_product_id",
        store=True,
        index=True,
        string="Serviced Product",
    )
    person_id = fields.Many2one(
        related="order_id.person_id", store=True, index=True, string="Technician"
    )
    service_type = fields.Selection(
        related="order_id.qf_service_type", store=True, string="Service Type"
    )

    _quantity_positive = models.Constraint(
        "CHECK (quantity > 0)", "The quantity of a service cost must be positive."
    )
    _unit_cost_positive = models.Constraint(
        "CHECK (unit_cost >= 0)", "A service cost cannot be negative."
    )

    @api.depends("quantity", "unit_cost")
    def _compute_amount(self):
        for cost in self:
            cost.amount = cost.quantity * cost.unit_cost

    @api.depends("order_id.qf_service_type")
    def _compute_cost_type(self):
        for cost in self:
            cost.cost_type = (
                "warranty" if cost.order_id.qf_service_type == "warranty" else "service"
            )

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.kind = "parts"
            self.name = self.product_id.display_name
            self.unit_cost = self.product_id.standard_price

    # --- CRUD: the costs of a filed or cancelled order are a record ------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._qf_check_amounts(vals)
        costs = super().create(vals_list)
        costs._qf_check_order_open()
        return costs

    def write(self, vals):
        self._qf_check_order_open()
        self._qf_check_amounts(vals)
        return super().write(vals)

    def _qf_check_amounts(self, vals):
        """The clear message before the database's CHECK (R-X3)."""
        if "quantity" in vals and (vals["quantity"] or 0) <= 0:
            raise ValidationError(
                self.env._("The quantity of a service cost must be positive.")
            )
        if (vals.get("unit_cost") or 0) < 0:
            raise ValidationError(self.env._("A service cost cannot be negative."))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open(self):
        self._qf_check_order_open()

    def _qf_check_order_open(self):
        stages = self.env["fsm.order"]._qf_stages()
        closed = self.filtered(
            lambda c: c.order_id.stage_id in stages["filed"] | stages["cancelled"]
        )
        if closed:
            raise UserError(
                self.env._(
                    "Service order %(order)s is %(stage)s: its costs can no longer "
                    "be changed.",
                    order=closed[0].order_id.name,
                    stage=closed[0].order_id.stage_id.name,
                )
            )
