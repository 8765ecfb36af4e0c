# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .quality_reader import qf_for_company

SITE_VISIT_HOURS = 48  # visit the site within 48 h
REPORT_DAYS = 3  # investigation report within 3 days of the investigation


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """The investigation of a complaint (SPEC C2): department steps, site visit and
    report, responsibility, handling and compensation, CAPA, the customer's reply,
    follow-ups and objections."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

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
        to_customer = (
            self.is_complaint
            and message.message_type in ("comment", "email_outgoing")
            and not message.subtype_id.internal
            and self.partner_id in message.partner_ids
        )
        if to_customer and self.env.context.get("qf_mark_customer_told"):
            # sudo: the date is guarded; a message that reached the customer sets it.
            self.sudo().customer_reply_date = fields.Datetime.now()
        if to_customer and not self.env.context.get("qf_delay_notice"):
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
        followup = self._qf_create_followup(self.env._("Follow-up: %s", self.name))
        self.message_post(
            body=qf_for_company(self).env._(
                "The customer rejected the result; follow-up complaint %s opened.",
                followup.number,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._qf_open_records(followup.sudo(False), followup.display_name)

    def _qf_create_followup(self, name):
        """A follow-up complaint linked to this one, approved one level higher
        (R-207), registered now."""
        self.ensure_one()
        # sudo: the follow-up takes over the original's classification, which the
        # requester (often sales) could not set himself.
        return self.sudo().copy(
            {
                "name": name,
                "parent_complaint_id": self.id,
                "escalation_level": self.escalation_level + 1,
                "stage_id": self.team_id._qf_stage("registered").id,
                "date_received": fields.Datetime.now(),
            }
        )

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
