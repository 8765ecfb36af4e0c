# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityDepartment(models.Model):
    """A department that complaints are routed to (责任部门): production, R&D, sales,
    warehouse, finance, the general manager's office, quality (SPEC R-201)."""

    _name = "quality.department"
    _description = "Responsible Department"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        domain=[("share", "=", False)],
        check_company=True,
    )
    member_ids = fields.Many2many(
        comodel_name="res.users",
        string="Members",
        domain=[("share", "=", False)],
        check_company=True,
        help="Department handlers who see and handle the complaints assigned to "
        "this department.",
    )

    step_duration_days = fields.Integer(
        string="Step Duration (working days)",
        default=1,
        help="Working days the department has to complete a handling step "
        "assigned to it (R-202), on the company's working calendar.",
    )

    _step_duration_positive = models.Constraint(
        "CHECK (step_duration_days > 0)",
        "A department needs at least one working day for a step.",
    )
    _name_company_unique = models.Constraint(
        "UNIQUE (name, company_id)",
        "A department with this name already exists in this company.",
    )
