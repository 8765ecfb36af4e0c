# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Service orders of a complaint (SPEC R-602, links both ways)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_service_order_count = fields.Integer(
        string="Service Order Count",
        compute="_compute_qf_service_order_count",
        groups="fieldservice.group_fsm_user_own",
    )

    @api.depends("fsm_order_ids")
    def _compute_qf_service_order_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.qf_service_order_count = counts.get(ticket, 0)

    def action_create_order(self):
        """helpdesk_mgmt_fieldservice's button opens the registration of a service
        request filled in from the complaint (customer, product, lot, order)."""
        self.ensure_one()
        return self.env["quality.service.register"]._qf_open(
            {
                "partner_id": self.partner_id.id,
                "ticket_id": self.id,
                "product_id": self.product_id.id,
                "lot_id": self.lot_id.id,
                "sale_order_id": self.sale_order_id.id,
                "description": self.name,
            }
        )

    def action_qf_view_service_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_service_record"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
