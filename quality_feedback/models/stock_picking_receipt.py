# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_guarded_mixin import qf_refuse_guarded


class StockPicking(models.Model):
    _inherit = "stock.picking"

    qf_receipt_id = fields.Many2one(
        comodel_name="quality.service.receipt",
        string="Take-Back Receipt",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="The receipt (收据, R-603) whose product this transfer takes in or back.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            qf_refuse_guarded(self, {"qf_receipt_id"}, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, {"qf_receipt_id"}, [vals])
        return super().write(vals)


class StockMoveLine(models.Model):
    """The customer-product in/out register (客户产品进出登记簿, SPEC R-603): the
    done move lines that enter or leave a *Customer Products under Repair*
    location, with who holds the product now."""

    _inherit = "stock.move.line"

    qf_register_direction = fields.Selection(
        selection=[("in", "In"), ("out", "Out")],
        string="In/Out",
        compute="_compute_qf_register_direction",
    )
    qf_receipt_id = fields.Many2one(
        related="picking_id.qf_receipt_id", string="Take-Back Receipt"
    )
    qf_holder = fields.Selection(related="qf_receipt_id.holder", string="Held By")
    qf_holder_since = fields.Datetime(
        related="qf_receipt_id.holder_since", string="Held Since"
    )

    @api.depends("location_id", "location_dest_id")
    def _compute_qf_register_direction(self):
        for line in self:
            into = line.location_dest_id.qf_customer_repair
            out_of = line.location_id.qf_customer_repair
            line.qf_register_direction = (
                "in" if into and not out_of else "out" if out_of and not into else False
            )
