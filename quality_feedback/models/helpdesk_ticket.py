# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from .helpdesk_ticket_stage import COMPLAINT_STATES

SITE_VISIT_HOURS = 48  # visit the site within 48 h
REPORT_DAYS = 3  # investigation report within 3 days of the investigation

OPEN_STATES = {
    "registered",
    "accepted",
    "investigating",
    "resolution",
    "awaiting_customer",
}
LOCKED_STATES = {"closed", "cancelled"}

# Allowed moves between complaint states and the level each one needs (R-201, R-1002).
# Any open complaint can also be cancelled by a quality manager.
TRANSITIONS = {
    ("registered", "accepted"): "quality_feedback.group_qf_officer",
    ("accepted", "investigating"): "quality_feedback.group_qf_officer",
    ("investigating", "resolution"): "quality_feedback.group_qf_officer",
    ("resolution", "investigating"): "quality_feedback.group_qf_officer",
    ("resolution", "awaiting_customer"): "quality_feedback.group_qf_officer",
    ("awaiting_customer", "investigating"): "quality_feedback.group_qf_officer",
    ("resolution", "closed"): "quality_feedback.group_qf_manager",
    ("awaiting_customer", "closed"): "quality_feedback.group_qf_manager",
    ("closed", "investigating"): "quality_feedback.group_qf_manager",
    ("cancelled", "registered"): "quality_feedback.group_qf_manager",
    **{
        (state, "cancelled"): "quality_feedback.group_qf_manager"
        for state in OPEN_STATES
    },
}

# Classification that only the quality office decides.
OFFICER_FIELDS = {"info_class", "abnormality_type", "non_quality_kind", "severity"}


