# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FsmOrder(models.Model):
    """The field reports filed against a service order (SPEC R-703)."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "quality.field.report.parent"]
    _qf_field_report_link = "fsm_order_id"
