# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

COMMITTEE_GROUP = "quality_feedback.group_qf_committee"
OFFICER_GROUP = "quality_feedback.group_qf_officer"
REVIEW_ACTIVITY = "quality_feedback.mail_activity_type_committee_review"
# The events the quality committee reviews (R-702: 成批返工、报废、重大工艺差错、
# 成批错检漏检).
COMMITTEE_FLAGS = [
    ("batch_rework", "Batch Rework"),
    ("batch_scrap", "Batch Scrap"),
    ("process_error", "Major Process Error"),
    ("inspection_miss", "Batch Inspection Miss"),
]
# What the committee writes down before it decides.
MEETING_FIELDS = {"meeting_date", "member_ids", "analysis", "decision", "measures"}


class QualityCommitteeReview(models.Model):
    """The quality committee's review (质量管理委员会评审, SPEC R-702) of an internal
    feedback slip or a complaint flagged batch rework, batch scrap, major process
    error or batch inspection miss: the meeting, the members present, the analysis,
    the measures and the decision. The flagged slip or complaint cannot close before
    the review is decided.

    Created by the flag, never by hand; the parent, the flag, the state and who
    decided when are guarded (README, "How rules are enforced"). Read by whoever
    reads the slip or complaint (``_qf_parent_fields``); committee members read the
    flagged slips and complaints."""

    _name = "quality.committee.review"
    _description = "Quality Committee Review"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _qf_parent_fields = {
        "ticket_id": "helpdesk.ticket",
        "slip_id": "quality.feedback.slip",
    }
    _qf_guarded_fields = (
        "slip_id",
        "ticket_id",
        "flag",
        "state",
        "decided_by_id",
        "decided_on",
    )

    slip_id = fields.Many2one(
        comodel_name="quality.feedback.slip",
        string="Internal Feedback Slip",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
    )
    flag = fields.Selection(
        selection=COMMITTEE_FLAGS, required=True, readonly=True, tracking=True
    )
    state = fields.Selection(
        selection=[("draft", "To Review"), ("decided", "Decided")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    meeting_date = fields.Date(tracking=True)
    member_ids = fields.Many2many(
        comodel_name="res.users",
        string="Members Present",
        domain=[("share", "=", False)],
    )
    analysis = fields.Html()
    measures = fields.Text(
        help="The measures that solve the problem (提出解决问题的措施); a complaint's "
        "corrective and preventive actions are listed below them.",
    )
    decision = fields.Text(tracking=True)
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    action_ids = fields.One2many(
        related="ticket_id.action_ids",
        string="Corrective and Preventive Actions",
    )

    _slip_uniq = models.Constraint(
        "UNIQUE(slip_id)", "A slip has one committee review."
    )
    _ticket_uniq = models.Constraint(
        "UNIQUE(ticket_id)", "A complaint has one committee review."
    )
    _one_parent = models.Constraint(
        "CHECK((slip_id IS NULL) != (ticket_id IS NULL))",
        "A committee review reviews one slip or one complaint.",
    )

    @api.depends("slip_id.company_id", "ticket_id.company_id")
    def _compute_company_id(self):
        for review in self:
            review.company_id = (review.slip_id or review.ticket_id).company_id

    @api.depends("slip_id", "ticket_id", "flag")
    def _compute_display_name(self):
        labels = dict(self._fields["flag"]._description_selection(self.env))
        for review in self:
            parent = review.slip_id.name or review.ticket_id.number or ""
            review.display_name = f"{parent} {labels.get(review.flag, '')}".strip()

    def write(self, vals):
        if not self.env.su and MEETING_FIELDS.intersection(vals):
            if self.filtered(lambda r: r.state == "decided"):
                raise UserError(
                    self.env._("A decided committee review cannot be changed.")
                )
            self._qf_check_member()
        return super().write(vals)

    # --- Flagging -----------------------------------------------------------------------
    @api.model
    def _qf_open_for(self, records, parent_field, flag_field):
        """R-702: each newly flagged slip or complaint gets its review, on the to-do
        list of every committee member of its company. Called in sudo by the
        flagging models once the caller was checked."""
        reviewed = self.search([(parent_field, "in", records.ids)]).mapped(parent_field)
        for record in records.filtered(flag_field) - reviewed:
            review = self.create({parent_field: record.id, "flag": record[flag_field]})
            members = self.env.ref(COMMITTEE_GROUP).all_user_ids.filtered(
                lambda u, c=record.company_id: u.active and c in u.company_ids
            )
            for member in members:
                review.activity_schedule(
                    act_type_xmlid=REVIEW_ACTIVITY,
                    summary=record.display_name,
                    user_id=member.id,
                )

    @api.model
    def _qf_check_flag_fixed(self, records, vals, flag_field):
        """A flag is set once: the review it opened then settles it."""
        if flag_field not in vals or self.env.su:
            return
        flagged = records.filtered(
            lambda r: r[flag_field] and r[flag_field] != vals[flag_field]
        )
        if flagged:
            raise UserError(
                self.env._(
                    "%(records)s went to the quality committee: its review settles "
                    "the flag, which cannot change any more.",
                    records=", ".join(flagged.mapped("display_name")),
                )
            )

    @api.model
    def _qf_undecided(self, records, flag_field, reviews_field):
        """The flagged ``records`` whose review is not decided yet."""
        return records.filtered(
            lambda r: (
                r[flag_field]
                # sudo: the gate holds whoever closes, even one who cannot read reviews.
                and r.sudo()[reviews_field].filtered(lambda v: v.state != "decided")
            )
        )

    # --- Decision -------------------------------------------------------------------------
    def _qf_check_member(self, deciding=False):
        """Committee members decide; the quality office prepares the meeting too."""
        self.check_access("read")
        user = self.env.user
        if user.has_group(COMMITTEE_GROUP):
            return
        if not deciding and user.has_group(OFFICER_GROUP):
            return
        raise AccessError(
            self.env._("Only a member of the quality committee decides its reviews.")
            if deciding
            else self.env._(
                "Only the quality committee and the quality office prepare its reviews."
            )
        )

    def action_decide(self):
        """R-702: a committee member records the decision; the review's activities
        are done and the slip or complaint may close."""
        self._qf_check_member(deciding=True)
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "The review %(review)s is already decided.",
                        review=review.display_name,
                    )
                )
            if not (review.decision or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write the committee's decision before deciding %(review)s.",
                        review=review.display_name,
                    )
                )
        now = fields.Datetime.now()
        for review in self:
            # sudo: the state and the decider are guarded; the member was checked.
            review.sudo().write(
                {
                    "state": "decided",
                    "decided_by_id": self.env.uid,
                    "decided_on": now,
                    "meeting_date": review.meeting_date
                    or fields.Date.context_today(self),
                }
            )
        # sudo: the members' activities are done by whoever decides for the committee.
        self.sudo().activity_feedback(
            [REVIEW_ACTIVITY], feedback=self.env._("Decided.")
        )
        return True

    def action_open_parent(self):
        self.ensure_one()
        parent = self.slip_id or self.ticket_id
        return {
            "type": "ir.actions.act_window",
            "res_model": parent._name,
            "res_id": parent.id,
            "view_mode": "form",
        }
