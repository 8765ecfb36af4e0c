# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The field reports filed against a complaint (SPEC R-703)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_field_report_count = fields.Integer(
        string="Field Report Count",
        compute="_compute_qf_field_report_count",
        groups="fieldservice.group_fsm_user_own,quality_feedback.group_qf_user",
    )

    def _compute_qf_field_report_count(self):
        counts = dict(
            self.env["quality.field.report"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.qf_field_report_count = counts.get(ticket, 0)

    def action_qf_view_field_reports(self):
        self.ensure_one()
        return self.env["quality.field.report"]._qf_action_of_parent("ticket_id", self)
