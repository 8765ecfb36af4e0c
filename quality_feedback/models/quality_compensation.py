# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .quality_row_lock import qf_lock_for_update

METHODS = [
    ("allowance", "Allowance / Discount"),
    ("compensation", "Compensation Payment"),
    ("refund", "Refund"),
    ("free_replacement", "Free Replacement"),
    ("free_repair", "Free Repair"),
]
# Methods settled by a customer credit note, or by an outbound payment.
CREDIT_NOTE_METHODS = {"allowance", "refund"}
PAYMENT_METHODS = {"compensation"}
# Approval levels: 1 sales manager, 2 general manager, 3 chairman.
TOP_LEVEL = 3


class QualityCompensation(models.Model):
    """Money given to the customer for a complaint (R-302): approved by amount in the
    company currency through OCA tier validation before anything is paid, credited or
    promised (R-303), then settled by its accounting document (R-304)."""

    _name = "quality.compensation"
    _description = "Compensation Request"
    _inherit = ["quality.complaint.record", "tier.validation"]
    _order = "id desc"
    _frozen_with_complaint = True
    # Not the complaint's rules: approvers and finance act on requests of complaints
    # they do not see (security file: requester, his complaints, approvers, finance).
    _qf_complaint_field = None
    # The requester is whoever creates the request; state and documents change only
    # through the methods below.
    _qf_guarded_fields = ("name", "state", "user_id", "move_id", "payment_id")

    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

    name = fields.Char(readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        related="ticket_id.commercial_partner_id", string="Customer", store=True
    )
    method = fields.Selection(selection=METHODS, required=True, default="allowance")
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(required=True)
    date = fields.Date(
        string="Request Date", required=True, default=fields.Date.context_today
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        currency_field="company_currency_id",
        compute="_compute_amount_company",
        store=True,
    )
    approval_level = fields.Integer(
        compute="_compute_approval_level",
        store=True,
        index=True,
        help="1: sales manager, 2: general manager, 3: chairman (R-302); one level "
        "higher for a follow-up after the customer rejected a result (R-207).",
    )
    reason = fields.Text(required=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("done", "Settled"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        readonly=True,
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    move_id = fields.Many2one(
        comodel_name="account.move", string="Credit Note", readonly=True, copy=False
    )
    payment_id = fields.Many2one(
        comodel_name="account.payment", readonly=True, copy=False
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        string="Original Invoice",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id)]",
        check_company=True,
        help="The invoice the allowance or refund corrects; proposed from the "
        "complaint's sales order.",
    )

    _amount_positive = models.Constraint(
        "CHECK (amount > 0)", "The amount of a compensation must be positive."
    )

    @api.depends("amount", "currency_id", "date", "company_id")
    def _compute_amount_company(self):
        for request in self:
            company = request.company_id or self.env.company
            request.amount_company = request.currency_id._convert(
                request.amount, company.currency_id, company, request.date
            )

    @api.depends("amount_company", "ticket_id.escalation_level")
    def _compute_approval_level(self):
        for request in self:
            company = request.company_id or self.env.company
            if request.amount_company <= company.qf_approval_limit_sales:
                level = 1
            elif request.amount_company <= company.qf_approval_limit_gm:
                level = 2
            else:
                level = 3
            # sudo: the escalation of the complaint decides, whoever asks.
            escalation = request.ticket_id.sudo().escalation_level
            request.approval_level = min(level + escalation, TOP_LEVEL)

    @api.onchange("ticket_id")
    def _onchange_ticket_id(self):
        orders = self.ticket_id.sale_order_id
        invoices = orders.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        self.invoice_id = invoices[:1]

    @api.constrains("currency_id", "date", "company_id")
    def _check_currency_rate(self):
        """A request in a foreign currency needs a rate on its date: without one,
        Odoo would count it 1:1 and route it to the wrong approver (R-302)."""
        for request in self:
            company = request.company_id or self.env.company
            if request.currency_id == company.currency_id:
                continue
            # sudo: rates are read to route the request, whoever files it.
            rate = (
                self.env["res.currency.rate"]
                .sudo()
                .search_count(
                    [
                        ("currency_id", "=", request.currency_id.id),
                        ("name", "<=", request.date),
                        ("company_id", "in", [False, company.id]),
                    ],
                    limit=1,
                )
            )
            if not rate:
                raise ValidationError(
                    self.env._(
                        "%(currency)s has no exchange rate on %(date)s: the amount cannot "
                        "be converted to %(company_currency)s to find its approver.",
                        currency=request.currency_id.name,
                        date=request.date,
                        company_currency=company.currency_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            # sudo: the number is guarded; the sequence is the only source of it.
            request.sudo().name = (
                self.env["ir.sequence"].sudo().next_by_code("quality.compensation")
                or "/"
            )
        return requests

    # --- State changes: only through the methods below (R-303) ------------------------
    def write(self, vals):
        # What the approver decided on: amount, currency, method, date, reason and the
        # invoice the credit note will correct.
        if set(vals) & {
            "amount",
            "currency_id",
            "method",
            "date",
            "reason",
            "invoice_id",
        } and self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._(
                    "Only a draft compensation request can be changed; cancel it first."
                )
            )
        return super().write(vals)

    def _qf_move(self, state, allowed_from):
        wrong = self.filtered(lambda r: r.state not in allowed_from)
        if wrong:
            labels = dict(self._fields["state"].selection)
            raise UserError(
                self.env._(
                    "%(names)s cannot go to %(target)s from %(state)s.",
                    names=", ".join(wrong.mapped("name")),
                    target=labels[state],
                    state=labels[wrong[0].state],
                )
            )
        # Whether validation is still needed is not stored: read it afresh.
        self.invalidate_recordset(
            ["need_validation", "review_ids", "validation_status"]
        )
        # sudo: the state is guarded; each caller of _qf_move checked the user.
        self.sudo().with_context(skip_validation_check=True).write({"state": state})

    def _qf_check_requester(self):
        """Submitting and cancelling are the requester's, or the quality office's."""
        if self.env.su:
            return
        self.check_access("write")
        if self.env.user.has_group("quality_feedback.group_qf_officer"):
            return
        others = self.filtered(
            lambda r: self.env.user not in (r.user_id | r.create_uid)
        )
        if others:
            raise AccessError(
                self.env._(
                    "Only the requester submits or cancels %s.",
                    ", ".join(others.mapped("name")),
                )
            )

    def action_submit(self):
        """Ask for approval at the level the amount requires (R-302)."""
        self._qf_check_requester()
        self._check_currency_rate()
        self._qf_move("to_approve", ["draft"])
        # sudo: reviews are written by the validation engine only (tier.review guard);
        # the requester recorded on them stays the real user (sudo keeps the uid).
        self.sudo().request_validation()
        return True

    def request_validation(self):
        """Reviews are requested by action_submit only: called directly, a requester
        could ask again after changing what decides the tier."""
        if not self.env.su:
            raise AccessError(
                self.env._("A compensation request is submitted with its button.")
            )
        return super().request_validation()

    def restart_validation(self):
        """Never restarted: a rejected request is cancelled and filed anew, so that
        nobody re-routes a request waiting for a higher approver."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The approval of a compensation request cannot be restarted; "
                    "cancel it and file a new one."
                )
            )
        return super().restart_validation()

    def _qf_check_reviewer(self):
        self.ensure_one()
        if self.state != "to_approve":
            raise UserError(
                self.env._(
                    "Only a compensation request waiting for approval can be decided."
                )
            )
        if self.env.user in (self.user_id | self.create_uid):
            raise AccessError(
                self.env._("You cannot approve or reject your own request.")
            )
        if not self.can_review:
            raise AccessError(
                self.env._(
                    "%s waits for another approver: the amount decides who approves it.",
                    self.name,
                )
            )

    def validate_tier(self):
        self._qf_check_reviewer()
        return super().validate_tier()

    def _validate_tier(self, tiers=False):
        """Approve (from the button or base_tier_validation's comment wizard); once
        every tier agrees the request is approved and its draft credit note or
        payment is created for finance (R-304)."""
        self._qf_check_reviewer()
        # sudo: reviews are guarded; done_by stays the real user (sudo keeps the uid).
        res = super(QualityCompensation, self.sudo())._validate_tier(
            tiers=tiers and tiers.sudo()
        )
        self.invalidate_recordset(["review_ids", "validation_status"])
        if self.validation_status == "validated":
            self._qf_move("approved", ["to_approve"])
            self.sudo()._qf_settle()
            self._qf_after_approval()
        return res

    def _qf_after_approval(self):
        """Extension point: what an approved and settled request lets go on (the
        returns addon receives the goods of an approved return slip)."""
        return True

    def reject_tier(self):
        self._qf_check_reviewer()
        return super().reject_tier()

    def _rejected_tier(self, tiers=False):
        """Reject (from the button or the comment wizard): only a reviewer of a
        pending tier rejects."""
        self._qf_check_reviewer()
        # sudo: reviews are guarded; done_by stays the real user.
        res = super(QualityCompensation, self.sudo())._rejected_tier(
            tiers=tiers and tiers.sudo()
        )
        self._qf_move("rejected", ["to_approve"])
        return res

    def action_cancel(self):
        self._qf_check_requester()
        self._qf_move("cancelled", ["draft", "to_approve", "approved"])
        return True

    def unlink(self):
        self._unlink_only_drafts()
        # sudo: the reviews of a cancelled request go with it (tier.review guard).
        self.sudo().review_ids.unlink()
        return super().unlink()

    # --- Settlement (R-304) -------------------------------------------------------------
    def action_settle(self):
        """Finance settles an approved request whose document is missing (approval
        settles it at once; this is the retry after a failure, e.g. no journal)."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(
            "account.group_account_invoice"
        ):
            raise AccessError(self.env._("Only finance settles compensation requests."))
        self.check_access("read")
        # sudo: the approval is the authorisation; the documents stay drafts.
        return self.sudo()._qf_settle()

    def _qf_settle(self):
        """Create the accounting document of an approved request, exactly once: the
        request row is locked first, so two users settling at once cannot both
        create one."""
        self.ensure_one()
        qf_lock_for_update(
            self,
            self.env._("%s is being settled by someone else right now.", self.name),
        )
        if self.state != "approved":
            raise UserError(
                self.env._("%s is not approved, or is already settled.", self.name)
            )
        if self.method in CREDIT_NOTE_METHODS:
            self.move_id = self._qf_create_credit_note()
        elif self.method in PAYMENT_METHODS:
            self.payment_id = self._qf_create_payment()
        self._qf_move("done", ["approved"])
        return self._qf_open_document()

    def _qf_create_credit_note(self):
        # sudo: the approver need not read journals; the document is what matters.
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [("type", "=", "sale"), ("company_id", "=", self.company_id.id)],
                limit=1,
            )
        )
        if not journal:
            raise UserError(self.env._("Create a sales journal to issue credit notes."))
        # sudo: the approved request is the authorisation; the credit note stays a
        # draft that only accounting users can post.
        return (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": self.partner_id.id,
                    "journal_id": journal.id,
                    "currency_id": self.currency_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "reversed_entry_id": self.invoice_id.id,
                    "invoice_origin": self.ticket_id.number,
                    "ref": self.name,
                    "qf_compensation_id": self.id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": self.env._(
                                    "%(method)s for complaint %(number)s",
                                    method=dict(METHODS)[self.method],
                                    number=self.ticket_id.number,
                                ),
                                "quantity": 1,
                                "price_unit": self.amount,
                                "tax_ids": [fields.Command.clear()],
                            }
                        )
                    ],
                }
            )
        )

    def _qf_create_payment(self):
        # sudo: the approver need not read journals; the document is what matters.
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("type", "in", ("bank", "cash")),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        if not journal:
            raise UserError(self.env._("Create a bank journal to pay compensations."))
        # sudo: as for credit notes, a draft that finance confirms.
        return (
            self.env["account.payment"]
            .sudo()
            .create(
                {
                    "payment_type": "outbound",
                    "partner_type": "customer",
                    "partner_id": self.partner_id.id,
                    "amount": self.amount,
                    "currency_id": self.currency_id.id,
                    "journal_id": journal.id,
                    "memo": self.env._(
                        "%(name)s for complaint %(number)s",
                        name=self.name,
                        number=self.ticket_id.number,
                    ),
                    "qf_compensation_id": self.id,
                }
            )
        )

    def _qf_open_document(self):
        document = self.move_id or self.payment_id
        if not document:
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }

    def action_view_document(self):
        self.ensure_one()
        return self._qf_open_document()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda r: r.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "Only draft or cancelled compensation requests can be deleted."
                )
            )

    # --- Allowance certificate (R-304, R-903) -------------------------------------------
    def _qf_amount_in_words(self):
        """The amount in words for the certificate: Chinese financial numerals
        (大写) when printed in Chinese, Odoo's wording otherwise."""
        self.ensure_one()
        if (self.env.lang or "").startswith("zh"):
            return chinese_amount_in_words(self.amount)
        return self.currency_id.amount_to_text(self.amount)


DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ["", "拾", "佰", "仟"]
BIG_UNITS = ["", "万", "亿", "兆"]


def chinese_amount_in_words(amount):
    """Amount in Chinese financial numerals (人民币大写), e.g. 3005.5 → 叁仟零伍元伍角.
    (The num2words release pinned by Odoo has no Chinese.)"""
    cents = round(abs(amount) * 100)
    jiao, fen = cents // 10 % 10, cents % 10
    words = _chinese_integer_words(cents // 100)
    if words:
        words += "元"
    if not jiao and not fen:
        words = (words or "零元") + "整"
    else:
        if jiao:
            words += DIGITS[jiao] + "角"
        elif words:
            words += "零"
        if fen:
            words += DIGITS[fen] + "分"
    return ("负" if amount < 0 else "") + words


def _chinese_integer_words(number):
    """壹万零伍佰 for 10500: groups of four digits with 万/亿 units, one 零 for
    each run of zeros between non-zero digits."""
    groups = []  # highest group first
    while number:
        groups.insert(0, number % 10000)
        number //= 10000
    words, pending_zero = "", False
    for index, group in enumerate(groups):
        if not group:
            pending_zero = bool(words)
            continue
        if words and (pending_zero or group < 1000):
            words += "零"
        pending_zero = zero = False
        for position in range(3, -1, -1):
            digit = group // 10**position % 10
            if not digit:
                zero = zero or (position < 3 and group // 10 ** (position + 1) > 0)
                continue
            if zero:
                words += "零"
                zero = False
            words += DIGITS[digit] + SMALL_UNITS[position]
        words += BIG_UNITS[len(groups) - 1 - index]
    return words
