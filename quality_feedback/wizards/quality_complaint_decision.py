# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class QualityComplaintDecision(models.TransientModel):
    """The dialog of a judgement on a complaint: human error with its reason (R-209),
    the general manager's instruction, the investigation team (R-211). It only
    collects the input: the complaint's own buttons check who may give it."""

    _name = "quality.complaint.decision"
    _description = "Judgement on a Complaint"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Complaint", required=True
    )
    kind = fields.Selection(
        selection=[
            ("human_error", "Human Error"),
            ("instruction", "General Manager's Instruction"),
            ("team", "Investigation Team"),
        ],
        required=True,
    )
    note = fields.Text(string="Reason or Instruction")
    user_ids = fields.Many2many(
        comodel_name="res.users",
        string="Team Members",
        domain=[("share", "=", False)],
    )

    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.kind == "human_error":
            ticket.action_qf_judge_human_error(self.note)
        elif self.kind == "instruction":
            ticket.action_qf_give_instruction(self.note)
        elif self.kind == "team":
            ticket.action_qf_form_investigation_team(self.user_ids.ids)
        else:
            raise UserError(self.env._("Unknown judgement."))
        return {"type": "ir.actions.act_window_close"}
