# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    """The field reports filed against a complaint (SPEC R-703)."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "quality.field.report.parent"]
    _qf_field_report_link = "ticket_id"
