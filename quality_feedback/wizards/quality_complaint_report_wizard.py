# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class QualityComplaintReportWizard(models.TransientModel):
    """Filters of the complaint ledger and the monthly statistics workbook (R-901,
    R-902). Both XLSX reports read the complaints through ``_qf_ticket_domain`` with
    the user's access rules, so a department handler gets only what he may read."""

    _name = "quality.complaint.report.wizard"
    _description = "Complaint Ledger and Statistics"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    department_ids = fields.Many2many(
        comodel_name="quality.department",
        string="Departments",
        help="Complaints handled by or charged to these departments.",
    )
    partner_ids = fields.Many2many(comodel_name="res.partner", string="Customers")
    product_ids = fields.Many2many(comodel_name="product.product", string="Products")
    category_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.category", string="Categories"
    )
    abnormality_type = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]
            ._fields["abnormality_type"]
            ._description_selection(self.env)
        ),
        string="Abnormality",
    )
    severity = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]
            ._fields["severity"]
            ._description_selection(self.env)
        ),
    )

    @api.model
    def _default_date_from(self):
        """The first day of the current year: the statistics compare months."""
        return fields.Date.context_today(self).replace(month=1, day=1)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _qf_utc_bounds(self):
        """The period as naive UTC datetimes [start, end) in the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "UTC")

        def to_utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.UTC).replace(tzinfo=None)

        return to_utc(self.date_from), to_utc(self.date_to + timedelta(days=1))

    def _qf_ticket_domain(self):
        """Domain of the complaints the reports contain."""
        self.ensure_one()
        start, end = self._qf_utc_bounds()
        domain = Domain(
            [
                ("is_complaint", "=", True),
                ("date_received", ">=", start),
                ("date_received", "<", end),
            ]
        )
        if self.department_ids:
            domain &= Domain(
                "responsible_department_id", "in", self.department_ids.ids
            ) | Domain("step_ids.department_id", "in", self.department_ids.ids)
        if self.partner_ids:
            domain &= Domain(
                "commercial_partner_id",
                "in",
                self.partner_ids.commercial_partner_id.ids,
            )
        if self.product_ids:
            domain &= Domain("product_id", "in", self.product_ids.ids)
        if self.category_ids:
            domain &= Domain("category_id", "in", self.category_ids.ids)
        if self.abnormality_type:
            domain &= Domain("abnormality_type", "=", self.abnormality_type)
        if self.severity:
            domain &= Domain("severity", "=", self.severity)
        return domain

    def _qf_slip_domain(self):
        """Domain of the internal feedback slips the workbooks count (R-701): sent
        in the period, by, to or through the chosen departments. Slips have no
        customer, product, category or classification: a workbook filtered on
        those holds no slip."""
        self.ensure_one()
        if (
            self.partner_ids
            or self.product_ids
            or self.category_ids
            or self.abnormality_type
            or self.severity
        ):
            return Domain.FALSE
        start, end = self._qf_utc_bounds()
        domain = Domain("date_sent", ">=", start) & Domain("date_sent", "<", end)
        if self.department_ids:
            ids = self.department_ids.ids
            domain &= Domain("sender_department_id", "in", ids) | Domain(
                "hop_ids.to_department_id", "in", ids
            )
        return domain

    def action_print_ledger(self):
        return self._qf_print("quality_feedback.action_report_complaint_ledger")

    def action_print_statistics(self):
        return self._qf_print("quality_feedback.action_report_complaint_statistics")

    def _qf_print(self, report_xmlid):
        # The wizard stays open to print the other workbook: report_xlsx's client
        # handler does not support ``close_on_report_download`` in 19.0.
        return self.env.ref(report_xmlid).report_action(self, config=False)
