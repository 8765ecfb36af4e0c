# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models


class QualitySurveySend(models.TransientModel):
    """Send a customer opinion survey (R-802) to chosen customers, from the customer
    list or the quality menu, or to the customer of a closed complaint."""

    _name = "quality.survey.send"
    _description = "Send a Customer Opinion Survey"

    survey_id = fields.Many2one(
        comodel_name="survey.survey",
        required=True,
        default=lambda self: self.env.company._qf_opinion_survey(),
        domain="[('survey_type', '=', 'survey'), ('active', '=', True)]",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Customers",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="About Complaint",
        readonly=True,
        domain="[('is_complaint', '=', True), ('qf_state', '=', 'closed')]",
        help="A dissatisfied answer follows this closed complaint up one level higher.",
    )
    deadline = fields.Datetime(string="Answer By")

    def _default_partner_ids(self):
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_ids"):
            return [Command.set(context["active_ids"])]
        return []

    def _qf_open(self, partners=None, ticket=None):
        """Window action of the wizard for ``partners`` (about ``ticket``)."""
        wizard = self.create(
            {
                "partner_ids": [Command.set(partners.ids if partners else [])],
                "ticket_id": ticket.id if ticket else False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Opinion Survey"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_send(self):
        self.ensure_one()
        sent = self.survey_id._qf_send_opinion_survey(
            self.partner_ids, ticket=self.ticket_id, deadline=self.deadline
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(survey)s sent to %(count)s customers.",
                    survey=self.survey_id.title,
                    count=len(sent),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
