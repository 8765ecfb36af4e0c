# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    qf_return_line_id = fields.Many2one(
        comodel_name="quality.return.slip.line",
        string="Return Slip Line",
        index="btree_not_null",
        help="The return slip line this move receives, inspects or replaces (R-504).",
    )
