# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SurveyUserInputLine(models.Model):
    """The customer's answers to an opinion survey are his: only the survey's
    controller (superuser, the customer's token) writes them (R-802, R-804)."""

    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            inputs = self.env["survey.user_input"].browse(
                {vals.get("user_input_id") for vals in vals_list} - {None, False}
            )
            inputs._qf_refuse_answer_change()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.user_input_id._qf_refuse_answer_change()
            if vals.get("user_input_id"):
                self.env["survey.user_input"].browse(
                    vals["user_input_id"]
                )._qf_refuse_answer_change()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.user_input_id._qf_refuse_answer_change()
        return super().unlink()
