# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class QualityServiceDispatch(models.TransientModel):
    """The factory director dispatches a technician (派工, SPEC R-602)."""

    _name = "quality.service.dispatch"
    _description = "Dispatch a Technician"

    order_ids = fields.Many2many(comodel_name="fsm.order", string="Service Orders")
    person_id = fields.Many2one(
        comodel_name="fsm.person", string="Technician", required=True
    )
    scheduled_date_start = fields.Datetime(string="Scheduled Start")

    @api.model
    def default_get(self, fields_list):
        """From the list's action menu: the selected orders."""
        values = super().default_get(fields_list)
        context = self.env.context
        if not values.get("order_ids") and context.get("active_model") == "fsm.order":
            values["order_ids"] = [(6, 0, context.get("active_ids", []))]
        return values

    def action_dispatch(self):
        self.ensure_one()
        self.order_ids._qf_dispatch(self.person_id, self.scheduled_date_start)
        return {"type": "ir.actions.act_window_close"}


class QualityServiceType(models.TransientModel):
    """Changing the service type of an order (R-601): a reason is required when the
    type differs from what the warranty and the contract propose."""

    _name = "quality.service.type"
    _description = "Change the Service Type"

    order_id = fields.Many2one(comodel_name="fsm.order", required=True)
    proposed_type = fields.Selection(related="order_id.qf_proposed_type")
    service_type = fields.Selection(
        selection=lambda self: (
            self.env["fsm.order"]
            ._fields["qf_service_type"]
            ._description_selection(self.env)
        ),
        required=True,
    )
    reason = fields.Text()

    def action_apply(self):
        self.ensure_one()
        self.order_id._qf_set_service_type(self.service_type, self.reason)
        return {"type": "ir.actions.act_window_close"}
