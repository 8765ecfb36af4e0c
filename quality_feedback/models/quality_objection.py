# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_reader import qf_for_company


class QualityObjection(models.Model):
    """A department's objection to the decision on a complaint (签呈, R-208). The
    general manager confirms the decision, and closure goes on, or reopens the
    complaint for investigation."""

    _name = "quality.objection"
    _description = "Objection to a Complaint Decision"
    _inherit = ["quality.complaint.record"]
    _order = "id desc"
    _qf_guarded_fields = ("state", "decided_by_id", "date_decided", "user_id")
    _qf_fixed_fields = ("department_id",)

    department_id = fields.Many2one(
        comodel_name="quality.department",
        required=True,
        check_company=True,
        default=lambda self: self._default_department(),
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Filed By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reasons = fields.Text(required=True)
    state = fields.Selection(
        selection=[
            ("submitted", "Submitted"),
            ("confirmed", "Decision Confirmed"),
            ("reopened", "Complaint Reopened"),
        ],
        default="submitted",
        readonly=True,
        required=True,
        tracking=True,
        index=True,
    )
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    date_decided = fields.Datetime(string="Decided On", readonly=True)
    decision_comment = fields.Text(tracking=True)

    @api.model
    def _default_department(self):
        """The department of the user filing the objection."""
        return self.env["quality.department"].search(
            [
                "|",
                ("member_ids", "in", self.env.uid),
                ("manager_id", "=", self.env.uid),
            ],
            limit=1,
        )

    @api.depends("ticket_id.number", "department_id.name")
    def _compute_display_name(self):
        for objection in self:
            objection.display_name = self.env._(
                "Objection of %(department)s to %(number)s",
                department=objection.department_id.name,
                number=objection.ticket_id.number,
            )

    @api.model_create_multi
    def create(self, vals_list):
        objections = super().create(vals_list)
        if not self.env.su and not self.env.user.has_group(
            "quality_feedback.group_qf_officer"
        ):
            mine = self.env["quality.department"].search(
                [
                    "|",
                    ("member_ids", "in", self.env.uid),
                    ("manager_id", "=", self.env.uid),
                ]
            )
            if objections.department_id - mine:
                raise AccessError(
                    self.env._("A department files objections in its own name only.")
                )
        undecided = objections.filtered(
            lambda o: (
                o.ticket_id.qf_state
                not in ("resolution", "awaiting_customer", "closed")
            )
        )
        if undecided:
            raise UserError(
                self.env._(
                    "An objection is filed against a decision: complaint %s has none yet.",
                    ", ".join(undecided.ticket_id.mapped("number")),
                )
            )
        for objection in objections:
            objection.ticket_id.message_post(
                body=qf_for_company(objection.ticket_id).env._(
                    "%(department)s objects to the decision: %(reasons)s",
                    department=objection.department_id.name,
                    reasons=objection.reasons,
                ),
                subtype_xmlid="mail.mt_note",
            )
            objection._qf_ask_general_managers()
        return objections

    def _qf_ask_general_managers(self):
        """An activity for every general manager of the company (not for chairmen,
        who only inherit the level)."""
        general_managers = self.env.ref(
            "quality_feedback.group_qf_general_manager"
        ).user_ids
        chairmen = self.env.ref("quality_feedback.group_qf_chairman").all_user_ids
        for user in (general_managers - chairmen).filtered(
            lambda u: self.company_id in u.company_ids
        ):
            # sudo: the filing department may not edit the objection once filed,
            # but its activity for the general manager must still be created.
            self.sudo().activity_schedule(
                "quality_feedback.mail_activity_type_objection",
                summary=self.display_name,
                note=self.reasons,
                user_id=user.id,
            )

    def _qf_decide(self, state):
        if not self.env.user.has_group("quality_feedback.group_qf_general_manager"):
            raise AccessError(
                self.env._("Only the general manager decides objections.")
            )
        if any(objection.state != "submitted" for objection in self):
            raise UserError(self.env._("This objection was already decided."))
        # sudo: the decision fields are guarded; the general manager was checked above.
        self.sudo().write(
            {
                "state": state,
                "decided_by_id": self.env.user.id,
                "date_decided": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["quality_feedback.mail_activity_type_objection"])

    def action_confirm_decision(self):
        self._qf_decide("confirmed")
        return True

    def action_reopen_complaint(self):
        self._qf_decide("reopened")
        # The general manager has the quality manager's rights: the complaint goes
        # back to investigation through the normal, checked workflow.
        self.ticket_id._qf_move_to("investigating")
        return True
