# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.quality_feedback.models.quality_guarded_mixin import (
    qf_refuse_guarded,
    qf_without_guarded_defaults,
)

# Set in sudo by the return slip's workflow only.
GUARDED = {"qf_return_slip_id", "qf_replacement"}
# Changing them (the partner and the type recompute the locations) would send the
# slip's goods elsewhere, or make an inspection transfer count as a receipt.
FIXED_ON_SLIP = {"location_id", "location_dest_id", "picking_type_id", "partner_id"}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    qf_return_slip_id = fields.Many2one(
        comodel_name="quality.return.slip",
        string="Return Slip",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Kept by backorders, which receive the rest of the same slip.",
    )
    qf_replacement = fields.Boolean(
        string="Replacement Delivery",
        readonly=True,
        copy=False,
        help="New goods delivered to replace those of the return slip (R-507).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        pickings = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED, vals_list)
            pickings = qf_without_guarded_defaults(self, GUARDED)
        return super(StockPicking, pickings).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            fixed = FIXED_ON_SLIP if self.filtered("qf_return_slip_id") else set()
            qf_refuse_guarded(self, GUARDED | fixed, [vals])
        return super().write(vals)

    def _create_backorder_picking(self):
        backorder = super()._create_backorder_picking()
        if self.qf_return_slip_id:
            # sudo: the links are guarded; a backorder serves the same slip.
            backorder.sudo().write(
                {
                    "qf_return_slip_id": self.qf_return_slip_id.id,
                    "qf_replacement": self.qf_replacement,
                }
            )
        return backorder

    def _action_done(self):
        """Receiving against a return slip (R-504): more than approved needs a
        reason on the slip line; the received quantities then flow back to the slip."""
        self._qf_check_return_quantities()
        # sudo: whoever validates, the receipt's quantities go to its slip.
        todo = self.sudo().move_ids.filtered(
            lambda m: m.qf_return_line_id and m.state not in ("done", "cancel")
        )
        res = super()._action_done()
        todo.exists()._qf_record_received()
        # sudo: validating the transfer moves its slip on, whoever validates.
        self.sudo().qf_return_slip_id._qf_after_receipt()
        return res

    def _qf_check_return_quantities(self):
        incoming = {}
        # sudo: whoever validates, the slip line decides what may come in.
        for move in self.sudo().move_ids.filtered(
            lambda m: (
                m.qf_return_line_id
                and m.picked
                and m.state != "done"
                and m._qf_is_return_receipt()
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
