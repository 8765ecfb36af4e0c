# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qf_complaint_prefix = fields.Char(
        related="company_id.qf_complaint_prefix", readonly=False
    )
    qf_duplicate_window_days = fields.Integer(
        related="company_id.qf_duplicate_window_days", readonly=False
    )
