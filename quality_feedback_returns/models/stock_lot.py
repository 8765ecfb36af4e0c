# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    """The unit's returns, next to its complaints, service orders and repairs."""

    _inherit = "stock.lot"

    qf_return_slip_count = fields.Integer(
        string="Return Slips",
        compute="_compute_qf_return_slip_count",
        groups="quality_feedback.group_qf_user",
    )

    def _compute_qf_return_slip_count(self):
        counts = dict(
            self.env["quality.return.slip.line"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["slip_id:count_distinct"]
            )
        )
        for lot in self:
            lot.qf_return_slip_count = counts.get(lot, 0)

    def action_qf_view_return_slips(self):
        self.ensure_one()
        return self.env["quality.return.slip"]._qf_action_for(
            [("line_ids.lot_id", "=", self.id)], {"create": False}
        )
