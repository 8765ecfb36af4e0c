# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_feedback_slip import SLIP_LEVELS


class QualityFeedbackSlipHop(models.Model):
    """One department's turn with a slip (R-704): sent to it, or passed up to it
    one level with a note; who passed it on, from when until when it held it.
    Written by the slip's workflow only (no create or write access for users); read
    by whoever reads the slip (``_qf_parent_fields``, see ir.rule)."""

    _name = "quality.feedback.slip.hop"
    _description = "Internal Feedback Slip Hop"
    _order = "date_from, id"
    _qf_parent_fields = {"slip_id": "quality.feedback.slip"}

    slip_id = fields.Many2one(
        comodel_name="quality.feedback.slip",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="slip_id.company_id", store=True, precompute=True
    )
    from_department_id = fields.Many2one(
        comodel_name="quality.department", string="From", required=True
    )
    to_department_id = fields.Many2one(
        comodel_name="quality.department", string="To", required=True, index=True
    )
    level = fields.Selection(selection=SLIP_LEVELS, required=True)
    note = fields.Text()
    user_id = fields.Many2one(comodel_name="res.users", string="By", required=True)
    date_from = fields.Datetime(string="Held From", required=True)
    date_to = fields.Datetime(string="Held Until")
    hours_held = fields.Float(
        compute="_compute_hours_held",
        help="How long the department held the slip, until now while it holds it.",
    )

    @api.depends("date_from", "date_to")
    def _compute_hours_held(self):
        now = fields.Datetime.now()
        for hop in self:
            end = hop.date_to or now
            hop.hours_held = (end - hop.date_from).total_seconds() / 3600
