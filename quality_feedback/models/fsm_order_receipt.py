# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .fsm_order_workflow import DIRECTOR_GROUP


class FSMOrder(models.Model):
    """Taking a product back for repair when it cannot be fixed on site (SPEC
    R-603): the technician issues a receipt from his dispatched order."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    qf_receipt_ids = fields.One2many(
        comodel_name="quality.service.receipt",
        inverse_name="order_id",
        string="Take-Back Receipts",
    )
    qf_receipt_count = fields.Integer(compute="_compute_qf_receipt_count")
    qf_can_take_back = fields.Boolean(compute="_compute_qf_can_take_back")

    @api.depends("qf_receipt_ids")
    def _compute_qf_receipt_count(self):
        for order in self:
            order.qf_receipt_count = len(order.qf_receipt_ids)

    @api.depends("stage_id", "person_id")
    @api.depends_context("uid")
    def _compute_qf_can_take_back(self):
        director = self.env.user.has_group(DIRECTOR_GROUP)
        dispatched = self._qf_stages()["dispatched"]
        for order in self:
            order.qf_can_take_back = order.stage_id == dispatched and (
                director or self.env.user in order.qf_technician_user_ids
            )

    def action_qf_take_back(self):
        """A new receipt for the order's product, opened for the technician."""
        self.ensure_one()
        self._qf_check_on_site(self.env._("taken back for repair"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Back for Repair"),
            "res_model": "quality.service.receipt",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_order_id": self.id,
                "default_product_id": self.qf_product_id.id,
                "default_lot_id": self.qf_lot_id.id,
                "default_date_promised": fields.Date.to_date(self.qf_date_promised),
            },
        }

    def action_qf_view_receipts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take-Back Receipts"),
            "res_model": "quality.service.receipt",
            "view_mode": "list,form",
            "domain": [("order_id", "=", self.id)],
            "context": {"default_order_id": self.id},
        }
