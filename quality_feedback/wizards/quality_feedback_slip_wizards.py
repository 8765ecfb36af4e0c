# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.quality_feedback_slip_workflow import LEVEL_RANK


class QualityFeedbackSlipAnswer(models.TransientModel):
    """The receiving department's answer to a slip (R-701)."""

    _name = "quality.feedback.slip.answer"
    _description = "Answer an Internal Feedback Slip"

    slip_id = fields.Many2one(comodel_name="quality.feedback.slip", required=True)
    answer = fields.Text()

    def action_answer(self):
        self.ensure_one()
        self.slip_id._qf_answer(self.answer)
        return {"type": "ir.actions.act_window_close"}


class QualityFeedbackSlipPass(models.TransientModel):
    """The receiving department passes a slip up one level with a note (R-704)."""

    _name = "quality.feedback.slip.pass"
    _description = "Pass a Slip Up One Level"

    slip_id = fields.Many2one(comodel_name="quality.feedback.slip", required=True)
    allowed_department_ids = fields.Many2many(
        comodel_name="quality.department", compute="_compute_allowed_department_ids"
    )
    department_id = fields.Many2one(
        comodel_name="quality.department",
        string="Next Department",
        required=True,
        domain="[('id', 'in', allowed_department_ids)]",
    )
    note = fields.Text(required=True)

    @api.depends("slip_id")
    def _compute_allowed_department_ids(self):
        """The departments of the slip's company one level above the slip's."""
        for wizard in self:
            slip = wizard.slip_id
            rank = LEVEL_RANK.get(slip.level, len(LEVEL_RANK)) + 1
            wizard.allowed_department_ids = self.env["quality.department"].search(
                [
                    ("company_id", "=", slip.company_id.id),
                    ("id", "!=", slip.sender_department_id.id),
                    (
                        "qf_slip_level",
                        "in",
                        [level for level, r in LEVEL_RANK.items() if r == rank],
                    ),
                ]
            )

    def action_pass_up(self):
        self.ensure_one()
        self.slip_id._qf_pass_up(self.department_id, self.note)
        return {"type": "ir.actions.act_window_close"}
