# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

COMPLAINT_STATES = [
    ("registered", "Registered"),
    ("accepted", "Accepted"),
    ("investigating", "Investigating"),
    ("resolution", "Resolution"),
    ("awaiting_customer", "Awaiting Customer"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    qf_state = fields.Selection(
        selection=COMPLAINT_STATES,
        string="Complaint State",
        help="What this stage means for a quality complaint. The complaint "
        "workflow moves between stages by these states and checks each move.",
    )
