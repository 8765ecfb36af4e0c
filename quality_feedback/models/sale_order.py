# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    qf_complaint_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="sale_order_id",
        string="Complaints",
        domain=[("is_complaint", "=", True)],
    )
    qf_complaint_count = fields.Integer(
        string="Complaint Count", compute="_compute_qf_complaint_count"
    )

    def _compute_qf_complaint_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("is_complaint", "=", True), ("sale_order_id", "in", self.ids)],
                groupby=["sale_order_id"],
                aggregates=["__count"],
            )
        )
        for order in self:
            order.qf_complaint_count = counts.get(order, 0)

    qf_service_order_count = fields.Integer(
        string="Service Orders",
        compute="_compute_qf_service_order_count",
        groups="fieldservice.group_fsm_user_own",
    )

    def _compute_qf_service_order_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("qf_sale_order_id", "in", self.ids)],
                groupby=["qf_sale_order_id"],
                aggregates=["__count"],
            )
        )
        for order in self:
            order.qf_service_order_count = counts.get(order, 0)

    def action_qf_register_service(self):
        """Register a service request for a unit of this order (R-602)."""
        self.ensure_one()
        line = self.order_line.filtered(lambda line: line.product_id.type == "consu")[
            :1
        ]
        return self.env["quality.service.register"]._qf_open(
            {
                "partner_id": self.partner_id.id,
                "sale_order_id": self.id,
                "product_id": line.product_id.id,
            }
        )

    def action_qf_view_service_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_service_record"
        )
        action["domain"] = [("qf_sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _qf_complaint_defaults(self):
        return {
            "default_sale_order_id": self.id,
            "default_partner_id": self.partner_id.id,
        }

    def action_qf_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_complaints"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = self._qf_complaint_defaults()
        return action

    def action_qf_new_complaint(self):
        self.ensure_one()
        return self.env["helpdesk.ticket"]._qf_action_new_complaint(
            self._qf_complaint_defaults()
        )
