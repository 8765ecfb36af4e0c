# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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

    def _qf_working_deadline(self, start, days=0, hours=0):
        """Deadline after ``days`` working days plus ``hours`` working hours from
        ``start`` (naive UTC), on the company's working calendar with its public
        holidays (R-401). A working day counts as the calendar's hours per day."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar or not start:
            return False
        return calendar.plan_hours(
            days * calendar.hours_per_day + hours, start, compute_leaves=True
        )

    def _qf_complaint_sequence_prefix(self):
        self.ensure_one()
        return f"{self.qf_complaint_prefix}%(range_y)s%(range_month)s-"

    def _qf_ensure_complaint_sequence(self):
        """Create the monthly complaint sequence (R-104) of companies lacking one."""
        for company in self.filtered(lambda c: not c.qf_complaint_sequence_id):
            # sudo: sequences are technical records that ordinary users cannot create.
            company.sudo().qf_complaint_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Complaints of %s", company.name),
                        "code": "quality.feedback.complaint",
                        "company_id": company.id,
                        "prefix": company._qf_complaint_sequence_prefix(),
                        "padding": 4,
                        "use_date_range": True,
                        "range_reset": "monthly",
                        "implementation": "standard",
                    }
                )
            )
