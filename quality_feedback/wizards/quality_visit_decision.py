# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityVisitDecision(models.TransientModel):
    """The managers' meeting's comment on a visit report (R-803), or the reason a
    visit is cancelled; the visit's own methods check who may do it."""

    _name = "quality.visit.decision"
    _description = "Review or Cancel a Visit"

    visit_id = fields.Many2one(
        comodel_name="quality.visit", required=True, ondelete="cascade"
    )
    mode = fields.Selection(
        selection=[("review", "Review"), ("cancel", "Cancel")],
        required=True,
        default="review",
    )
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "review":
            self.visit_id.action_review(self.comment)
        else:
            self.visit_id.action_cancel(self.comment)
        return {"type": "ir.actions.act_window_close"}
