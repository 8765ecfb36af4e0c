# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .quality_numbering import qf_number_records

OFFICER_GROUP = "quality_feedback.group_qf_officer"
# The levels a slip climbs: a team reports to its workshop or office, a
# workshop or office to the quality office (班组 → 车间/科室 → 全质办).
SLIP_LEVELS = [
    ("team", "Team"),
    ("workshop", "Workshop / Office"),
    ("quality", "Quality Office"),
]
SLIP_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# What the sender fills in; fixed once the slip is sent.
EDITABLE_WHILE_DRAFT = {
    "company_id",
    "sender_department_id",
    "department_id",
    "subject",
    "description",
    "difficulty",
    "holds_production",
}


class QualityFeedbackSlip(models.Model):
    """An internal quality feedback slip (信息事务处理单, SPEC R-701): a department
    reports a problem it cannot solve alone to another department, which answers
    within 2 working days, one week when difficult, at once when it holds up
    production. The receiver may pass it up one level with a note (R-704); each hop
    is kept with who held the slip how long.

    State, sender, number, level, answer and hops are guarded (README, "How rules
    are enforced"): only the buttons change them, after checking the caller."""

    _name = "quality.feedback.slip"
    _description = "Internal Quality Feedback Slip"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Whoever reads the slip comments on it (the receiver cannot write it).
    _mail_post_access = "read"
    _qf_guarded_fields = (
        "name",
        "state",
        "user_id",
        "level",
        "hop_ids",
        "date_sent",
        "date_deadline",
        "answer",
        "answered_by_id",
        "answered_on",
        "answered_late",
    )

    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Sent By",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    sender_department_id = fields.Many2one(
        comodel_name="quality.department",
        string="Sending Department",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        default=lambda self: self._default_sender_department(),
    )
    department_id = fields.Many2one(
        comodel_name="quality.department",
        string="Receiving Department",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The department that answers the slip now.",
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    difficulty = fields.Selection(
        selection=[("normal", "Normal"), ("difficult", "Difficult")],
        default="normal",
        required=True,
        tracking=True,
        help="A difficult problem may take one week instead of two working days.",
    )
    holds_production = fields.Boolean(
        string="Holds Up Production",
        tracking=True,
        help="Production waits for the answer: it is due within the company's "
        "immediate answer hours.",
    )
    level = fields.Selection(
        selection=SLIP_LEVELS,
        string="Current Level",
        readonly=True,
        tracking=True,
    )
    state = fields.Selection(
        selection=SLIP_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    date_deadline = fields.Datetime(
        string="Answer Due",
        readonly=True,
        index="btree_not_null",
        help="When the current receiving department must answer.",
    )
    answer = fields.Text(readonly=True)
    answered_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    answered_on = fields.Datetime(readonly=True)
    answered_late = fields.Boolean(readonly=True, help="Answered after its deadline.")
    hop_ids = fields.One2many(
        comodel_name="quality.feedback.slip.hop",
        inverse_name="slip_id",
        string="History",
        readonly=True,
    )
    deadline_ids = fields.One2many(
        comodel_name="quality.deadline", inverse_name="slip_id", readonly=True
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Sent and not answered by its deadline.",
    )

    @api.model
    def _default_sender_department(self):
        """The first department the user belongs to."""
        return self.env["quality.department"].search(
            [
                ("company_id", "in", self.env.companies.ids),
                "|",
                ("member_ids", "in", self.env.uid),
                ("manager_id", "=", self.env.uid),
            ],
            limit=1,
        )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for slip in self:
            slip.is_overdue = bool(
                slip.state == "sent" and slip.date_deadline and slip.date_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue slips."))
        overdue = Domain("state", "=", "sent") & Domain(
            "date_deadline", "<", fields.Datetime.now()
        )
        return overdue if (operator == "=") == value else ~overdue

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for slip in self:
            slip.display_name = f"{slip.name} {slip.subject or ''}".strip()

    @api.constrains("sender_department_id", "department_id")
    def _check_departments(self):
        for slip in self:
            if slip.sender_department_id == slip.department_id:
                raise ValidationError(
                    self.env._(
                        "%(department)s cannot send a slip to its own department: "
                        "choose the department that must answer it.",
                        department=slip.sender_department_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        slips = super().create(vals_list)
        if not self.env.su:
            slips._qf_check_sender_department()
        qf_number_records(slips, "quality.feedback.slip")
        return slips

    def write(self, vals):
        if not self.env.su and EDITABLE_WHILE_DRAFT.intersection(vals):
            sent = self.filtered(lambda s: s.state != "draft")
            if sent:
                raise UserError(
                    self.env._(
                        "Slips %(slips)s are sent: only their buttons change them.",
                        slips=", ".join(sent.mapped("name")),
                    )
                )
        res = super().write(vals)
        if not self.env.su and "sender_department_id" in vals:
            self._qf_check_sender_department()
        return res

    # --- Who may do what --------------------------------------------------------------
    def _qf_is_handler(self, department):
        """The user handles ``department``: its manager or one of its members."""
        user = self.env.user
        return user == department.manager_id or user in department.member_ids

    def _qf_check_sender_department(self):
        """A department handler sends in the name of his own department only; the
        quality office for any department."""
        if self.env.user.has_group(OFFICER_GROUP):
            return
        for slip in self:
            if not self._qf_is_handler(slip.sender_department_id):
                raise AccessError(
                    self.env._(
                        "You do not belong to %(department)s: send the slip in the "
                        "name of your own department.",
                        department=slip.sender_department_id.name,
                    )
                )

    def _qf_check_sender(self, what):
        """The sender (or the quality office) acts on his own slips."""
        self.check_access("read")
        if self.env.su or self.env.user.has_group(OFFICER_GROUP):
            return
        for slip in self:
            if slip.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(sender)s, who sent %(slip)s, can %(what)s it.",
                        sender=slip.user_id.name,
                        slip=slip.name,
                        what=what,
                    )
                )

    def _qf_check_receiver(self, what):
        """A handler of the current receiving department (or the quality office)."""
        self.check_access("read")
        if self.env.su or self.env.user.has_group(OFFICER_GROUP):
            return
        for slip in self:
            if not self._qf_is_handler(slip.department_id):
                raise AccessError(
                    self.env._(
                        "Only %(department)s, which holds %(slip)s, can %(what)s it.",
                        department=slip.department_id.name,
                        slip=slip.name,
                        what=what,
                    )
                )

    def _qf_check_state(self, states, what):
        wrong = self.filtered(lambda s: s.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Slips %(slips)s cannot be %(what)s in their current state.",
                    slips=", ".join(wrong.mapped("name")),
                    what=what,
                )
            )
