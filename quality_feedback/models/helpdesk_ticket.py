# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools.mail import parse_contact_from_email

from .helpdesk_ticket_workflow import GUARDED_FIELDS
from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults


class HelpdeskTicket(models.Model):
    """A quality complaint (客户投诉) is a ticket of a quality-feedback team.

    This file: register and classification (SPEC C1), numbering, creation and the
    reminders (R-405). The guarded workflow is in helpdesk_ticket_workflow.py, the
    investigation (C2) in helpdesk_ticket_investigation.py."""

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
    # A column of the ledger and a dimension of the statistics.
    channel_id = fields.Many2one(index="btree_not_null")
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
        model = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, vals_list)
            model = qf_without_guarded_defaults(self, GUARDED_FIELDS)
        for vals in vals_list:
            self._qf_check_classification_rights({k: v for k, v in vals.items() if v})
            vals["date_registered"] = now
        tickets = super(HelpdeskTicket, model).create(vals_list)
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
        if complaints and not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, [vals])
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
        """Complaints mailed to a quality team's alias come through the e-mail
        channel. The customer is the partner known by the sender's address (the
        gateway's author); an unknown sender, or a colleague forwarding the mail, is
        no customer: his name and address are kept for sales to pick or create the
        customer (issue #15)."""
        custom_values = dict(custom_values or {})
        if "channel_id" not in custom_values:
            custom_values["channel_id"] = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            ).id
        author = self.env["res.partner"].browse(msg.get("author_id"))
        if author.user_ids.filtered(lambda user: not user.share):
            author = author.browse()
        name, email = parse_contact_from_email(msg.get("email_from") or "")
        custom_values.setdefault("partner_id", author.id)
        custom_values.setdefault("partner_name", author.name or name)
        custom_values.setdefault("partner_email", author.email or email)
        return super().message_new(msg, custom_values=custom_values)

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
