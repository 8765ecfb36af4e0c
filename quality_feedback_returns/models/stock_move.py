# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.quality_feedback.models.quality_guarded_mixin import (
    qf_refuse_guarded,
    qf_without_guarded_defaults,
)

# Set in sudo by the return slip's workflow only: they decide what a slip received.
GUARDED = {"qf_return_line_id", "qf_received_qty"}
# Where a move of a return slip line takes the goods from and to, and which product.
FIXED_ON_LINKED = {"location_id", "location_dest_id", "product_id"}


class StockMove(models.Model):
    _inherit = "stock.move"

    qf_return_line_id = fields.Many2one(
        comodel_name="quality.return.slip.line",
        string="Return Slip Line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The return slip line this move receives, inspects or replaces (R-504); "
        "kept by the moves a partial receipt splits off.",
    )
    qf_received_qty = fields.Float(
        string="Received on the Return Slip",
        digits="Product Unit",
        readonly=True,
        copy=False,
        help="Written once, when the receipt is validated, in the unit of the slip "
        "line: what this move brought into the customer returns location.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        moves = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED, vals_list)
            moves = qf_without_guarded_defaults(self, GUARDED)
        return super(StockMove, moves).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            linked = self.filtered("qf_return_line_id")
            qf_refuse_guarded(
                self, GUARDED | (FIXED_ON_LINKED if linked else set()), [vals]
            )
            if linked and "picking_id" in vals:
                linked._qf_check_picking(vals["picking_id"])
        return super().write(vals)

    def _qf_check_picking(self, picking_id):
        """A move of a return slip line stays in a transfer of the same slip."""
        # sudo: the links are compared, whoever moves the line.
        picking = self.env["stock.picking"].sudo().browse(picking_id)
        if self.sudo().qf_return_line_id.slip_id != picking.qf_return_slip_id:
            raise AccessError(
                self.env._(
                    "A move of a return slip stays in the transfers of its slip."
                )
            )

    @api.model
    def _prepare_merge_moves_distinct_fields(self):
        """Two lines of a slip with the same product keep a move each."""
        return [*super()._prepare_merge_moves_distinct_fields(), "qf_return_line_id"]

    def _create_backorder(self):
        """What a partial receipt leaves goes on a move of the same slip line: each
        linked move is split on its own so that its part is known, then linked in
        sudo (users never set the link)."""
        linked = self.filtered("qf_return_line_id")
        backorder_moves = super(StockMove, self - linked)._create_backorder()
        for move in linked:
            split = super(StockMove, move)._create_backorder()
            # sudo: the link is guarded; the split carries the line of its move.
            split.sudo().qf_return_line_id = move.qf_return_line_id
            backorder_moves |= split
        return backorder_moves

    def _qf_is_return_receipt(self):
        """A move from a customer into the returns location of its slip line."""
        self.ensure_one()
        slip = self.qf_return_line_id.slip_id
        return (
            self.location_id.usage == "customer"
            and self.location_dest_id == slip.warehouse_id.qf_return_location_id
        )

    def _qf_record_received(self):
        """Write, once, what each validated receipt brought in."""
        for move in self.filtered(
            lambda m: m.state == "done" and m._qf_is_return_receipt()
        ):
            line = move.qf_return_line_id
            # sudo: the received quantity is guarded; the receipt was validated.
            move.sudo().qf_received_qty = move.product_uom._compute_quantity(
                move.quantity, line.uom_id
            )
