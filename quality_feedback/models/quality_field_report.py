# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .quality_numbering import qf_number_records

OFFICER_GROUP = "quality_feedback.group_qf_officer"
REPORT_ACTIVITY = "quality_feedback.mail_activity_type_field_report"
REPORT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("acknowledged", "Acknowledged"),
]
# What the author writes; changed only while the report is a draft.
CONTENT_FIELDS = {
    "kind",
    "date_from",
    "date_to",
    "place",
    "work_done",
    "problems_found",
    "causes",
    "parts_used",
    "travel_expense",
    "currency_id",
}
PARENT_FIELDS = {"fsm_order_id", "ticket_id"}


class QualityFieldReport(models.Model):
    """A repair or commissioning visit report (维修或调试报告, SPEC R-703), filed by the
    technician or department handler who went on site against a service order or a
    complaint, and acknowledged by the quality office. Until it is acknowledged it
    blocks its author's travel expense claim (报销的必备条件): ``blocks_expense_claim``.

    Number, state, author, submission and acknowledgement are guarded; the parent is
    fixed once submitted (README, "How rules are enforced"). Read by its author, and
    by whoever reads its service order or complaint (``_qf_parent_fields``)."""

    _name = "quality.field.report"
    _description = "Field Report"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Whoever reads the report may comment and attach to it.
    _mail_post_access = "read"
    _qf_parent_fields = {
        "fsm_order_id": "fsm.order",
        "ticket_id": "helpdesk.ticket",
    }
    # The author reads his reports whatever happens to the parent's rules (e.g. the
    # order is dispatched to another technician): they block his expense claim.
    _qf_parent_owner_field = "user_id"
    _qf_guarded_fields = (
        "name",
        "state",
        "user_id",
        "date_submitted",
        "acknowledged_by_id",
        "acknowledged_on",
        "acknowledge_comment",
    )

    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", index="trigram"
    )
    kind = fields.Selection(
        selection=[("repair", "Repair"), ("commissioning", "Commissioning")],
        default="repair",
        required=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Author",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    fsm_order_id = fields.Many2one(
        comodel_name="fsm.order",
        string="Service Order",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        ondelete="restrict",
        domain=[("is_complaint", "=", True)],
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_parent_values",
        store=True,
        index=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_parent_values",
        store=True,
        index=True,
    )
    date_from = fields.Date(
        string="Visit From", required=True, default=fields.Date.context_today
    )
    date_to = fields.Date(string="Visit To")
    place = fields.Char(help="Where the work was done: site, line, address.")
    work_done = fields.Text(help="What was repaired, adjusted or commissioned.")
    problems_found = fields.Text()
    causes = fields.Text()
    parts_used = fields.Text(
        string="Parts Used and Remarks",
        help="Parts replaced or used on site, and anything else worth keeping.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    travel_expense = fields.Monetary(
        string="Travel Expense Claimed",
        currency_field="currency_id",
        help="What the author claims for travel and allowances for this visit; "
        "the claim waits for the quality office's acknowledgement.",
    )
    state = fields.Selection(
        selection=REPORT_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_submitted = fields.Datetime(string="Submitted On", readonly=True)
    acknowledged_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, tracking=True
    )
    acknowledged_on = fields.Datetime(readonly=True)
    acknowledge_comment = fields.Text(string="Quality Office Comment", readonly=True)
    blocks_expense_claim = fields.Boolean(
        compute="_compute_blocks_expense_claim",
        store=True,
        index=True,
        help="Not acknowledged by the quality office yet: the author's travel "
        "expense claim for this visit waits (R-703).",
    )

    _one_parent = models.Constraint(
        "CHECK (num_nonnulls(fsm_order_id, ticket_id) = 1)",
        "A field report belongs to one service order or one complaint.",
    )

    # --- Computes -------------------------------------------------------------------
    @api.depends(
        "fsm_order_id.company_id",
        "fsm_order_id.qf_partner_id",
        "ticket_id.company_id",
        "ticket_id.partner_id",
    )
    def _compute_parent_values(self):
        for report in self:
            order, ticket = report.fsm_order_id, report.ticket_id
            report.company_id = order.company_id or ticket.company_id
            report.partner_id = order.qf_partner_id or ticket.partner_id

    @api.depends("state")
    def _compute_blocks_expense_claim(self):
        for report in self:
            report.blocks_expense_claim = report.state != "acknowledged"

    @api.depends("name", "fsm_order_id", "ticket_id")
    def _compute_display_name(self):
        for report in self:
            parent = report.fsm_order_id.name or report.ticket_id.number or ""
            report.display_name = f"{report.name} {parent}".strip()

    # --- Constraints ----------------------------------------------------------------
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to and report.date_from > report.date_to:
                raise ValidationError(
                    self.env._(
                        "The visit of %(report)s ends before it starts.",
                        report=report.name,
                    )
                )

    @api.constrains("ticket_id")
    def _check_complaint(self):
        # sudo: the kind of ticket only; reading it is checked with the parent.
        tickets = self.sudo().ticket_id.filtered(lambda t: not t.is_complaint)
        if tickets:
            raise ValidationError(
                self.env._(
                    "%(ticket)s is not a complaint: a field report is filed against "
                    "a service order or a complaint.",
                    ticket=tickets[0].display_name,
                )
            )

    # --- CRUD -----------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        if not self.env.su:
            reports._qf_check_parent_readable()
        qf_number_records(reports, "quality.field.report")
        return reports

    def write(self, vals):
        if not self.env.su:
            if (CONTENT_FIELDS | PARENT_FIELDS).intersection(vals):
                self._qf_check_editor(self.env._("change"))
                self._qf_check_state(("draft",), self.env._("changed"))
        res = super().write(vals)
        if not self.env.su and PARENT_FIELDS.intersection(vals):
            self._qf_check_parent_readable()
        return res

    def unlink(self):
        if not self.env.su:
            self._qf_check_editor(self.env._("delete"))
            self._qf_check_state(("draft",), self.env._("deleted"))
        return super().unlink()

    # --- Who may do what ------------------------------------------------------------
    def _qf_check_parent_readable(self):
        """A report is filed only against an order or complaint its author reads."""
        for report in self:
            parent = report.fsm_order_id or report.ticket_id
            if not parent.has_access("read"):
                raise AccessError(
                    self.env._(
                        "You cannot read %(parent)s: file your report against a "
                        "service order or complaint of yours.",
                        parent=parent.sudo().display_name,
                    )
                )

    def _qf_check_editor(self, what):
        """The author, or the quality office, edits a report."""
        self.check_access("read")
        if self.env.user.has_group(OFFICER_GROUP):
            return
        for report in self:
            if report.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(author)s, who wrote %(report)s, can %(what)s it.",
                        author=report.user_id.name,
                        report=report.name,
                        what=what,
                    )
                )

    def _qf_check_officer(self, what):
        """The quality office acknowledges and returns reports."""
        self.check_access("read")
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._(
                    "Only the quality office can %(what)s field reports.", what=what
                )
            )

    def _qf_check_state(self, states, what):
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Field reports %(reports)s cannot be %(what)s in their current "
                    "state.",
                    reports=", ".join(wrong.mapped("name")),
                    what=what,
                )
            )

    # --- Workflow (R-703) -----------------------------------------------------------
    def action_submit(self):
        """The author hands his report to the quality office: each of its officers
        gets it on his to-do list, in his own language."""
        self.check_access("read")
        others = self.filtered(lambda r: r.user_id != self.env.user)
        if others and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the author submits his field report %(report)s.",
                    report=others[0].name,
                )
            )
        self._qf_check_state(("draft",), self.env._("submitted"))
        empty = self.filtered(lambda r: not (r.work_done or "").strip())
        if empty:
            raise ValidationError(
                self.env._(
                    "Describe the work done on site before submitting %(reports)s.",
                    reports=", ".join(empty.mapped("name")),
                )
            )
        # sudo: state and submission date are guarded; the author was checked.
        self.sudo().write(
            {"state": "submitted", "date_submitted": fields.Datetime.now()}
        )
        self._qf_schedule_acknowledgement()
        return True

    def _qf_schedule_acknowledgement(self):
        """One activity per officer of the report's quality office, its summary
        in the officer's language; created in one batch."""
        activity_type = self.env.ref(REPORT_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for company, reports in self.grouped("company_id").items():
            for officer in self._qf_quality_officers(company):
                local = reports.with_context(lang=officer.lang or "en_US")
                today = fields.Date.context_today(local.with_user(officer))
                for report in local:
                    values.append(
                        {
                            "res_model_id": model_id,
                            "res_id": report.id,
                            "activity_type_id": activity_type.id,
                            "user_id": officer.id,
                            "date_deadline": today,
                            "automated": True,
                            "summary": local.env._(
                                "Acknowledge the %(kind)s report %(report)s of "
                                "%(author)s",
                                kind=dict(
                                    report._fields["kind"]._description_selection(
                                        local.env
                                    )
                                )[report.kind].lower(),
                                report=report.name,
                                author=report.user_id.name,
                            ),
                        }
                    )
        # sudo: the activities are the officers', scheduled by the author's submission.
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(values)

    @api.model
    def _qf_quality_officers(self, company):
        """The officers of ``company``'s quality office (全质办): the quality officers
        among the handlers of its quality office department, else every active
        quality officer of the company."""
        # sudo: group members and departments are read to address the to-do only.
        officers = (
            self.env.ref(OFFICER_GROUP)
            .sudo()
            .all_user_ids.filtered(
                lambda u: u.active and not u.share and company in u.company_ids
            )
        )
        office = (
            self.env["quality.department"]
            .sudo()
            .search(
                [
                    ("company_id", "in", (company.id, False)),
                    ("qf_slip_level", "=", "quality"),
                ]
            )
        )
        return (officers & (office.manager_id | office.member_ids)) or officers

    def _qf_acknowledge(self, comment=False):
        """R-703: the quality office acknowledges a submitted report: who, when and
        an optional comment are kept; the author's expense claim is free."""
        self._qf_check_officer(self.env._("acknowledge"))
        self._qf_check_state(("submitted",), self.env._("acknowledged"))
        # sudo: state and acknowledgement are guarded; the officer was checked.
        self.sudo().write(
            {
                "state": "acknowledged",
                "acknowledged_by_id": self.env.uid,
                "acknowledged_on": fields.Datetime.now(),
                "acknowledge_comment": (comment or "").strip() or False,
            }
        )
        # sudo: the other officers' activities are done with the acknowledgement.
        self.sudo().activity_feedback(
            [REPORT_ACTIVITY], feedback=self.env._("Acknowledged.")
        )
        return True

    def _qf_return(self, reason):
        """The quality office returns a submitted report to its author with a
        reason, posted in the chatter; the author corrects and submits again."""
        if not (reason or "").strip():
            raise UserError(
                self.env._("Say why the field report goes back to its author.")
            )
        self._qf_check_officer(self.env._("return"))
        self._qf_check_state(("submitted",), self.env._("returned"))
        # sudo: the state is guarded; the officer was checked.
        self.sudo().write({"state": "draft", "date_submitted": False})
        # sudo: the officers' activities end with the return.
        self.sudo().activity_unlink([REPORT_ACTIVITY])
        for report in self:
            report.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (self.env._("Returned to the author:"), reason.strip()),
                partner_ids=report.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_qf_review_wizard(self):
        """Acknowledge or return, with a comment or a reason."""
        self.ensure_one()
        self._qf_check_officer(self.env._("acknowledge"))
        mode = self.env.context.get("qf_review_mode", "acknowledge")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return to Author")
            if mode == "return"
            else self.env._("Acknowledge"),
            "res_model": "quality.field.report.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id, "default_mode": mode},
        }

    @api.model
    def _qf_action_of_parent(self, field, parent):
        """The reports of a service order or complaint; a new one is filed on it."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_quality_field_report"
        )
        action["domain"] = [(field, "=", parent.id)]
        action["context"] = {f"default_{field}": parent.id}
        return action
