# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .quality_reader import qf_for_reader, qf_reader_today

MEASURES = [
    ("none", "No Measure"),
    ("criticism", "Notice of Criticism"),
    ("warning", "Warning"),
    ("fine", "Fine"),
]


# the supervisor's and the responsible person's fines (责任主管罚款 / 责任人罚款).
FINE_FIELDS = ("supervisor_fine", "fine_amount")


class QualityPenaltyReview(models.Model):
    """Last month's closed complaints with their responsibility and losses, compiled
    for the general manager's penalty review (处罚审查, R-404). Once approved it prints
    as the personnel announcement (人事公布单) and is kept as it is."""

    _name = "quality.penalty.review"
    _description = "Monthly Penalty Review"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, id desc"
    _qf_guarded_fields = ("state", "approved_by_id", "date_approved")
    _qf_fixed_fields = ("period_start", "company_id")
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    period_start = fields.Date(string="Month", required=True, readonly=True)
    period_end = fields.Date(compute="_compute_period_end", store=True)
    state = fields.Selection(
        selection=[("draft", "To Review"), ("approved", "Approved")],
        default="draft",
        readonly=True,
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        comodel_name="quality.penalty.review.line",
        inverse_name="review_id",
        string="Lines",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    loss_total = fields.Monetary(compute="_compute_loss_total", store=True)
    approved_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    date_approved = fields.Datetime(string="Approved On", readonly=True)

    _company_month_unique = models.Constraint(
        "UNIQUE (company_id, period_start)",
        "There is already a penalty review for this month.",
    )

    @api.depends("period_start")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "Penalty Review %s",
                review.period_start and review.period_start.strftime("%Y-%m"),
            )

    @api.depends("period_start")
    def _compute_period_end(self):
        for review in self:
            review.period_end = (
                review.period_start
                and review.period_start + relativedelta(months=1, days=-1)
            )

    @api.depends("line_ids.loss_amount")
    def _compute_loss_total(self):
        for review in self:
            review.loss_total = sum(review.line_ids.mapped("loss_amount"))

    @api.model
    def _cron_compile_reviews(self):
        """Scheduled daily: from each company's review day on, compile last month's
        review once (re-running finds it and does nothing). A month without any
        responsibility or loss gives no review."""
        today = fields.Date.context_today(self)
        month = today.replace(day=1) - relativedelta(months=1)
        companies = self.env["res.company"].search(
            [("qf_penalty_review_day", "<=", today.day)]
        )
        done = self.search(
            [("period_start", "=", month), ("company_id", "in", companies.ids)]
        )
        for company in companies - done.company_id:
            self._qf_compile(company, month)

    @api.model
    def _qf_compile(self, company, month):
        start = fields.Datetime.to_datetime(month)
        end = start + relativedelta(months=1)
        complaints = self.env["helpdesk.ticket"].search(
            [
                ("is_complaint", "=", True),
                ("company_id", "=", company.id),
                ("qf_state", "=", "closed"),
                ("closed_date", ">=", start),
                ("closed_date", "<", end),
                "|",
                "|",
                ("responsible_department_id", "!=", False),
                ("responsible_user_id", "!=", False),
                ("loss_amount", ">", 0),
            ],
            order="closed_date",
        )
        if not complaints:
            return self.browse()
        review = self.create(
            {
                "company_id": company.id,
                "period_start": month,
                "line_ids": [
                    fields.Command.create(
                        {
                            "ticket_id": complaint.id,
                            "department_id": complaint.responsible_department_id.id,
                            "user_id": complaint.responsible_user_id.id,
                            "supervisor_id": (
                                complaint.responsible_department_id.manager_id.id
                            ),
                            "loss_amount": complaint.loss_amount,
                            "measure": "criticism" if complaint.loss_amount else "none",
                        }
                    )
                    for complaint in complaints
                ],
            }
        )
        general_managers = self.env.ref(
            "quality_feedback.group_qf_general_manager"
        ).user_ids
        for user in general_managers.filtered(lambda u: company in u.company_ids):
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=qf_reader_today(review, user),
                summary=qf_for_reader(review, user).env._(
                    "Review and approve the penalties of %s", review.name
                ),
                user_id=user.id,
            )
        return review

    def action_approve(self):
        if not self.env.user.has_group("quality_feedback.group_qf_general_manager"):
            raise AccessError(
                self.env._("Only the general manager approves penalty reviews.")
            )
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("This penalty review is already approved."))
        # sudo: the general manager's approval, checked above, is the only way in.
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def write(self, vals):
        frozen = [
            name for name in vals if not name.startswith(("message_", "activity_"))
        ]
        if frozen and self.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved penalty review cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved penalty review cannot be deleted."))


class QualityPenaltyReviewLine(models.Model):
    _name = "quality.penalty.review.line"
    _description = "Penalty Review Line"
    _inherit = ["quality.guarded.mixin"]
    _order = "review_id, id"
    _qf_complaint_field = "ticket_id"
    _qf_fixed_fields = ("review_id", "ticket_id")

    review_id = fields.Many2one(
        comodel_name="quality.penalty.review",
        required=True,
        ondelete="cascade",
        index=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Complaint", required=True, index=True
    )
    department_id = fields.Many2one(comodel_name="quality.department")
    user_id = fields.Many2one(comodel_name="res.users", string="Responsible Person")
    supervisor_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible Supervisor",
        help="The supervisor answerable for the responsible person (责任主管); by "
        "default the responsible department's manager.",
    )
    currency_id = fields.Many2one(related="review_id.currency_id")
    loss_amount = fields.Monetary()
    measure = fields.Selection(
        selection=MEASURES, string="Proposed Measure", default="none"
    )
    # separate fines for the supervisor and the person (责任主管罚款 /
    # 责任人罚款).
    supervisor_fine = fields.Monetary(string="Supervisor's Fine")
    fine_amount = fields.Monetary(string="Responsible Person's Fine")
    note = fields.Char()

    _fine_positive = models.Constraint(
        "CHECK (fine_amount >= 0)", "A fine cannot be negative."
    )
    _supervisor_fine_positive = models.Constraint(
        "CHECK (supervisor_fine >= 0)", "A fine cannot be negative."
    )

    def _check_fines(self, vals_list):
        """R-406, R-X3: a fine below zero is refused, before anything is written,
        with a message in the user's language (the SQL constraints back it up)."""
        for vals in vals_list:
            if any((vals.get(name) or 0) < 0 for name in FINE_FIELDS):
                tickets = (
                    self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
                    or self.ticket_id
                )
                raise ValidationError(
                    self.env._(
                        "A fine cannot be below zero (complaint %s).",
                        ", ".join(tickets.mapped("number")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reviews = self.env["quality.penalty.review"].browse(
            {vals.get("review_id") for vals in vals_list}
        )
        if reviews.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved penalty review cannot be changed."))
        self._check_fines(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self.review_id.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved penalty review cannot be changed."))
        self._check_fines([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.review_id.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved penalty review cannot be changed."))