class HelpdeskTicket(models.Model):
    """A quality complaint (客户投诉) is a ticket of a quality-feedback team.

    Sections: register and classification (SPEC C1), numbering, the guarded
    workflow, then the investigation (C2): department steps, site visit and
    report, responsibility, CAPA, the customer's reply, follow-ups, objections."""

    _inherit = "helpdesk.ticket"

    is_complaint = fields.Boolean(
        related="team_id.is_quality_feedback",
        store=True,
        index=True,
        string="Quality Complaint",
    )
    qf_state = fields.Selection(
        related="stage_id.qf_state",
        store=True,
        index=True,
        string="Complaint State",
    )

    # --- Register data (R-102, R-103) -------------------------------------------------
    product_id = fields.Many2one(index="btree_not_null")  # from helpdesk_product
    # Filtered by the ledger and grouped on by the statistics.
    commercial_partner_id = fields.Many2one(string="Customer", index="btree_not_null")
    category_id = fields.Many2one(index="btree_not_null")
    # Deleting a ticket clears the references of its duplicates: without an index that
    # is a scan of all tickets per deleted ticket (helpdesk_mgmt leaves it unindexed).
    duplicate_id = fields.Many2one(index="btree_not_null")
    qf_scope = fields.Selection(
        selection=[("external", "External (customer)"), ("internal", "Internal")],
        string="Scope",
        default="external",
        required=True,
    )
    partner_phone = fields.Char(string="Phone")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
        index="btree_not_null",
    )
    qty_affected = fields.Float(string="Quantity Affected", digits="Product Unit")
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        check_company=True,
        index="btree_not_null",
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Delivery",
        domain="[('picking_type_code', '=', 'outgoing'), ('sale_id', '=?', sale_order_id)]",
        check_company=True,
    )
    delivery_date = fields.Date(
        compute="_compute_delivery_date",
        store=True,
        readonly=False,
        help="Date the goods were delivered (交运日期); taken from the delivery.",
    )
    customer_request = fields.Text(help="What the customer asks for (客户要求).")
    current_situation = fields.Text(
        string="Current State",
        help="Current state of the goods at the customer (当前状态).",
    )
    date_received = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        index=True,
        help="When the customer's complaint reached the company.",
    )
    customer_deadline = fields.Date(
        tracking=True,
        help="Date the customer asked the complaint to be handled by (顾客指定的期限); "
        "without one, it must be handled within 5 working days.",
    )
    deadline_ids = fields.One2many(
        comodel_name="quality.deadline",
        inverse_name="ticket_id",
        string="Deadlines",
        groups="base.group_user",
    )
    qf_deadline_state = fields.Selection(
        selection=[
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("overdue", "Overdue"),
        ],
        string="Deadline Status",
        compute="_compute_qf_deadline_state",
        store=True,
        index=True,
        groups="base.group_user",
        help="The worst status of the complaint's open deadlines.",
    )
    date_registered = fields.Datetime(
        string="Registered On", readonly=True, copy=False, groups="base.group_user"
    )
    # --- Classification (R-105) -------------------------------------------------------
    info_class = fields.Selection(
        selection=[
            ("routine", "Routine Quality Information"),
            ("directive", "Directive Quality Information"),
            ("feedback", "Quality Information Needing Feedback"),
        ],
        string="Information Class",
        tracking=True,
        groups="base.group_user",
    )
    abnormality_type = fields.Selection(
        selection=[
            ("quality", "Quality Abnormality"),
            ("non_quality", "Non-Quality Abnormality"),
        ],
        string="Abnormality",
        tracking=True,
        groups="base.group_user",
    )
    non_quality_kind = fields.Selection(
        selection=[
            ("transport", "Transport"),
            ("handling", "Handling"),
            ("packaging", "Packaging"),
            ("delivery_delay", "Delivery Delay"),
            ("misuse", "Misuse"),
        ],
        string="Non-Quality Cause",
        tracking=True,
        groups="base.group_user",
    )
    severity = fields.Selection(
        selection=[("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        tracking=True,
        groups="base.group_user",
    )
    blocks_production = fields.Boolean(
        tracking=True,
        help="The problem stops the customer's production: handle it immediately.",
    )

    # --- Reminders (R-405) ---------------------------------------------------------------
    qf_survey_sent = fields.Boolean(
        string="Satisfaction Survey Sent",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    qf_return_visit_planned = fields.Boolean(
        string="Return Visit Planned",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    # --- Possible duplicates (R-106) --------------------------------------------------
    possible_duplicate_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        compute="_compute_possible_duplicate_ids",
        groups="base.group_user",
        string="Possible Duplicates",
    )

    _complaint_number_unique = models.UniqueIndex(
        "(company_id, number) WHERE is_complaint IS TRUE",
        "This complaint number is already used in this company.",
    )
    _qty_affected_positive = models.Constraint(
        "CHECK (qty_affected >= 0)", "The quantity affected cannot be negative."
    )

    @api.depends("deadline_ids.state")
    def _compute_qf_deadline_state(self):
        order = ["on_time", "at_risk", "overdue"]
        for ticket in self:
            states = [d.state for d in ticket.deadline_ids if d.state in order]
            ticket.qf_deadline_state = max(states, key=order.index) if states else False

    @api.depends("picking_id.date_done")
    def _compute_delivery_date(self):
        for ticket in self.filtered("picking_id.date_done"):
            ticket.delivery_date = ticket.picking_id.date_done.date()

    @api.depends("commercial_partner_id", "product_id", "lot_id", "date_received")
    def _compute_possible_duplicate_ids(self):
        for ticket in self:
            ticket.possible_duplicate_ids = ticket._qf_search_possible_duplicates()

    def _qf_search_possible_duplicates(self):
        """Complaints of the same customer about the same product or lot, received
        within the company's duplicate window around this one."""
        self.ensure_one()
        if not (
            self.is_complaint and self.commercial_partner_id and self.date_received
        ):
            return self.browse()
        if not (self.product_id or self.lot_id):
            return self.browse()
        window = timedelta(days=self.company_id.qf_duplicate_window_days)
        same_goods = Domain.FALSE
        if self.product_id:
            same_goods |= Domain("product_id", "=", self.product_id.id)
        if self.lot_id:
            same_goods |= Domain("lot_id", "=", self.lot_id.id)
        domain = Domain.AND(
            [
                Domain("is_complaint", "=", True),
                Domain("id", "!=", self._origin.id or 0),
                Domain("commercial_partner_id", "=", self.commercial_partner_id.id),
                Domain("date_received", ">=", self.date_received - window),
                Domain("date_received", "<=", self.date_received + window),
                same_goods,
            ]
        )
        return self.search(domain, limit=20, order="date_received desc")

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        res = super()._onchange_partner_id()
        if self.partner_id:
            self.partner_phone = self.partner_id.phone
        return res

    @api.onchange("blocks_production")
    def _onchange_blocks_production(self):
        if self.blocks_production:
            self.priority = "3"

    @api.model
    def default_get(self, fields):
        """New tickets opened from a complaint entry point go to the company's
        quality team (context key ``qf_new_complaint``)."""
        if self.env.context.get("qf_new_complaint") and not self.env.context.get(
            "default_team_id"
        ):
            team = self.env["helpdesk.ticket.team"]._qf_default_team()
            if team:
                return super(
                    HelpdeskTicket, self.with_context(default_team_id=team.id)
                ).default_get(fields)
        return super().default_get(fields)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """A quality team's kanban shows the complaint stages only."""
        team = self.env["helpdesk.ticket.team"].browse(
            self.default_get(["team_id"]).get("team_id")
        )
        if team.is_quality_feedback:
            return team._get_applicable_stages()
        return super()._read_group_stage_ids(stages, domain)

    # --- Numbering (R-104) ------------------------------------------------------------
    def _prepare_ticket_number(self, values):
        team = (
            self.env["helpdesk.ticket.team"].browse(values.get("team_id"))
            or self.team_id
        )
        if not team.is_quality_feedback:
            return super()._prepare_ticket_number(values)
        company = (
            self.env["res.company"].browse(values.get("company_id"))
            or team.company_id
            or self.company_id
            or self.env.company
        )
        company._qf_ensure_complaint_sequence()
        # sudo: users who register complaints need not read technical sequences.
        return company.sudo().qf_complaint_sequence_id.next_by_id(
            sequence_date=fields.Date.context_today(self)
        )

    # --- CRUD ---------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            self._qf_check_classification_rights({k: v for k, v in vals.items() if v})
            vals["date_registered"] = now
        tickets = super().create(vals_list)
        # sudo: deadlines are technical records kept by the workflow.
        self.env["quality.deadline"].sudo()._qf_plan_complaints(
            tickets.filtered("is_complaint"),
            ["registration", "first_answer", "proposal", "customer"],
            new=True,
        )
        return tickets

    def write(self, vals):
        complaints = self.filtered("is_complaint")
        moving = complaints and vals.get("stage_id")
        if complaints:
            complaints._qf_check_write(vals)
        if moving:
            target = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"]).qf_state
            complaints._qf_check_transition(target)
            complaints._qf_before_move(target)
        res = super().write(vals)
        if moving:
            complaints._qf_after_move()
        if complaints:
            complaints._qf_track_deadline_events(vals)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_registered_complaints(self):
        """R-1002: a complaint that was accepted or closed is a record to keep."""
        kept = self.filtered(
            lambda t: t.is_complaint and t.qf_state not in (False, "registered")
        )
        if kept:
            raise UserError(
                self.env._(
                    "Complaints %s are past registration and cannot be deleted; "
                    "cancel them instead.",
                    ", ".join(kept.mapped("number")),
                )
            )

    @api.model
    def message_new(self, msg, custom_values=None):
        """Complaints mailed to a quality team's alias come through the e-mail channel."""
        custom_values = dict(custom_values or {})
        if "channel_id" not in custom_values:
            custom_values["channel_id"] = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            ).id
        return super().message_new(msg, custom_values=custom_values)

    # --- Rules --------------------------------------------------------------------------
    @api.model
    def _qf_writable_when_locked(self, field_name):
        """Fields a closed or cancelled complaint still accepts: the stage (for a
        reopening, checked as a transition), chatter, activities, display order, the
        portal token and the reminders' flags."""
        return field_name in {
            "stage_id",
            "sequence",
            "color",
            "kanban_state",
            "access_token",
            "qf_survey_sent",
            "qf_return_visit_planned",
        } or field_name.startswith(
            ("message_", "activity_", "rating_", "website_message")
        )

    def _qf_check_write(self, vals):
        locked = self.filtered(lambda t: t.qf_state in LOCKED_STATES)
        frozen = [name for name in vals if not self._qf_writable_when_locked(name)]
        if locked and frozen:
            raise UserError(
                self.env._(
                    "Complaint %(numbers)s is closed or cancelled and cannot be changed "
                    "(%(fields)s). A quality manager can reopen it.",
                    numbers=", ".join(locked.mapped("number")),
                    fields=", ".join(self._fields[name].string for name in frozen),
                )
            )
        self._qf_check_classification_rights(vals)

    def _qf_check_locked_children(self, children, vals):
        """R-1002: the steps and actions of a closed or cancelled complaint are kept
        as they are, like the complaint itself."""
        locked = self.filtered(lambda t: t.qf_state in LOCKED_STATES)
        if locked and any(not self._qf_writable_when_locked(name) for name in vals):
            raise UserError(
                self.env._(
                    "%(records)s belong to the closed or cancelled complaint %(numbers)s "
                    "and cannot be changed.",
                    records=children._description,
                    numbers=", ".join(locked.mapped("number")),
                )
            )

    def _qf_check_classification_rights(self, vals):
        if (
            OFFICER_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group("quality_feedback.group_qf_officer")
        ):
            raise AccessError(
                self.env._("Only the quality office classifies complaints.")
            )

    def _qf_check_transition(self, target):
        """Refuse any move of the complaints' stage that the workflow does not allow."""
        labels = dict(COMPLAINT_STATES)
        for ticket in self:
            source = ticket.qf_state
            if source == target:
                continue
            group = TRANSITIONS.get((source, target))
            if not group:
                raise UserError(
                    self.env._(
                        "Complaint %(number)s cannot go from %(from_state)s to %(to_state)s.",
                        number=ticket.number,
                        from_state=labels.get(source, self.env._("no complaint state")),
                        to_state=labels.get(target, self.env._("no complaint state")),
                    )
                )
            if not self.env.user.has_group(group):
                raise AccessError(
                    self.env._(
                        "You are not allowed to move complaint %(number)s to %(to_state)s; "
                        "this needs the level %(group)s.",
                        number=ticket.number,
                        to_state=labels[target],
                        group=self.env.ref(group).name,
                    )
                )
            guard = getattr(ticket, f"_qf_guard_{target}", None)
            if guard:
                guard()

    def _qf_guard_accepted(self):
        """A complaint is accepted only once it is classified (R-105)."""
        missing = [
            self._fields[name].string
            for name in ("info_class", "abnormality_type", "severity", "category_id")
            if not self[name]
        ]
        if self.abnormality_type == "non_quality" and not self.non_quality_kind:
            missing.append(self._fields["non_quality_kind"].string)
        if self.qf_scope == "external" and not self.partner_id:
            missing.append(self._fields["partner_id"].string)
        if missing:
            raise UserError(
                self.env._(
                    "Complaint %(number)s cannot be accepted before it is classified. "
                    "Missing: %(fields)s.",
                    number=self.number,
                    fields=", ".join(missing),
                )
            )

    # --- Milestones -------------------------------------------------------------------
    date_accepted = fields.Datetime(
        string="Accepted On", readonly=True, copy=False, groups="base.group_user"
    )
    date_investigation = fields.Datetime(
        string="Investigation Started",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    # --- Department steps (R-201, R-202) ------------------------------------------------
    step_ids = fields.One2many(
        comodel_name="quality.handling.step",
        inverse_name="ticket_id",
        string="Handling Steps",
        groups="quality_feedback.group_qf_user",
    )
    department_ids = fields.Many2many(
        comodel_name="quality.department",
        string="Responsible Departments",
        compute="_compute_department_ids",
        store=True,
        check_company=True,
        groups="base.group_user",
        help="Departments with a handling step on this complaint; their members "
        "see the complaint.",
    )

    # --- Site visit and report (R-203, R-204) -------------------------------------------
    site_visit_required = fields.Boolean(
        string="Site Visit Needed", tracking=True, groups="base.group_user"
    )
    site_visit_deadline = fields.Datetime(
        compute="_compute_site_visit_deadline",
        store=True,
        groups="base.group_user",
        help="The site must be visited within 48 hours of acceptance.",
    )
    site_visit_date = fields.Datetime(
        string="Site Visited On", tracking=True, copy=False, groups="base.group_user"
    )
    investigation_report = fields.Html(copy=False, groups="base.group_user")
    investigation_report_date = fields.Date(
        string="Report Sent On",
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="Date the investigation report went to the general manager.",
    )
    investigation_report_deadline = fields.Datetime(
        compute="_compute_investigation_report_deadline",
        store=True,
        groups="base.group_user",
        help="The report goes to the general manager within 3 days of the investigation.",
    )

    # --- Responsibility (R-205) ---------------------------------------------------------
    responsible_department_id = fields.Many2one(
        comodel_name="quality.department",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        copy=False,
        groups="base.group_user",
    )
    responsible_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible Person",
        domain=[("share", "=", False)],
        tracking=True,
        copy=False,
        groups="base.group_user",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    loss_amount = fields.Monetary(
        currency_field="company_currency_id",
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="Loss charged to the responsible department and person.",
    )
    supplier_id = fields.Many2one(
        comodel_name="res.partner",
        string="Supplier at Fault",
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="Supplier of the purchased part that caused the problem.",
    )
    supplier_claim_ids = fields.One2many(
        comodel_name="quality.supplier.claim",
        inverse_name="ticket_id",
        groups="quality_feedback.group_qf_officer",
    )
    supplier_claim_count = fields.Integer(
        compute="_compute_supplier_claim_count",
        groups="quality_feedback.group_qf_officer",
    )

    # --- Handling and compensation (R-301, R-302) --------------------------------------
    handling_method = fields.Selection(
        selection=[
            ("repair", "Repair"),
            ("replacement", "Replacement"),
            ("return", "Return"),
            ("rework", "Rework"),
            ("allowance", "Allowance / Discount"),
            ("compensation", "Compensation Payment"),
            ("refund", "Refund"),
            ("recall", "Recall"),
            ("explanation", "Explanation Only"),
        ],
        tracking=True,
        groups="base.group_user",
    )
    compensation_ids = fields.One2many(
        comodel_name="quality.compensation",
        inverse_name="ticket_id",
        groups="quality_feedback.group_qf_user",
    )
    compensation_count = fields.Integer(
        compute="_compute_compensation_count", groups="quality_feedback.group_qf_user"
    )

    # --- CAPA (R-206) -------------------------------------------------------------------
    root_cause = fields.Text(copy=False, groups="base.group_user")
    action_ids = fields.One2many(
        comodel_name="quality.action",
        inverse_name="ticket_id",
        string="Corrective and Preventive Actions",
        groups="quality_feedback.group_qf_user",
    )
    resolution_note = fields.Text(
        copy=False,
        groups="base.group_user",
        help="How a non-quality complaint was resolved; required to close it.",
    )

    # --- Customer reply, follow-ups, objections (R-207, R-208) --------------------------
    customer_reply = fields.Html(
        copy=False,
        help="The result as told to the customer. Only this text is sent to the "
        "customer, never the internal complaint form.",
    )
    customer_reply_date = fields.Datetime(
        string="Customer Told On", readonly=True, copy=False
    )
    parent_complaint_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Follow-up Of",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
    followup_complaint_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="parent_complaint_id",
        string="Follow-up Complaints",
    )
    escalation_level = fields.Integer(
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Approval levels to add above what the amounts require: a follow-up "
        "after a rejected result is approved one level higher (R-207).",
    )
    objection_ids = fields.One2many(
        comodel_name="quality.objection",
        inverse_name="ticket_id",
        groups="quality_feedback.group_qf_user",
    )
    objection_count = fields.Integer(
        compute="_compute_objection_count", groups="quality_feedback.group_qf_user"
    )

    @api.depends("step_ids.department_id", "step_ids.state")
    def _compute_department_ids(self):
        for ticket in self:
            ticket.department_ids = ticket.step_ids.filtered(
                lambda s: s.state != "cancelled"
            ).department_id

    @api.depends("site_visit_required", "date_accepted")
    def _compute_site_visit_deadline(self):
        for ticket in self:
            ticket.site_visit_deadline = (
                ticket.site_visit_required
                and ticket.date_accepted
                and ticket.date_accepted + timedelta(hours=SITE_VISIT_HOURS)
            )

    @api.depends("date_investigation")
    def _compute_investigation_report_deadline(self):
        for ticket in self:
            ticket.investigation_report_deadline = (
                ticket.date_investigation
                and ticket.company_id._qf_working_deadline(
                    ticket.date_investigation, days=REPORT_DAYS
                )
            )

    def _qf_count_documents(self, model):
        """{complaint: number of its documents of ``model``}, in one grouped query."""
        return dict(
            self.env[model]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )

    def _compute_compensation_count(self):
        counts = self._qf_count_documents("quality.compensation")
        for ticket in self:
            ticket.compensation_count = counts.get(ticket, 0)

    def action_qf_view_compensations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_quality_compensation"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def _compute_supplier_claim_count(self):
        counts = self._qf_count_documents("quality.supplier.claim")
        for ticket in self:
            ticket.supplier_claim_count = counts.get(ticket, 0)

    def _compute_objection_count(self):
        counts = self._qf_count_documents("quality.objection")
        for ticket in self:
            ticket.objection_count = counts.get(ticket, 0)

    # --- Workflow hooks -----------------------------------------------------------------
    def _qf_before_move(self, target):
        """A cancelled complaint's open steps are cancelled with it."""
        if target == "cancelled":
            self.step_ids.filtered(lambda s: s.state == "open").action_cancel()

    def _qf_after_move(self):
        """Remember when the complaint was accepted and its investigation began, and
        open or close the deadlines the move starts or ends (R-401)."""
        now = fields.Datetime.now()
        # sudo: deadlines are technical records kept by the workflow.
        deadlines = self.env["quality.deadline"].sudo()
        for ticket in self:
            if ticket.qf_state == "accepted" and not ticket.date_accepted:
                ticket.date_accepted = now
            elif ticket.qf_state == "investigating" and not ticket.date_investigation:
                ticket.date_investigation = now
        by_state = self.sudo().grouped("qf_state")
        if accepted := by_state.get("accepted"):
            deadlines._qf_open_of(accepted, ["registration"])._qf_close(now)
            kinds = ["closure"]
            deadlines._qf_plan_complaints(accepted, kinds)
            deadlines._qf_plan_complaints(
                accepted.filtered("site_visit_required"), ["site_visit"]
            )
        if investigating := by_state.get("investigating"):
            deadlines._qf_plan_complaints(investigating, ["report"])
        if resolution := by_state.get("resolution"):
            deadlines._qf_open_of(resolution, ["proposal"])._qf_close(now)
        if closed := by_state.get("closed"):
            deadlines._qf_open_of(
                closed, ["proposal", "closure", "customer"]
            )._qf_close(now)
        if cancelled := by_state.get("cancelled"):
            deadlines._qf_open_of(cancelled)._qf_cancel()

    def _qf_track_deadline_events(self, vals):
        """Deadlines met by filling a field: registered and classified (R-107: within
        24 h of receipt), site visited, report sent; the customer's own deadline moved;
        a site visit asked for after acceptance."""
        deadlines = self.env["quality.deadline"].sudo()
        if OFFICER_FIELDS & set(vals):
            classified = self.sudo().filtered(
                lambda t: t.info_class and t.abnormality_type and t.severity
            )
            deadlines._qf_open_of(classified, ["registration"])._qf_close()
        if vals.get("site_visit_date"):
            for ticket in self:
                deadlines._qf_open_of(ticket, ["site_visit"])._qf_close(
                    ticket.site_visit_date
                )
        if vals.get("investigation_report_date"):
            for ticket in self:
                deadlines._qf_open_of(ticket, ["report"])._qf_close(
                    fields.Datetime.to_datetime(ticket.investigation_report_date)
                )
        if vals.get("site_visit_required"):
            deadlines._qf_plan_complaints(
                self.sudo().filtered("date_accepted"), ["site_visit"]
            )
        if "customer_deadline" in vals:
            deadlines._qf_open_of(self, ["customer"])._qf_cancel()
            deadlines._qf_plan_complaints(self.sudo(), ["customer"])

    def _qf_send_delay_notice(self):
        """R-403: tell the customer that a deadline promised to him is missed."""
        template = self.env.ref("quality_feedback.mail_template_delay_notice")
        for ticket in self.filtered("partner_id"):
            ticket.with_context(qf_delay_notice=True).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    def _qf_guard_closed(self):
        """R-206: a quality complaint closes only when all its actions are verified and
        one at least proved effective (an ineffective action stays as history next to
        the one that replaced it); a non-quality one needs a resolution note. Steps
        are finished and no objection waits for the general manager."""
        problems = []
        if self.step_ids.filtered(lambda s: s.state == "open"):
            problems.append(self.env._("some handling steps are still open"))
        if self.abnormality_type == "quality":
            if not self.action_ids:
                problems.append(self.env._("it has no corrective or preventive action"))
            elif self.action_ids.filtered(lambda a: a.state in ("open", "done")):
                problems.append(self.env._("not all actions are verified"))
            elif not self.action_ids.filtered(lambda a: a.state == "effective"):
                problems.append(self.env._("no action was verified effective"))
        elif not self.resolution_note:
            problems.append(self.env._("the resolution note is missing"))
        if self.objection_ids.filtered(lambda o: o.state == "submitted"):
            problems.append(self.env._("an objection waits for the general manager"))
        if problems:
            raise UserError(
                self.env._(
                    "Complaint %(number)s cannot be closed: %(problems)s.",
                    number=self.number,
                    problems="; ".join(problems),
                )
            )

    # --- Buttons ------------------------------------------------------------------------
    def action_qf_assign_departments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign Departments"),
            "res_model": "quality.assign.departments",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_qf_create_supplier_claim(self):
        self.ensure_one()
        if not self.supplier_id:
            raise UserError(self.env._("Set the supplier at fault first."))
        claim = self.env["quality.supplier.claim"].create(
            {
                "ticket_id": self.id,
                "supplier_id": self.supplier_id.id,
                "amount": self.loss_amount,
            }
        )
        return self._qf_open_records(claim, self.env._("Supplier Claims"))

    def action_qf_view_supplier_claims(self):
        self.ensure_one()
        return self._qf_open_records(
            self.supplier_claim_ids, self.env._("Supplier Claims")
        )

    def action_qf_view_objections(self):
        self.ensure_one()
        return self._qf_open_records(self.objection_ids, self.env._("Objections"))

    def action_qf_file_objection(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File an Objection"),
            "res_model": "quality.objection",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_qf_send_customer_reply(self):
        """Open the e-mail to the customer with the customer-facing reply only."""
        self.ensure_one()
        if not self.customer_reply:
            raise UserError(self.env._("Write the reply to the customer first."))
        # sudo: whoever writes to the customer must not promise unapproved money.
        if self.sudo().compensation_ids.filtered(
            lambda c: c.state in ("draft", "to_approve")
        ):
            raise UserError(
                self.env._(
                    "A compensation request of this complaint is not approved yet: nothing "
                    "may be promised to the customer before the approval (R-303)."
                )
            )
        template = self.env.ref("quality_feedback.mail_template_customer_reply")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "helpdesk.ticket",
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "qf_mark_customer_told": True,
            },
        }

    def _message_post_after_hook(self, message, msg_vals):
        if self.env.context.get("qf_mark_customer_told"):
            self.sudo().customer_reply_date = fields.Datetime.now()
        if (
            self.is_complaint
            and not self.env.context.get("qf_delay_notice")
            and message.message_type in ("comment", "email_outgoing")
            and not message.subtype_id.internal
            and self.partner_id in message.partner_ids
        ):
            # the first answer to the customer was given.
            # sudo: whoever answers the customer ends the deadline.
            self.env["quality.deadline"].sudo()._qf_open_of(
                self, ["first_answer"]
            )._qf_close()
        return super()._message_post_after_hook(message, msg_vals)

    def action_qf_customer_rejects(self):
        """R-207: the customer rejects the result; a follow-up complaint, linked to
        this one, is approved one level higher."""
        self.ensure_one()
        if self.qf_state not in ("awaiting_customer", "closed"):
            raise UserError(
                self.env._("Only a result told to the customer can be rejected by him.")
            )
        # sudo: the follow-up takes over the original's classification, which the
        # requester (often sales) could not set himself.
        followup = self.sudo().copy(
            {
                "name": self.env._("Follow-up: %s", self.name),
                "parent_complaint_id": self.id,
                "escalation_level": self.escalation_level + 1,
                "stage_id": self.team_id._qf_stage("registered").id,
                "date_received": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "The customer rejected the result; follow-up complaint %s opened.",
                followup.number,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._qf_open_records(followup.sudo(False), followup.display_name)

    def action_qf_view_followups(self):
        self.ensure_one()
        return self._qf_open_records(
            self.followup_complaint_ids, self.env._("Follow-up Complaints")
        )

    def _qf_open_records(self, records, name):
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": records._name,
            "domain": [("id", "in", records.ids)],
            "view_mode": "list,form",
        }
        if len(records) == 1:
            action.update(view_mode="form", res_id=records.id)
        return action

    # --- Workflow buttons -------------------------------------------------------------
    def _qf_move_to(self, state):
        for ticket in self:
            stage = ticket.team_id._qf_stage(state)
            if not stage:
                raise UserError(
                    self.env._(
                        "The team %(team)s has no stage for %(state)s.",
                        team=ticket.team_id.display_name,
                        state=dict(COMPLAINT_STATES)[state],
                    )
                )
            ticket.stage_id = stage
        return True

    def action_qf_accept(self):
        return self._qf_move_to("accepted")

    def action_qf_investigate(self):
        return self._qf_move_to("investigating")

    def action_qf_propose_resolution(self):
        return self._qf_move_to("resolution")

    def action_qf_await_customer(self):
        return self._qf_move_to("awaiting_customer")

    def action_qf_close(self):
        return self._qf_move_to("closed")

    def action_qf_cancel(self):
        return self._qf_move_to("cancelled")

    def action_qf_reopen(self):
        for ticket in self:
            ticket._qf_move_to(
                "registered" if ticket.qf_state == "cancelled" else "investigating"
            )
        return True

    # --- Reminders (R-405) ---------------------------------------------------------------
    @api.model
    def _cron_qf_satisfaction_surveys(self):
        """Ask the customer of each complaint closed since yesterday or earlier how
        satisfied he is, once."""
        complaints = self.search(
            [
                ("is_complaint", "=", True),
                ("qf_state", "=", "closed"),
                ("qf_survey_sent", "=", False),
                ("partner_id", "!=", False),
                ("closed_date", "<=", fields.Datetime.now() - timedelta(days=1)),
            ]
        )
        template = self.env.ref("quality_feedback.mail_template_satisfaction_survey")
        for complaint in complaints:
            complaint.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )
        complaints.sudo().qf_survey_sent = True
        return complaints

    @api.model
    def _cron_qf_return_visits(self):
        """Plan a return visit (回访) with the customer 6 to 12 months after the goods
        of a complaint were delivered, once per complaint."""
        today = fields.Date.context_today(self)
        complaints = self.search(
            [
                ("is_complaint", "=", True),
                ("qf_return_visit_planned", "=", False),
                ("delivery_date", "<=", today - relativedelta(months=6)),
                ("delivery_date", ">=", today - relativedelta(months=12)),
                ("partner_id", "!=", False),
            ]
        )
        for complaint in complaints:
            owner = (
                complaint.commercial_partner_id.user_id
                or complaint.user_id
                or complaint.team_id.user_id
            )
            complaint.activity_schedule(
                "quality_feedback.mail_activity_type_return_visit",
                summary=self.env._(
                    "Return visit to %s", complaint.commercial_partner_id.name
                ),
                user_id=owner.id or self.env.uid,
            )
        complaints.sudo().qf_return_visit_planned = True
        return complaints

    @api.model
    def _qf_action_new_complaint(self, defaults):
        """Window action opening a new complaint form with the given defaults."""
        team = self.env["helpdesk.ticket.team"]._qf_default_team()
        if not team:
            raise UserError(
                self.env._(
                    "No helpdesk team handles quality complaints in this company. "
                    "Tick 'Quality Complaints' on a team in Helpdesk > Configuration > Teams."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Complaint"),
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {**defaults, "default_team_id": team.id, "qf_new_complaint": 1},
        }
