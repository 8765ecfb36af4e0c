# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


# One model split by concern (README, model map): the customer visits.
class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_visit_ids = fields.One2many(
        comodel_name="quality.visit",
        inverse_name="ticket_id",
        string="Visits",
        groups="quality_feedback.group_qf_user",
    )
    qf_visit_count = fields.Integer(
        string="Visit Count",
        compute="_compute_qf_visit_count",
        groups="quality_feedback.group_qf_user",
    )

    def _compute_qf_visit_count(self):
        counts = dict(
            self.env["quality.visit"]._read_group(
                [("ticket_id", "in", self.ids)],
                groupby=["ticket_id"],
                aggregates=["__count"],
            )
        )
        for ticket in self:
            ticket.qf_visit_count = counts.get(ticket, 0)

    def action_qf_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_quality_visit"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_qf_plan_visit(self):
        """R-804: the department head, or the delegate he sends, visits the
        customer of a complaint (部长亲自或专门派人员前往): a new visit form filled in
        from the complaint; the leader is the responsible department's manager."""
        self.ensure_one()
        self.check_access("read")
        department = self.responsible_department_id or self.department_ids[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan Visit"),
            "res_model": "quality.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_kind": "complaint",
                "default_ticket_id": self.id,
                "default_partner_id": self.commercial_partner_id.id,
                "default_company_id": self.company_id.id,
                "default_sale_order_id": self.sale_order_id.id,
                "default_project": f"{self.number} {self.name}".strip(),
                "default_leader_id": department.manager_id.id or self.env.uid,
            },
        }
