# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from .quality_reader import qf_for_company, qf_reader_today


class QualityHandlingStep(models.Model):
    """The part of a complaint assigned to one responsible department (R-201): its
    owner handles it before the deadline, on the company's working calendar (R-202)."""

    _name = "quality.handling.step"
    _description = "Complaint Handling Step"
    _inherit = ["quality.complaint.record"]
    _frozen_with_complaint = True
    _order = "deadline, id"
    _qf_guarded_fields = ("state", "date_done", "done_late", "date_assigned")
    _qf_fixed_fields = ("department_id",)

    department_id = fields.Many2one(
        comodel_name="quality.department",
        required=True,
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        tracking=True,
    )
    instructions = fields.Text()
    date_assigned = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True
    )
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        readonly=True,
        required=True,
        tracking=True,
        index=True,
    )
    result = fields.Text(tracking=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    done_late = fields.Boolean(readonly=True, help="Done after its deadline.")
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Done after its deadline, or still open past it.",
    )

    @api.depends("department_id")
    def _compute_user_id(self):
        for step in self:
            step.user_id = step.department_id.manager_id or step.user_id

    @api.depends("department_id", "date_assigned")
    def _compute_deadline(self):
        for step in self:
            step.deadline = step.ticket_id.company_id._qf_working_deadline(
                step.date_assigned, days=step.department_id.step_duration_days
            )

    @api.depends("deadline", "done_late", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for step in self:
            step.is_late = step.done_late or bool(
                step.state == "open" and step.deadline and step.deadline < now
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on late steps."))
        late = Domain("done_late", "=", True) | (
            Domain("state", "=", "open")
            & Domain("deadline", "<", fields.Datetime.now())
        )
        return late if (operator == "=") == value else ~late

    @api.depends("ticket_id.number", "department_id.name")
    def _compute_display_name(self):
        for step in self:
            step.display_name = f"{step.ticket_id.number} / {step.department_id.name}"

    @api.model_create_multi
    def create(self, vals_list):
        self._qf_check_deadline_rights(vals_list)
        steps = super().create(vals_list)
        steps._qf_schedule_activity()
        # sudo: deadlines are technical records kept by the workflow.
        self.env["quality.deadline"].sudo()._qf_plan_step(steps)
        return steps

    def write(self, vals):
        self._qf_check_deadline_rights([vals])
        res = super().write(vals)
        if "deadline" in vals:
            # sudo: the enforced deadline follows the step's, moved by the quality office.
            deadlines = self.env["quality.deadline"].sudo()
            deadlines._qf_open_of(self.ticket_id, ["step"], steps=self)._qf_cancel()
            deadlines._qf_plan_step(self.filtered(lambda s: s.state == "open"))
        return res

    def _qf_check_deadline_rights(self, vals_list):
        """A department does not move its own deadline: the quality office does."""
        if (
            not self.env.su
            and any("deadline" in vals for vals in vals_list)
            and not self.env.user.has_group("quality_feedback.group_qf_officer")
        ):
            raise AccessError(
                self.env._("Only the quality office moves the deadline of a step.")
            )

    def _qf_schedule_activity(self):
        """Put the step on its owner's to-do list; completing that activity completes
        the step (see mail.activity)."""
        for step in self.filtered("user_id"):
            step.activity_schedule(
                act_type_xmlid="quality_feedback.mail_activity_type_handling_step",
                date_deadline=step.deadline
                and qf_reader_today(step, step.user_id, step.deadline),
                summary=step.ticket_id.name,
                note=step.instructions,
                user_id=step.user_id.id,
            )

    def _qf_ensure_open(self):
        closed = self.filtered(lambda s: s.state != "open")
        if closed:
            raise UserError(
                self.env._(
                    "Steps %s are already done or cancelled.",
                    ", ".join(closed.mapped("display_name")),
                )
            )

    def _qf_check_handler(self):
        """The caller may work these steps: his department's (record rules), or any
        step for the quality office, on a complaint that is still open."""
        self.check_access("write")
        self.ticket_id._qf_check_locked_children(self, {"state": True})

    def action_done(self):
        self._qf_check_handler()
        self._qf_ensure_open()
        missing = self.filtered(lambda s: not s.result)
        if missing:
            raise UserError(
                self.env._(
                    "Write the result of step %s before marking it done.",
                    ", ".join(missing.mapped("display_name")),
                )
            )
        self._qf_mark_done()
        self.activity_feedback(
            ["quality_feedback.mail_activity_type_handling_step"],
            feedback=qf_for_company(self).env._("Step done."),
        )
        return True

    def _qf_mark_done(self):
        now = fields.Datetime.now()
        deadlines = self.env["quality.deadline"].sudo()
        deadlines._qf_open_of(self.ticket_id, ["step"], steps=self)._qf_close(now)
        for step in self:
            # sudo: the step's state is guarded; the caller was checked before.
            step.sudo().write(
                {
                    "state": "done",
                    "date_done": now,
                    "done_late": bool(step.deadline and now > step.deadline),
                }
            )
            step.ticket_id.message_post(
                body=qf_for_company(step.ticket_id).env._(
                    "%(department)s completed its step: %(result)s",
                    department=step.department_id.name,
                    result=step.result,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_cancel(self):
        if not self.env.user.has_group("quality_feedback.group_qf_manager"):
            raise AccessError(
                self.env._("Only a quality manager cancels handling steps.")
            )
        self._qf_check_handler()
        self._qf_ensure_open()
        # sudo: the quality manager's cancellation, checked above.
        self.sudo().write({"state": "cancelled"})
        self.activity_unlink(["quality_feedback.mail_activity_type_handling_step"])
        self.env["quality.deadline"].sudo()._qf_open_of(
            self.ticket_id, ["step"], steps=self
        )._qf_cancel()
        return True

    def _qf_done_from_activity(self, feedback):
        """Called when the owner marks the step's activity done from his to-do list."""
        self._qf_check_handler()
        for step in self.filtered(lambda s: s.state == "open"):
            step.result = step.result or feedback or self.env._("Done")
            step._qf_mark_done()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_steps(self):
        if any(step.state == "done" for step in self):
            raise UserError(self.env._("A completed handling step cannot be deleted."))
