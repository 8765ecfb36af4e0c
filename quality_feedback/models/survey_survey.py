# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, models
from odoo.exceptions import UserError


class SurveySurvey(models.Model):
    """Customer opinion surveys (客户意见调查, R-802) sent through Odoo's own
    invitation machinery (``survey.invite``, ``_create_answer``): ad hoc to chosen
    customers, about a closed complaint, or periodically."""

    _inherit = "survey.survey"

    # --- Sending (R-802) ------------------------------------------------------------------
    def _qf_send_opinion_survey(
        self, partners, company=None, ticket=None, deadline=False
    ):
        """Invite each of ``partners`` to this survey: one ``survey.user_input`` per
        customer with his e-mail, and an e-mail in his language. All or nothing: a
        customer without e-mail stops the whole batch. Returns the user inputs."""
        self.ensure_one()
        company = company or self.env.company
        ticket = ticket or self.env["helpdesk.ticket"]
        self._qf_check_sending(partners, ticket)
        template = self.env.ref("quality_feedback.mail_template_opinion_survey")
        user_inputs = self.env["survey.user_input"]
        by_lang = defaultdict(lambda: self.env["res.partner"])
        for partner in partners:
            by_lang[partner.lang or company.partner_id.lang] |= partner
        for lang, customers in by_lang.items():
            invite = (
                self.env["survey.invite"]
                .with_context(lang=lang)
                .create(
                    {
                        "survey_id": self.id,
                        "template_id": template.id,
                        "author_id": company.partner_id.id,
                        "partner_ids": [Command.set(customers.ids)],
                        "existing_mode": "new",
                        "deadline": deadline,
                    }
                )
            )
            answers = invite._prepare_answers(customers, [])
            # sudo: what marks an invitation is set by sending only.
            answers.sudo().write(
                {
                    "qf_invited": True,
                    "qf_company_id": company.id,
                    "qf_ticket_id": ticket.id,
                }
            )
            for answer in answers:
                invite._send_mail(answer)
            user_inputs |= answers
        return user_inputs

    def _qf_check_sending(self, partners, ticket):
        if not partners:
            raise UserError(self.env._("Choose the customers to send the survey to."))
        without_email = partners.filtered(lambda p: not p.email_normalized)
        if without_email:
            raise UserError(
                self.env._(
                    "These customers have no valid e-mail address; add one or leave "
                    "them out, nothing was sent: %s",
                    ", ".join(without_email.mapped("display_name")),
                )
            )
        if not self.question_ids:
            raise UserError(self.env._("The survey %s has no question.", self.title))
        if ticket:
            ticket.check_access("read")
            if not (ticket.is_complaint and ticket.qf_state == "closed"):
                raise UserError(
                    self.env._(
                        "An opinion survey about a complaint is sent once it is closed."
                    )
                )
            if partners.commercial_partner_id != ticket.commercial_partner_id:
                raise UserError(
                    self.env._(
                        "A survey about complaint %s goes to its customer only.",
                        ticket.number,
                    )
                )

    # --- Periodic surveys (R-802) ---------------------------------------------------------
    @api.model
    def _cron_qf_opinion_surveys(self, batch_size=200):
        """Scheduled action: the periodic opinion surveys, committing per batch."""
        return self._qf_send_periodic_surveys(
            batch_size=batch_size, commit=self.env["ir.cron"]._commit_progress
        )

    @api.model
    def _qf_send_periodic_surveys(self, batch_size=200, commit=None):
        """Send each company's opinion survey to the customers who had a delivery or
        a complaint in its survey period and were not surveyed in it, batch by batch.
        Candidates come from one indexed query per batch. Returns the user inputs."""
        sent = self.env["survey.user_input"]
        # Companies are few; each has its own survey and period.
        companies = self.env["res.company"].search([("active", "=", True)])
        for company in companies:
            survey = company._qf_opinion_survey()
            while survey:
                customers = company._qf_customers_to_survey(limit=batch_size)
                if not customers:
                    break
                sent |= survey.with_company(company)._qf_send_opinion_survey(
                    customers, company=company
                )
                if len(customers) < batch_size or (
                    commit and commit(len(customers)) <= 0
                ):
                    break
        return sent
