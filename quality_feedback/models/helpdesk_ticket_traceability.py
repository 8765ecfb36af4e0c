# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SHIFTS = [
    ("day", "Day Shift"),
    ("morning", "Morning Shift"),
    ("middle", "Middle Shift"),
    ("night", "Night Shift"),
]


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """Production traceability of the goods complained about (R-210: 提报生产车间、
    班别、生产人员及生产日期): the workshop, shift, operator and production date that
    production reports during the investigation. Filterable and grouped on in the
    complaints' search view, columns of the ledger (R-901)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    production_workshop_id = fields.Many2one(
        comodel_name="quality.department",
        string="Workshop",
        domain="[('is_workshop', '=', True)]",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        groups="base.group_user",
        help="Production workshop (生产车间) that made the goods.",
    )
    production_shift = fields.Selection(
        selection=SHIFTS,
        string="Shift",
        tracking=True,
        groups="base.group_user",
        help="Shift (班别) that made the goods.",
    )
    production_operator = fields.Char(
        string="Operator",
        tracking=True,
        groups="base.group_user",
        help="Who made the goods (生产人员): operators need no login, so the name is "
        "written as production reports it.",
    )
    production_date = fields.Date(
        tracking=True,
        index="btree_not_null",
        groups="base.group_user",
        help="Date the goods were made (生产日期).",
    )
