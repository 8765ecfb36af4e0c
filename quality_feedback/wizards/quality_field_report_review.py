# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityFieldReportReview(models.TransientModel):
    """The quality office acknowledges a field report with an optional comment, or
    returns it to its author with a reason (R-703). The report's own methods check
    the caller."""

    _name = "quality.field.report.review"
    _description = "Acknowledge or Return a Field Report"

    report_id = fields.Many2one(comodel_name="quality.field.report", required=True)
    mode = fields.Selection(
        selection=[("acknowledge", "Acknowledge"), ("return", "Return to Author")],
        default="acknowledge",
        required=True,
    )
    comment = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "return":
            self.report_id._qf_return(self.comment)
        else:
            self.report_id._qf_acknowledge(self.comment)
        return {"type": "ir.actions.act_window_close"}
