# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    qf_return_slip_count = fields.Integer(
        string="Return Slips",
        compute="_compute_qf_return_slip_count",
        groups="quality_feedback.group_qf_user",
    )

    def _compute_qf_return_slip_count(self):
        counts = dict(
            self.env["quality.return.slip"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.qf_return_slip_count = counts.get(partner.commercial_partner_id, 0)

    def action_qf_view_return_slips(self):
        self.ensure_one()
        customer = self.commercial_partner_id
        return self.env["quality.return.slip"]._qf_action_for(
            [("partner_id", "=", customer.id)], {"default_partner_id": customer.id}
        )
