# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    qf_return_slip_id = fields.Many2one(
        comodel_name="quality.return.slip",
        string="Return Slip",
        index="btree_not_null",
        readonly=True,
        help="Kept by backorders, which receive the rest of the same slip.",
    )
    qf_replacement = fields.Boolean(
        string="Replacement Delivery",
        readonly=True,
        copy=False,
        help="New goods delivered to replace those of the return slip (R-507).",
    )

    def _action_done(self):
        """Receiving against a return slip (R-504): more than approved needs a
        reason on the slip line; the received quantities then flow back to the slip."""
        self._qf_check_return_quantities()
        res = super()._action_done()
        # sudo: validating the transfer moves its slip on, whoever validates.
        self.qf_return_slip_id.sudo()._qf_after_receipt()
        return res

    def _qf_check_return_quantities(self):
        incoming = {}
        for move in self.move_ids.filtered(
            lambda m: (
                m.qf_return_line_id
                and m.picked
                and m.state != "done"
                and m.location_dest_id
                == m.qf_return_line_id.slip_id.warehouse_id.qf_return_location_id
            )
        ):
            line = move.qf_return_line_id
            incoming[line] = incoming.get(
                line, 0.0
            ) + move.product_uom._compute_quantity(move.quantity, line.uom_id)
        over = [
            line
            for line, quantity in incoming.items()
            if line.uom_id.compare(line.qty_received + quantity, line.qty_approved) > 0
            and not line.difference_reason
        ]
        if over:
            raise UserError(
                self.env._(
                    "More is received than the return slip approved for %s: write the "
                    "reason on the slip line first.",
                    ", ".join(line.product_id.display_name for line in over),
                )
            )

    def action_qf_open_return_slip(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "quality.return.slip",
            "res_id": self.qf_return_slip_id.id,
            "view_mode": "form",
        }
