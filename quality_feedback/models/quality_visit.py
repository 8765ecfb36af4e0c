# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .quality_numbering import qf_number_records

OFFICER_GROUP = "quality_feedback.group_qf_officer"
MANAGER_GROUP = "quality_feedback.group_qf_manager"
REPORT_ACTIVITY = "quality_feedback.mail_activity_type_visit_report"
VISIT_SEQUENCE = "quality.visit"
VISIT_KINDS = [
    ("delivery", "Return Visit after Delivery"),
    ("key", "Yearly Key-Customer Visit"),
    ("complaint", "Complaint Visit"),
]
VISIT_STATES = [
    ("planned", "Planned"),
    ("reported", "Reported"),
    ("reviewed", "Reviewed"),
    ("cancelled", "Cancelled"),
]


class QualityVisit(models.Model):
    """A customer visit (回访 / 走访) and its report (SPEC R-803, R-804): a return
    visit 6 to 12 months after every delivery, the key customer's yearly visit led
    by the general manager, or the visit a complaint gets from the department head
    or his delegate. The leader or a visitor files the report (unit, project, dates,
    problems found, repairs, causes, improvements); a general manager or the quality
    manager marks it reviewed at the managers' meeting (经理办公会议) with a comment.

    Number, state, the delivery it was planned for, who reported, reviewed or
    cancelled it and why are guarded (README, "How rules are enforced"): only the
    buttons change them, after checking the caller."""

    _name = "quality.visit"
    _description = "Customer Visit Report"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "planned_date desc, id desc"
    _check_company_auto = True
    _qf_guarded_fields = (
        "name",
        "state",
        "picking_id",
        "reported_by_id",
        "reported_on",
        "reviewed_by_id",
        "reviewed_on",
        "review_comment",
        "cancel_reason",
    )
    _qf_fixed_fields = ("kind",)

    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        selection=VISIT_KINDS, required=True, default="delivery", tracking=True
    )
    state = fields.Selection(
        selection=VISIT_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The visited unit (回访单位).",
    )
    project = fields.Char(
        tracking=True, help="The project or order visited (工程项目)."
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        index="btree_not_null",
        check_company=True,
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Delivery",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The delivery this return visit was planned for.",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        domain=[("is_complaint", "=", True)],
        check_company=True,
    )
    planned_date = fields.Date(
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_from = fields.Date(string="Visited From", tracking=True)
    date_to = fields.Date(string="Visited To", tracking=True)
    leader_id = fields.Many2one(
        comodel_name="res.users",
        string="Visit Leader",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="The manager leading the visit (带队领导), who signs its report.",
    )
    visitor_ids = fields.Many2many(
        comodel_name="res.users",
        string="Visitors",
        domain=[("share", "=", False)],
    )
    problems = fields.Text(string="Problems Found")
    no_problems = fields.Boolean(
        string="No Problems Found",
        help="Tick it when the customer reported no problem: the report then needs "
        "no problems written down.",
    )
    repairs = fields.Text(string="Repairs Done")
    causes = fields.Text(string="Cause Analysis")
    improvements = fields.Text(string="Improvement Measures")
    reported_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    reported_on = fields.Datetime(readonly=True, copy=False)
    reviewed_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    reviewed_on = fields.Datetime(readonly=True, copy=False)
    review_comment = fields.Text(
        readonly=True,
        copy=False,
        help="What the managers' meeting (经理办公会议) concluded on the report.",
    )
    cancel_reason = fields.Text(readonly=True, copy=False)

    _picking_uniq = models.Constraint(
        "UNIQUE(picking_id)", "A delivery has one return visit."
    )
    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
        "A visit cannot end before it starts.",
    )
    # The key customers' yearly visits are looked up by customer, kind and year.
    _partner_kind_date_idx = models.Index("(partner_id, kind, planned_date)")

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = f"{visit.name} {visit.partner_id.name or ''}".strip()

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from and not self.date_to:
            self.date_to = self.date_from

    # --- CRUD -----------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        qf_number_records(visits.filtered(lambda v: v.name == "/"), VISIT_SEQUENCE)
        return visits

    def write(self, vals):
        if not self.env.su and any(
            not name.startswith(("message_", "activity_")) for name in vals
        ):
            frozen = self.filtered(lambda v: v.state in ("reviewed", "cancelled"))
            if frozen:
                raise UserError(
                    self.env._(
                        "Visits %(visits)s are reviewed or cancelled: their report "
                        "cannot change any more.",
                        visits=", ".join(frozen.mapped("name")),
                    )
                )
        return super().write(vals)

    # --- Who may do what ------------------------------------------------------------
    def _qf_check_visitor(self, what):
        """The leader or a visitor of each visit."""
        self.check_access("write")
        if self.env.su:
            return
        user = self.env.user
        for visit in self:
            if user != visit.leader_id and user not in visit.visitor_ids:
                raise AccessError(
                    self.env._(
                        "Only the leader or a visitor of %(visit)s can %(what)s it.",
                        visit=visit.name,
                        what=what,
                    )
                )

    def _qf_check_state(self, states, what):
        wrong = self.filtered(lambda v: v.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Visits %(visits)s cannot be %(what)s in their current state.",
                    visits=", ".join(wrong.mapped("name")),
                    what=what,
                )
            )

    # --- Workflow -------------------------------------------------------------------
    def action_file_report(self):
        """R-803: the leader or a visitor files the report: visited dates and the
        problems found, or an explicit "no problems found"."""
        self._qf_check_visitor(self.env._("file the report of"))
        self._qf_check_state(["planned"], self.env._("reported"))
        for visit in self:
            if not visit.date_from:
                raise ValidationError(
                    self.env._(
                        "Enter the dates of the visit %(visit)s before filing its "
                        "report.",
                        visit=visit.name,
                    )
                )
            if not visit.leader_id:
                raise ValidationError(
                    self.env._(
                        "The visit %(visit)s needs its leader, who signs the report.",
                        visit=visit.name,
                    )
                )
            if not (visit.problems or "").strip() and not visit.no_problems:
                raise ValidationError(
                    self.env._(
                        "Write the problems found during the visit %(visit)s, or tick "
                        "'No Problems Found'.",
                        visit=visit.name,
                    )
                )
        now = fields.Datetime.now()
        for visit in self:
            # sudo: the state and the reporter are guarded; the visitor was checked.
            visit.sudo().write(
                {
                    "state": "reported",
                    "reported_by_id": self.env.uid,
                    "reported_on": now,
                    "date_to": visit.date_to or visit.date_from,
                }
            )
        key_visits = self.filtered(lambda v: v.kind == "key")
        for visit in key_visits:
            # sudo: the customer's last visit is guarded; set by the visit only.
            visit.partner_id.sudo().qf_last_visit_date = visit.date_to
        # sudo: the leader's to-do is done by whichever visitor files the report.
        self.sudo().activity_feedback(
            [REPORT_ACTIVITY], feedback=self.env._("Report filed.")
        )
        return True

    def action_review(self, comment):
        """R-803: the managers' meeting reviewed the report; a general manager or
        the quality manager records it with the meeting's comment."""
        self.check_access("read")
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a general manager or the quality manager marks visit "
                    "reports reviewed."
                )
            )
        self._qf_check_state(["reported"], self.env._("reviewed"))
        if not (comment or "").strip():
            raise ValidationError(
                self.env._("Write the comment of the managers' meeting.")
            )
        # sudo: the review fields are guarded; the manager was checked.
        self.sudo().write(
            {
                "state": "reviewed",
                "reviewed_by_id": self.env.uid,
                "reviewed_on": fields.Datetime.now(),
                "review_comment": comment.strip(),
            }
        )
        return True

    def action_cancel(self, reason):
        """A planned or reported visit is cancelled with a reason, by its leader or
        the quality office."""
        self.check_access("write")
        user = self.env.user
        if not self.env.su and not user.has_group(OFFICER_GROUP):
            others = self.filtered(lambda v: v.leader_id != user)
            if others:
                raise AccessError(
                    self.env._(
                        "Only the leader of %(visits)s or the quality office can "
                        "cancel it.",
                        visits=", ".join(others.mapped("name")),
                    )
                )
        self._qf_check_state(["planned", "reported"], self.env._("cancelled"))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give the reason for the cancellation."))
        # sudo: the state and the reason are guarded; the caller was checked.
        self.sudo().write({"state": "cancelled", "cancel_reason": reason.strip()})
        # sudo: the leader's to-do goes with the visit, whoever cancels it.
        self.sudo().activity_unlink([REPORT_ACTIVITY])
        return True

    def action_open_decision(self):
        """The review or cancellation dialog (``qf_visit_decision`` in context)."""
        self.ensure_one()
        mode = self.env.context.get("qf_visit_decision", "review")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Visit Report")
            if mode == "review"
            else self.env._("Cancel Visit"),
            "res_model": "quality.visit.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_id": self.id, "default_mode": mode},
        }
