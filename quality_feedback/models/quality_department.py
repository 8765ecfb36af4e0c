# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from .helpdesk_ticket_workflow import OPEN_STATES
from .quality_feedback_slip import SLIP_LEVELS
from .quality_reader import qf_for_reader


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

    qf_slip_level = fields.Selection(
        selection=SLIP_LEVELS,
        string="Feedback Level",
        default="workshop",
        required=True,
        help="Where the department stands when internal feedback slips go up level "
        "by level (R-704): a team reports to its workshop or office, a workshop or "
        "office to the quality office.",
    )

    is_workshop = fields.Boolean(
        string="Production Workshop",
        help="A workshop of production (生产车间): production reports it as where the "
        "goods of a complaint were made (R-210).",
    )
    receives_handling_forms = fields.Boolean(
        help="The department gets a copy of each signed-off complaint handling form "
        "(客户投诉处理单) when a complaint is closed: its manager and members follow "
        "the complaint and receive the PDF (R-212).",
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

    def action_qf_new_slip(self):
        """R-701: a new internal feedback slip sent by this department."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Slip"),
            "res_model": "quality.feedback.slip",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_sender_department_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }

    @api.model
    def _cron_weekly_reports(self):
        """R-405/R-904: each department manager gets the quality report of his
        department's complaints for the past seven days, once a week."""
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
        date_from = today - timedelta(days=6)
        figures = departments._qf_weekly_figures(date_from)
        for department in departments:
            manager = department.manager_id
            local = qf_for_reader(department, manager)
            states = local.env["helpdesk.ticket.stage"]._fields["qf_state"]
            local.message_notify(
                partner_ids=manager.partner_id.ids,
                subject=local.env._("Weekly quality report: %s", local.name),
                body=local.env["ir.qweb"]._render(
                    "quality_feedback.weekly_department_report",
                    {
                        "date_from": date_from,
                        "date_to": today,
                        "open_states": [
                            (value, label)
                            for value, label in states._description_selection(local.env)
                            if value in OPEN_STATES
                        ],
                        "figures": figures[department],
                    },
                ),
            )
        departments.write({"weekly_report_date": today})
        return departments

    def _qf_weekly_figures(self, date_from):
        """{department: figures} of the departments' complaints (those where the
        department has a handling step or is responsible) since ``date_from``: new,
        open by state, overdue, closed; open, late and completed steps; actions
        verified; internal feedback slips received, and answered late or overdue
        (R-701). A fixed number of grouped queries, whatever the departments."""
        since = fields.Datetime.to_datetime(date_from)
        now = fields.Datetime.now()
        verified = Domain("effective", "!=", False) & Domain(
            "date_verified", ">=", date_from
        )
        relevant = Domain("is_complaint", "=", True) & (
            Domain("qf_state", "in", list(OPEN_STATES))
            | Domain("date_registered", ">=", since)
            | Domain("closed_date", ">=", since)
            | Domain("action_ids", "any", verified)
        )
        tickets = self.env["helpdesk.ticket"]
        steps = self.env["quality.handling.step"]
        in_departments = Domain("department_id", "in", self.ids)
        # Through the steps rather than the stored department_ids, which a search
        # does not recompute within the transaction.
        by_step = steps._read_group(
            in_departments
            & Domain("state", "!=", "cancelled")
            & Domain("ticket_id", "any", relevant),
            ["department_id"],
            ["ticket_id:recordset"],
        )
        by_responsibility = tickets._read_group(
            relevant & Domain("responsible_department_id", "in", self.ids),
            ["responsible_department_id"],
            ["id:recordset"],
        )
        complaints = defaultdict(tickets.browse)
        for department, found in by_step + by_responsibility:
            complaints[department] |= found
        every = tickets.union(*complaints.values())
        every.fetch(
            [
                "number",
                "name",
                "qf_state",
                "qf_deadline_state",
                "date_registered",
                "closed_date",
            ]
        )
        effects = defaultdict(int)
        for ticket, effective, count in self.env["quality.action"]._read_group(
            verified & Domain("ticket_id", "in", every.ids),
            ["ticket_id", "effective"],
            ["__count"],
        ):
            effects[ticket, effective] += count

        is_open = Domain("state", "=", "open")
        step_counts = {
            key: dict(steps._read_group(domain, ["department_id"], ["__count"]))
            for key, domain in (
                ("steps_open", in_departments & is_open),
                ("steps_late", in_departments & is_open & Domain("deadline", "<", now)),
                (
                    "steps_done",
                    in_departments
                    & Domain("state", "=", "done")
                    & Domain("date_done", ">=", since),
                ),
            )
        }

        slips = self.env["quality.feedback.slip"]
        slip_counts = {
            "slips_received": dict(
                self.env["quality.feedback.slip.hop"]._read_group(
                    Domain("to_department_id", "in", self.ids)
                    & Domain("date_from", ">=", since),
                    ["to_department_id"],
                    ["__count"],
                )
            ),
            "slips_late": dict(
                slips._read_group(
                    Domain("department_id", "in", self.ids)
                    & (
                        (
                            Domain("answered_late", "=", True)
                            & Domain("answered_on", ">=", since)
                        )
                        | Domain("is_overdue", "=", True)
                    ),
                    ["department_id"],
                    ["__count"],
                )
            ),
        }

        def department_figures(department):
            mine = complaints[department]
            open_ones = mine.filtered(lambda t: t.qf_state in OPEN_STATES)
            return {
                "new": len(
                    mine.filtered(
                        lambda t: t.date_registered and t.date_registered >= since
                    )
                ),
                "closed": len(
                    mine.filtered(
                        lambda t: (
                            t.qf_state == "closed"
                            and t.closed_date
                            and t.closed_date >= since
                        )
                    )
                ),
                "overdue": open_ones.filtered(
                    lambda t: t.qf_deadline_state == "overdue"
                ),
                "by_state": Counter(open_ones.mapped("qf_state")),
                "effective": sum(effects[ticket, "yes"] for ticket in mine),
                "not_effective": sum(effects[ticket, "no"] for ticket in mine),
                **{
                    key: counts.get(department, 0)
                    for key, counts in (step_counts | slip_counts).items()
                },
            }

        return {department: department_figures(department) for department in self}

    _name_company_unique = models.Constraint(
        "UNIQUE (name, company_id)",
        "A department with this name already exists in this company.",
    )
