# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.tools.date_utils import localized


class ResCompany(models.Model):
    _inherit = "res.company"

    qf_complaint_prefix = fields.Char(
        string="Complaint Number Prefix",
        default="QF",
        required=True,
        help="Complaint numbers are this prefix, the year and month (YYMM) and a "
        "serial restarting every month, e.g. QF2611-0007.",
    )
    qf_complaint_sequence_id = fields.Many2one(
        comodel_name="ir.sequence",
        string="Complaint Sequence",
        copy=False,
        readonly=True,
    )
    qf_duplicate_window_days = fields.Integer(
        string="Duplicate Window (days)",
        default=30,
        help="Complaints of the same customer about the same product or lot "
        "received within this many days are shown as possible duplicates.",
    )

    qf_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Complaint Working Calendar",
        help="Working hours and public holidays the complaint deadlines are counted "
        "on; the company's working hours when empty.",
    )
    qf_risk_share = fields.Integer(
        string="At Risk From (% of the time used)",
        default=80,
        help="A deadline is at risk once this share of its time is used.",
    )
    qf_escalation_factor = fields.Float(
        string="Escalation After (periods overdue)",
        default=1.0,
        help="An overdue deadline is escalated to the general manager once it is late "
        "by this many times its own period (1 = one more full period).",
    )
    qf_slip_immediate_hours = fields.Float(
        string="Immediate Answer (working hours)",
        default=4,
        help="An internal feedback slip that holds up production is answered within "
        "this many working hours of the company calendar (R-701).",
    )
    qf_visit_leader_id = fields.Many2one(
        comodel_name="res.users",
        string="Return Visit Leader",
        domain=[("share", "=", False)],
        help="Leads the return visits after delivery (主管领导, R-803) when the "
        "order's sales team has no leader; without one, the general manager.",
    )
    qf_penalty_review_day = fields.Integer(
        string="Penalty Review Day",
        default=10,
        help="Day of the month on which last month's penalty review is compiled.",
    )

    qf_warranty_months = fields.Integer(
        string="Default Warranty (months)",
        default=12,
        help="Free service under warranty (type C) this many months from delivery, "
        "for products without their own warranty (R-601).",
    )

    qf_approval_limit_sales = fields.Monetary(
        string="Sales Manager Approves Up To",
        currency_field="currency_id",
        default=1000,
        help="Compensation up to this amount (company currency) is approved by a sales "
        "manager (R-302).",
    )
    qf_approval_limit_gm = fields.Monetary(
        string="General Manager Approves Up To",
        currency_field="currency_id",
        default=5000,
        help="Above the sales manager's limit and up to this amount, the general manager "
        "approves; above it, the chairman.",
    )

    _qf_approval_limits_ordered = models.Constraint(
        "CHECK (qf_approval_limit_sales > 0 AND qf_approval_limit_gm > qf_approval_limit_sales)",
        "The general manager's approval limit must be above the sales manager's.",
    )
    _qf_risk_share_range = models.Constraint(
        "CHECK (qf_risk_share > 0 AND qf_risk_share < 100)",
        "The at-risk share must be between 1 and 99 %.",
    )
    _qf_escalation_factor_positive = models.Constraint(
        "CHECK (qf_escalation_factor > 0)",
        "The escalation threshold must come after the deadline.",
    )
    _qf_slip_immediate_hours_positive = models.Constraint(
        "CHECK (qf_slip_immediate_hours > 0)",
        "The immediate answer to a slip needs some working hours.",
    )
    _qf_warranty_months_positive = models.Constraint(
        "CHECK (qf_warranty_months >= 0)", "The warranty cannot be negative."
    )
    _qf_penalty_review_day_range = models.Constraint(
        "CHECK (qf_penalty_review_day BETWEEN 1 AND 28)",
        "The penalty review day must be between 1 and 28.",
    )
    _qf_duplicate_window_days_positive = models.Constraint(
        "CHECK (qf_duplicate_window_days >= 0)",
        "The duplicate window cannot be negative.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._qf_ensure_complaint_sequence()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "qf_complaint_prefix" in vals:
            for company in self.filtered("qf_complaint_sequence_id"):
                company.qf_complaint_sequence_id.sudo().prefix = (
                    company._qf_complaint_sequence_prefix()
                )
        return res

    def _qf_working_deadline(self, start, days):
        """Deadline after ``days`` working days from ``start`` (naive UTC)."""
        return self._qf_working_deadlines(start, [days]).get(days, False)

    def _qf_working_deadlines(self, start, days_list):
        """``{days: deadline}`` after each number of working days from ``start`` (naive
        UTC), on the company's complaint calendar with its public holidays (R-401).
        A working day counts as the calendar's hours per day. The calendar's working
        intervals are read once for all the deadlines."""
        self.ensure_one()
        calendar = self.qf_calendar_id or self.resource_calendar_id
        if not calendar:
            return {}
        return self._qf_after_working_hours(
            start, {days: days * calendar.hours_per_day for days in set(days_list)}
        )

    def _qf_after_working_hours(self, start, needed):
        """``{key: end}`` after each ``needed[key]`` working hours from ``start`` (naive
        UTC) on the company's complaint calendar with its public holidays."""
        self.ensure_one()
        calendar = self.qf_calendar_id or self.resource_calendar_id
        if not calendar or not start or not needed:
            return {}
        start_utc = localized(start)
        days = max(needed.values()) / (calendar.hours_per_day or 8)
        result, window = {}, timedelta(days=int(days) * 3 + 14)
        while len(result) < len(needed) and window.days <= 800:
            intervals = calendar._work_intervals_batch(start_utc, start_utc + window)[
                False
            ]
            worked = 0.0
            for interval_start, interval_stop, _meta in intervals:
                hours = (interval_stop - interval_start).total_seconds() / 3600
                for key, target in needed.items():
                    if key not in result and target <= worked + hours:
                        end = interval_start + timedelta(hours=target - worked)
                        result[key] = end.astimezone(utc).replace(tzinfo=None)
                worked += hours
            window *= 2
        return result

    def _qf_complaint_sequence_prefix(self):
        self.ensure_one()
        return f"{self.qf_complaint_prefix}%(range_y)s%(range_month)s-"

    def _qf_ensure_complaint_sequence(self):
        """Create the monthly complaint sequence (R-104) of companies lacking one."""
        for company in self.filtered(lambda c: not c.qf_complaint_sequence_id):
            # sudo: the company's link to its technical sequence.
            company.sudo().qf_complaint_sequence_id = (
                company._qf_create_monthly_sequence(
                    "quality.feedback.complaint",
                    self.env._("Complaints of %s", company.name),
                    company._qf_complaint_sequence_prefix(),
                )
            )

    def _qf_create_monthly_sequence(self, code, name, prefix):
        """A company's sequence restarting every month: prefix (with the year and month
        of the range, e.g. ``QF%(range_y)s%(range_month)s-``) and a 4-digit serial."""
        self.ensure_one()
        # sudo: sequences are technical records that ordinary users cannot create.
        return (
            self.env["ir.sequence"]
            .sudo()
            .create(
                {
                    "name": name,
                    "code": code,
                    "company_id": self.id,
                    "prefix": prefix,
                    "padding": 4,
                    "use_date_range": True,
                    "range_reset": "monthly",
                    "implementation": "standard",
                }
            )
        )
