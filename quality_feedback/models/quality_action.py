# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class QualityAction(models.Model):
    """A corrective or preventive action (纠正措施 / 预防措施) of a complaint, with its
    owner, due date and effectiveness check (R-206)."""

    _name = "quality.action"
    _description = "Corrective or Preventive Action"
    _inherit = ["quality.complaint.record"]
    _frozen_with_complaint = True
    _order = "ticket_id, action_type, due_date, id"
    # only the quality office verifies, through action_verify_*.
    _qf_guarded_fields = ("effective", "verified_by_id", "date_verified")

    action_type = fields.Selection(
        selection=[("corrective", "Corrective"), ("preventive", "Preventive")],
        string="Type",
        required=True,
        default="corrective",
    )
    name = fields.Text(string="Action", required=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        domain=[("share", "=", False)],
        tracking=True,
    )
    due_date = fields.Date(tracking=True)
    date_done = fields.Date(string="Done On", tracking=True, copy=False)
    verified_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, tracking=True, copy=False
    )
    date_verified = fields.Date(string="Verified On", readonly=True, copy=False)
    effective = fields.Selection(
        selection=[("yes", "Effective"), ("no", "Not Effective")],
        string="Effectiveness",
        readonly=True,
        tracking=True,
        copy=False,
    )
    state = fields.Selection(
        selection=[
            ("open", "Open"),
            ("done", "Done"),
            ("effective", "Verified Effective"),
            ("not_effective", "Not Effective"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )

    @api.depends("date_done", "effective")
    def _compute_state(self):
        for action in self:
            if action.effective == "yes":
                action.state = "effective"
            elif action.effective == "no":
                action.state = "not_effective"
            else:
                action.state = "done" if action.date_done else "open"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_verified(self):
        if self.filtered("effective"):
            raise UserError(
                self.env._(
                    "A verified action is part of the complaint's history and cannot be deleted."
                )
            )

    def action_mark_done(self):
        self.filtered(lambda a: not a.date_done).date_done = fields.Date.context_today(
            self
        )
        return True

    def _qf_verify(self, effective):
        """The quality office checks that a done action worked (R-206)."""
        if not self.env.user.has_group("quality_feedback.group_qf_officer"):
            raise AccessError(self.env._("Only the quality office verifies actions."))
        self.check_access("write")
        self.ticket_id._qf_check_locked_children(self, {"effective": True})
        not_done = self.filtered(lambda a: not a.date_done)
        if not_done:
            raise UserError(
                self.env._(
                    "An action must be done before it is verified: %s",
                    ", ".join(not_done.mapped("name")),
                )
            )
        if self.filtered("effective"):
            raise UserError(self.env._("This action was already verified."))
        # sudo: the verification fields are guarded; the caller was checked above.
        self.sudo().write(
            {
                "effective": effective,
                "verified_by_id": self.env.user.id,
                "date_verified": fields.Date.context_today(self),
            }
        )
        return True

    def action_verify_effective(self):
        return self._qf_verify("yes")

    def action_verify_not_effective(self):
        return self._qf_verify("no")
