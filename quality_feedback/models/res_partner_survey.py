# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ANSWERED = [("state", "=", "done"), ("test_entry", "=", False)]


# One model split by concern (README, model map): res_partner.py holds the rest.
class ResPartner(models.Model):
    """A customer's answered surveys and his satisfaction (R-802), over the
    customer and his contacts, from grouped queries."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    qf_survey_count = fields.Integer(
        string="Surveys",
        compute="_compute_qf_survey_summary",
        groups="survey.group_survey_user",
    )
    qf_survey_satisfied_share = fields.Float(
        string="Satisfied Answers (%)",
        compute="_compute_qf_survey_summary",
        digits=(16, 1),
        groups="survey.group_survey_user",
        help="Share of the customer's rated answers that are satisfied.",
    )
    qf_survey_rated_count = fields.Integer(
        string="Rated Answers",
        compute="_compute_qf_survey_summary",
        groups="survey.group_survey_user",
    )
    qf_survey_dissatisfied_count = fields.Integer(
        string="Dissatisfied Answers",
        compute="_compute_qf_survey_summary",
        groups="survey.group_survey_user",
    )
    qf_survey_input_ids = fields.Many2many(
        comodel_name="survey.user_input",
        string="Answered Surveys",
        compute="_compute_qf_survey_input_ids",
        groups="survey.group_survey_user",
    )

    def _qf_survey_domain(self):
        return [
            ("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids),
            *ANSWERED,
        ]

    def _compute_qf_survey_summary(self):
        """Two grouped queries for all the partners: answered surveys, and rated
        answers by customer and satisfaction."""
        counts = dict(
            self.env["survey.user_input"]._read_group(
                self._qf_survey_domain(),
                groupby=["partner_id.commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        rated = {}
        for customer, satisfaction, count in self.env[
            "survey.user_input.line"
        ]._read_group(
            [
                (
                    "user_input_id.partner_id.commercial_partner_id",
                    "in",
                    self.commercial_partner_id.ids,
                ),
                ("user_input_id.state", "=", "done"),
                ("user_input_id.test_entry", "=", False),
                ("skipped", "=", False),
                ("suggested_answer_id.qf_satisfaction", "!=", False),
            ],
            groupby=[
                "user_input_id.partner_id.commercial_partner_id",
                "suggested_answer_id.qf_satisfaction",
            ],
            aggregates=["__count"],
        ):
            rated.setdefault(customer, {})[satisfaction] = count
        for partner in self:
            customer = partner.commercial_partner_id
            answers = rated.get(customer, {})
            total = sum(answers.values())
            partner.qf_survey_count = counts.get(customer, 0)
            partner.qf_survey_rated_count = total
            partner.qf_survey_dissatisfied_count = answers.get("dissatisfied", 0)
            partner.qf_survey_satisfied_share = (
                100.0 * answers.get("satisfied", 0) / total if total else 0.0
            )

    def _compute_qf_survey_input_ids(self):
        """The customer's last answered surveys (one query for all partners)."""
        inputs = self.env["survey.user_input"].search(
            self._qf_survey_domain(), order="end_datetime desc, id desc"
        )
        for partner in self:
            partner.qf_survey_input_ids = inputs.filtered(
                lambda i, p=partner: (
                    i.partner_id.commercial_partner_id == p.commercial_partner_id
                )
            )[:10]

    def action_qf_view_surveys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_survey_answers"
        )
        action["domain"] = self._qf_survey_domain()
        action["context"] = {"create": False}
        return action

    def action_qf_send_survey(self):
        return self.env["quality.survey.send"]._qf_open(partners=self)
