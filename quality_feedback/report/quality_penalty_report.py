# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportPenaltyAnnouncement(models.AbstractModel):
    """The personnel announcement (人事公布单) prints approved reviews only (R-404)."""

    _name = "report.quality_feedback.report_penalty_announcement"
    _description = "Personnel Announcement of Penalties"

    @api.model
    def _get_report_values(self, docids, data=None):
        reviews = self.env["quality.penalty.review"].browse(docids)
        if reviews.filtered(lambda r: r.state != "approved"):
            raise UserError(
                self.env._("Only an approved penalty review prints as an announcement.")
            )
        return {
            "doc_ids": docids,
            "doc_model": "quality.penalty.review",
            "docs": reviews,
        }
