# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class SurveyQuestionAnswer(models.Model):
    """What a suggested answer says about the customer's satisfaction (R-802): the
    share of satisfied answers per customer, and a dissatisfied answer opens a
    follow-up once the survey is completed (R-804)."""

    _inherit = "survey.question.answer"

    qf_satisfaction = fields.Selection(
        selection=[
            ("satisfied", "Satisfied"),
            ("neutral", "Neutral"),
            ("dissatisfied", "Dissatisfied"),
        ],
        string="Satisfaction",
        help="What this answer means for the customer's satisfaction. A customer "
        "who gives a dissatisfied answer gets a follow-up complaint once the survey "
        "is completed; satisfied answers count in his share of satisfied answers. "
        "Set by survey managers, or by the survey officer who created the survey.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        if not self.env.su:
            answers.filtered("qf_satisfaction")._qf_check_satisfaction_rights()
        return answers

    def write(self, vals):
        """The mark, and the text or question of a marked answer: renaming the
        dissatisfied answer of someone else's survey would flip it as well."""
        if self.env.su:
            return super().write(vals)
        marked = self.filtered("qf_satisfaction")
        if "qf_satisfaction" in vals:
            marked = self
        if {"qf_satisfaction", "question_id", "value"} & set(vals):
            marked._qf_check_satisfaction_rights()
        res = super().write(vals)
        if "question_id" in vals:
            marked._qf_check_satisfaction_rights()
        return res

    def _qf_check_satisfaction_rights(self):
        """A dissatisfied mark opens complaints for customers: only survey managers
        change the marks, or a survey officer on the surveys he created himself (the
        creator cannot be rewritten, unlike the survey's responsible)."""
        if not self or self.env.user.has_group("survey.group_survey_manager"):
            return
        # sudo: the creator of the surveys, whatever the caller reads of them.
        others = self.sudo().question_id.survey_id.filtered(
            lambda s: s.create_uid != self.env.user
        )
        if others:
            raise AccessError(
                self.env._(
                    "Only survey managers mark what an answer means for the "
                    "customer's satisfaction in surveys created by others: %s",
                    ", ".join(others.mapped("title")),
                )
            )
