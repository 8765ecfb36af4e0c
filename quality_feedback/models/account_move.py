# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    qf_compensation_id = fields.Many2one(
        comodel_name="quality.compensation",
        string="Compensation Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The approved compensation request this credit note settles (R-304).",
    )
    qf_ticket_id = fields.Many2one(
        related="qf_compensation_id.ticket_id", string="Complaint"
    )
