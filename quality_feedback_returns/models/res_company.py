# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    qf_return_sequence_id = fields.Many2one(
        comodel_name="ir.sequence",
        string="Return Slip Sequence",
        copy=False,
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._qf_ensure_return_sequence()
        return companies

    def _qf_ensure_return_sequence(self):
        """Return slips are numbered like complaints: RS + YYMM + monthly serial."""
        for company in self.filtered(lambda c: not c.qf_return_sequence_id):
            # sudo: the company's link to its technical sequence.
            company.sudo().qf_return_sequence_id = company._qf_create_monthly_sequence(
                "quality.return.slip",
                self.env._("Return slips of %s", company.name),
                "RS%(range_y)s%(range_month)s-",
            )
