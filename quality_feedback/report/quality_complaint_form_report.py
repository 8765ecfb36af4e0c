# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError


class ReportComplaintForm(models.AbstractModel):
    """The complaint handling form (客户投诉处理单) is internal (R-903): only
    complaint users print it, and only for complaints."""

    _name = "report.quality_feedback.report_complaint_form"
    _description = "Customer Complaint Handling Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group("quality_feedback.group_qf_user"):
            raise AccessError(
                self.env._("The complaint handling form is for internal use only.")
            )
        complaints = self.env["helpdesk.ticket"].browse(docids)
        if not all(complaints.mapped("is_complaint")):
            raise UserError(
                self.env._(
                    "Only quality complaints print as a complaint handling form."
                )
            )
        return {
            "doc_ids": docids,
            "doc_model": "helpdesk.ticket",
            "docs": complaints,
        }
