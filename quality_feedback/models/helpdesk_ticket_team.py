# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    is_quality_feedback = fields.Boolean(
        string="Quality Complaints",
        help="Tickets of this team are quality complaints: they get complaint "
        "numbers and follow the complaint workflow and its stages.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams.filtered("is_quality_feedback")._qf_link_complaint_stages()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if vals.get("is_quality_feedback"):
            self._qf_link_complaint_stages()
        return res

    def _qf_link_complaint_stages(self):
        """Quality teams use the complaint stages (those with a complaint state)."""
        stages = (
            self.env["helpdesk.ticket.stage"].sudo().search([("qf_state", "!=", False)])
        )
        stages.write({"team_ids": [fields.Command.link(team.id) for team in self]})

    def _get_applicable_stages(self):
        if len(self) == 1 and self.is_quality_feedback:
            return self.env["helpdesk.ticket.stage"].search(
                [("team_ids", "=", self.id), ("qf_state", "!=", False)]
            )
        return super()._get_applicable_stages()

    def _qf_stage(self, state):
        """The stage of this quality team that stands for the complaint state."""
        self.ensure_one()
        return self._get_applicable_stages().filtered(lambda s: s.qf_state == state)[:1]

    @api.model
    def _qf_default_team(self, company=None):
        company = company or self.env.company
        return self.search(
            [
                ("is_quality_feedback", "=", True),
                ("company_id", "in", [company.id, False]),
            ],
            limit=1,
        )
