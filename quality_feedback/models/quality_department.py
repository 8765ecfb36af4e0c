# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class QualityDepartment(models.Model):
    """A department that complaints are routed to (责任部门): production, R&D, sales,
    warehouse, finance, the general manager's office, quality (SPEC R-201)."""

    _name = "quality.department"
    _description = "Responsible Department"
    _inherit = ["mail.thread"]
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

    weekly_report_date = fields.Date(
        string="Weekly Report Sent On",
        readonly=True,
        help="The weekly quality report goes to the department manager once a week.",
    )

    _step_duration_positive = models.Constraint(
        "CHECK (step_duration_days > 0)",
        "A department needs at least one working day for a step.",
    )

    @api.model
    def _cron_weekly_reports(self):
        """R-405/R-904: each department manager gets the week's figures of his
        department once a week: open, late and completed steps."""
        today = fields.Date.context_today(self)
        week_start = today - timedelta(days=today.weekday())
        departments = self.search(
            [
                ("manager_id", "!=", False),
                "|",
                ("weekly_report_date", "=", False),
                ("weekly_report_date", "<", week_start),
            ]
        )
        if not departments:
            return departments
        steps = self.env["quality.handling.step"]
        since = fields.Datetime.to_datetime(week_start)
        open_counts = dict(
            steps._read_group(
                [("department_id", "in", departments.ids), ("state", "=", "open")],
                ["department_id"],
                ["__count"],
            )
        )
        late_counts = dict(
            steps._read_group(
                [("department_id", "in", departments.ids), ("is_late", "=", True)],
                ["department_id"],
                ["__count"],
            )
        )
        done_counts = dict(
            steps._read_group(
                [
                    ("department_id", "in", departments.ids),
                    ("state", "=", "done"),
                    ("date_done", ">=", since),
                ],
                ["department_id"],
                ["__count"],
            )
        )
        for department in departments:
            department.message_notify(
                partner_ids=department.manager_id.partner_id.ids,
                subject=self.env._("Weekly quality report: %s", department.name),
                body=self.env._(
                    "Open steps: %(open)s. Late steps: %(late)s. Completed this week: %(done)s.",
                    open=open_counts.get(department, 0),
                    late=late_counts.get(department, 0),
                    done=done_counts.get(department, 0),
                ),
            )
        departments.write({"weekly_report_date": today})
        return departments

    _name_company_unique = models.Constraint(
        "UNIQUE (name, company_id)",
        "A department with this name already exists in this company.",
    )
