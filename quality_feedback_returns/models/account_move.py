# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    qf_return_slip_id = fields.Many2one(
        comodel_name="quality.return.slip",
        string="Return Slip",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The return slip this credit note credits (R-506).",
    )


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    qf_return_line_id = fields.Many2one(
        comodel_name="quality.return.slip.line",
        string="Return Slip Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
