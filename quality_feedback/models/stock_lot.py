# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    """A unit's whole history in one place (issue #13, links): its complaints,
    service orders and repairs (and its returns, with the returns addon)."""

    _inherit = "stock.lot"

    qf_complaint_count = fields.Integer(
        string="Complaints",
        compute="_compute_qf_complaint_count",
        groups="quality_feedback.group_qf_user",
    )
    qf_service_order_count = fields.Integer(
        string="Service Orders",
        compute="_compute_qf_service_order_count",
        groups="fieldservice.group_fsm_user",
    )
    qf_repair_count = fields.Integer(
        string="Repairs",
        compute="_compute_qf_repair_count",
        groups="stock.group_stock_user",
    )

    def _qf_counts(self, model, field, domain=()):
        return dict(
            self.env[model]._read_group(
                [(field, "in", self.ids), *domain], [field], ["__count"]
            )
        )

    def _compute_qf_complaint_count(self):
        counts = self._qf_counts(
            "helpdesk.ticket", "lot_id", [("is_complaint", "=", True)]
        )
        for lot in self:
            lot.qf_complaint_count = counts.get(lot, 0)

    def _compute_qf_service_order_count(self):
        counts = self._qf_counts("fsm.order", "qf_lot_id")
        for lot in self:
            lot.qf_service_order_count = counts.get(lot, 0)

    def _compute_qf_repair_count(self):
        counts = self._qf_counts("repair.order", "lot_id")
        for lot in self:
            lot.qf_repair_count = counts.get(lot, 0)

    def _qf_list_action(self, xmlid, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update({"domain": domain, "name": name, "context": {"create": False}})
        return action

    def action_qf_view_complaints(self):
        self.ensure_one()
        return self._qf_list_action(
            "quality_feedback.action_qf_complaints",
            [("lot_id", "=", self.id), ("is_complaint", "=", True)],
            self.env._("Complaints of %s", self.name),
        )

    def action_qf_view_service_orders(self):
        self.ensure_one()
        return self._qf_list_action(
            "quality_feedback.action_qf_service_record",
            [("qf_lot_id", "=", self.id)],
            self.env._("Service Orders of %s", self.name),
        )

    def action_qf_view_repairs(self):
        self.ensure_one()
        return self._qf_list_action(
            "repair.action_repair_order_tree",
            [("lot_id", "=", self.id)],
            self.env._("Repairs of %s", self.name),
        )
