# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    qf_return_slip_count = fields.Integer(
        string="Return Slips", compute="_compute_qf_return_slip_count"
    )

    def _compute_qf_return_slip_count(self):
        counts = dict(
            self.env["quality.return.slip"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.qf_return_slip_count = counts.get(order, 0)

    def action_qf_view_return_slips(self):
        self.ensure_one()
        return self.env["quality.return.slip"]._qf_action_for(
            [("sale_order_id", "=", self.id)],
            {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.commercial_partner_id.id,
            },
        )
