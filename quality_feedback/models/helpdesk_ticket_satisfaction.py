# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .quality_row_lock import qf_lock_for_update

# rating.rating values (Odoo's rating module): 5 satisfied, 3 okay, 1 dissatisfied.
DISSATISFIED_RATING = 2


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """Satisfaction after closure (R-801, R-804): the rating request of OCA
    helpdesk_mgmt_rating sent once a day after closure, and the follow-up one level
    higher that a dissatisfied customer gets once, from a bad rating or a dissatisfied
    survey answer."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_dissatisfaction_followup_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Dissatisfaction Follow-up",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="The follow-up complaint opened, one level higher, when the customer "
        "said he was dissatisfied with the closed complaint (R-804). Opened once.",
    )

    # --- Rating request (R-405, R-801) ---------------------------------------------
    @api.model
    def _cron_qf_satisfaction_surveys(self):
        """Ask the customer of each complaint closed a day ago or earlier to rate how
        it was handled, once. The answer is a rating.rating of the complaint."""
        complaints = self.search(
            [
                ("is_complaint", "=", True),
                ("qf_state", "=", "closed"),
                ("qf_survey_sent", "=", False),
                ("rating_status", "!=", "no_rate"),
                ("partner_id", "!=", False),
                ("closed_date", "<=", fields.Datetime.now() - timedelta(days=1)),
            ]
        )
        template = self.env.ref("quality_feedback.mail_template_complaint_rating")
        for complaint in complaints:
            complaint.rating_send_request(template, lang=complaint.partner_id.lang)
        complaints.sudo().qf_survey_sent = True
        return complaints

    def _rating_get_operator(self):
        """The complaint's handler is rated; the quality team's leader without one."""
        return (self.user_id or self.team_id.user_id).partner_id

    # --- A dissatisfied customer (R-804) ----------------------------------------------
    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        rating = super().rating_apply(
            rate, token=token, rating=rating, feedback=feedback, **kwargs
        )
        if rate and rate <= DISSATISFIED_RATING:
            closed = self.filtered(lambda t: t.qf_state == "closed")
            closed._qf_open_dissatisfaction_followup(
                lambda env: env._("The customer rated the handling as dissatisfied.")
            )
        return rating

    def message_post(self, **kwargs):
        """Ratings come from the customer's rating link or portal, never from an
        employee's chatter: a rating decides a technician's score and a follow-up."""
        if kwargs.get("rating_value") and not self.env.su and not self.env.user.share:
            raise AccessError(
                self.env._("Only the customer rates a complaint or a service order.")
            )
        return super().message_post(**kwargs)

    def _qf_open_dissatisfaction_followup(self, reason):
        """Open, once per complaint, a follow-up one level higher (R-207, R-804) for
        a customer dissatisfied with a closed complaint; returns the follow-ups.
        ``reason`` is a function of an environment that returns the translated
        reason, so that the note is written in the company's language."""
        complaints = self.sudo().filtered("is_complaint")
        if not complaints:
            return self.browse()
        # Two answers arriving at once must not open two follow-ups.
        qf_lock_for_update(
            complaints,
            self.env._("The complaint is being updated; please try again."),
        )
        followups = self.browse()
        for complaint in complaints:
            if complaint.qf_dissatisfaction_followup_id:
                followups |= complaint.qf_dissatisfaction_followup_id
                continue
            # A note on the complaint has no single reader: the company's language.
            company_env = complaint.with_context(
                lang=complaint.company_id.partner_id.lang
            ).env
            followup = complaint._qf_create_followup(
                company_env._("Dissatisfied: %s", complaint.name)
            )
            complaint.qf_dissatisfaction_followup_id = followup
            complaint.message_post(
                body=company_env._(
                    "%(reason)s Follow-up complaint %(number)s opened one level higher.",
                    reason=reason(company_env),
                    number=followup.number,
                ),
                subtype_xmlid="mail.mt_note",
            )
            followups |= followup
        return followups
