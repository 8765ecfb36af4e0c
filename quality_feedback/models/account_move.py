# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults


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

    @api.model
    def _qf_guarded_links(self):
        """Links to what a credit note settles: set in sudo by the workflow that
        creates it (README, "How rules are enforced"), never by users."""
        return {"qf_compensation_id"}

    @api.model_create_multi
    def create(self, vals_list):
        moves = self
        if not self.env.su:
            guarded = self._qf_guarded_links()
            qf_refuse_guarded(self, guarded, vals_list)
            moves = qf_without_guarded_defaults(self, guarded)
        return super(AccountMove, moves).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, self._qf_guarded_links(), [vals])
        return super().write(vals)
