# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults
from .quality_row_lock import qf_lock_for_update

_logger = logging.getLogger(__name__)

# Set only when the survey is sent or a follow-up is opened.
GUARDED_FIELDS = {
    "qf_invited",
    "qf_company_id",
    "qf_ticket_id",
    "qf_followup_ticket_id",
}
# Once sent, who answers which survey, and the answers, come from the customer's link
# only (run as superuser by the survey controller): typed in by an employee, they
# would open complaints in the customer's name.
INVITED_FIXED_FIELDS = {
    "survey_id",
    "partner_id",
    "email",
    "state",
    "test_entry",
    "end_datetime",
    "user_input_line_ids",
    "predefined_question_ids",
}


class SurveyUserInput(models.Model):
    """A customer's answers to an opinion survey (R-802) and the follow-up a
    dissatisfied answer opens, once, when the survey is completed (R-804)."""

    _inherit = "survey.user_input"

    qf_invited = fields.Boolean(
        string="Opinion Survey Invitation",
        readonly=True,
        copy=False,
        help="Sent to the customer as a customer opinion survey (R-802); its "
        "dissatisfied answers open a follow-up.",
    )
    qf_company_id = fields.Many2one(
        comodel_name="res.company",
        string="Sent By Company",
        readonly=True,
        copy=False,
    )
    qf_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="About Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The closed complaint the customer was asked about.",
    )
    qf_followup_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Follow-up Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint opened, once, because the customer gave a dissatisfied "
        "answer (R-804).",
    )

    # --- CRUD ---------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, vals_list)
            model = qf_without_guarded_defaults(self, GUARDED_FIELDS)
        return super(SurveyUserInput, model).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, [vals])
            if self.filtered("qf_invited"):
                qf_refuse_guarded(self, INVITED_FIXED_FIELDS, [vals])
        return super().write(vals)

    # --- The customer completes the survey (R-804) --------------------------------------
    def _mark_done(self):
        res = super()._mark_done()
        self._qf_follow_up_dissatisfied()
        return res

    def _qf_follow_up_dissatisfied(self):
        """Open a follow-up for each completed invitation with a dissatisfied answer,
        once per invitation: on a closed complaint, the complaint's follow-up one
        level higher; otherwise a new complaint of the customer. The customer's
        submission runs as the public user: the follow-up is written in sudo."""
        # sudo: the customer's own answers open the follow-up, whoever he is logged in as.
        inputs = self.sudo().filtered(
            lambda i: i.qf_invited and not i.test_entry and not i.qf_followup_ticket_id
        )
        if not inputs:
            return self.env["helpdesk.ticket"]
        # Two submissions at once must not open two follow-ups.
        qf_lock_for_update(
            inputs, self.env._("The survey is being answered; please try again.")
        )
        followups = self.env["helpdesk.ticket"].sudo()
        for user_input in inputs:
            if user_input.state != "done" or user_input.qf_followup_ticket_id:
                continue
            lines = user_input.user_input_line_ids.filtered(
                lambda line: (
                    not line.skipped
                    and line.suggested_answer_id.qf_satisfaction == "dissatisfied"
                )
            )
            if not lines:
                continue
            followup = user_input._qf_open_followup(lines)
            if followup:
                user_input.qf_followup_ticket_id = followup
                followups |= followup
        return followups

    def _qf_open_followup(self, lines):
        self.ensure_one()
        ticket = self.qf_ticket_id
        if ticket.is_complaint and ticket.qf_state == "closed":
            return ticket._qf_open_dissatisfaction_followup(
                lambda env: env._(
                    "The customer answered the opinion survey as dissatisfied: %s.",
                    "; ".join(self._qf_quote(lines.with_env(env))),
                )
            )
        return self._qf_create_complaint(lines)

    @api.model
    def _qf_quote(self, lines):
        """``Question: answer`` of each line, in the language of ``lines``' env."""
        return [
            f"{line.question_id.title}: {line.suggested_answer_id.value}"
            for line in lines
        ]

    def _qf_create_complaint(self, lines):
        """A new complaint of the customer (R-804), registered one level higher,
        quoting his dissatisfied answers and suggestions; in the company's language,
        which is whom the note is for."""
        self.ensure_one()
        company = self.qf_company_id or self.env.company
        env = self.with_company(company).with_context(lang=company.partner_id.lang).env
        team = env["helpdesk.ticket.team"]._qf_default_team(company)
        if not team:
            _logger.warning(
                "No quality team in %s: dissatisfied survey answer %s not followed up.",
                company.name,
                self.id,
            )
            return env["helpdesk.ticket"]
        this = self.with_env(env)
        suggestions = this.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.answer_type == "text_box"
        )
        description = Markup("<p>%s</p><ul>%s</ul>") % (
            env._(
                "Dissatisfied answers of the customer in the survey %s:",
                this.survey_id.title,
            ),
            Markup().join(
                Markup("<li>%s</li>") % quote
                for quote in this._qf_quote(lines.with_env(env))
            ),
        )
        for line in suggestions:
            description += Markup("<p>%s <em>%s</em></p>") % (
                line.question_id.title,
                line.value_text_box,
            )
        return env["helpdesk.ticket"].create(
            {
                "name": env._(
                    "Dissatisfied in the opinion survey: %s", self.partner_id.name
                ),
                "team_id": team.id,
                "company_id": company.id,
                "partner_id": self.partner_id.id,
                "partner_name": self.partner_id.name,
                "partner_email": self.partner_id.email or self.email,
                "qf_scope": "external",
                "channel_id": env.ref("quality_feedback.channel_opinion_survey").id,
                "description": description,
                "escalation_level": 1,
            }
        )

    # --- Actions ------------------------------------------------------------------------
    def action_qf_view_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "res_id": self.qf_followup_ticket_id.id,
        }

    def _qf_refuse_answer_change(self):
        """Answers of a sent opinion survey are the customer's (see the lines)."""
        # sudo: whether the survey was sent decides, whatever the caller reads.
        if self.sudo().filtered("qf_invited"):
            raise AccessError(
                self.env._(
                    "The answers to a customer opinion survey come from the "
                    "customer only."
                )
            )
