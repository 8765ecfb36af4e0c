# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityFieldReportParent(models.AbstractModel):
    """A record field reports are filed against (SPEC R-703): the count of its smart
    button and the button's action. ``_qf_field_report_link`` names the report's
    field that points to the record."""

    _name = "quality.field.report.parent"
    _description = "Record with Field Reports"
    _qf_field_report_link = None

    qf_field_report_count = fields.Integer(
        string="Field Report Count",
        compute="_compute_qf_field_report_count",
        groups="fieldservice.group_fsm_user_own,quality_feedback.group_qf_user",
    )

    def _compute_qf_field_report_count(self):
        link = self._qf_field_report_link
        counts = dict(
            self.env["quality.field.report"]._read_group(
                [(link, "in", self.ids)], [link], ["__count"]
            )
        )
        for record in self:
            record.qf_field_report_count = counts.get(record, 0)

    def action_qf_view_field_reports(self):
        self.ensure_one()
        return self.env["quality.field.report"]._qf_action_of_parent(
            self._qf_field_report_link, self
        )
