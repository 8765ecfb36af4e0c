# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    return_slip_ids = fields.One2many(
        comodel_name="quality.return.slip",
        inverse_name="ticket_id",
        groups="quality_feedback.group_qf_user",
    )
    return_slip_count = fields.Integer(
        compute="_compute_return_slip_count", groups="quality_feedback.group_qf_user"
    )

    def _compute_return_slip_count(self):
        counts = self._qf_count_documents("quality.return.slip")
        for ticket in self:
            ticket.return_slip_count = counts.get(ticket, 0)

    def action_qf_view_return_slips(self):
        self.ensure_one()
        return self.env["quality.return.slip"]._qf_action_for(
            [("ticket_id", "=", self.id)],
            {
                "default_ticket_id": self.id,
                "default_partner_id": self.commercial_partner_id.id,
                "default_sale_order_id": self.sale_order_id.id,
            },
        )
