# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


# One model split by concern (README, model map): res_config_settings.py holds the rest.
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    qf_opinion_survey_id = fields.Many2one(
        related="company_id.qf_opinion_survey_id", readonly=False
    )
    qf_survey_period_months = fields.Integer(
        related="company_id.qf_survey_period_months", readonly=False
    )
