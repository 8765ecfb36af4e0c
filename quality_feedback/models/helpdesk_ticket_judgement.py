# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults

OFFICER_GROUP = "quality_feedback.group_qf_officer"
GM_GROUP = "quality_feedback.group_qf_general_manager"
DIRECTOR_GROUP = "quality_feedback.group_qf_factory_director"
TEAM_ACTIVITY = "quality_feedback.mail_activity_type_investigation_team"
INSTRUCTION_ACTIVITY = "quality_feedback.mail_activity_type_gm_instruction"
# A judgement or an instruction is given while the complaint is worked on.
WORKING_STATES = ("accepted", "investigating", "resolution", "awaiting_customer")
# Written only by the buttons below, which check the caller first (README, "How
# rules are enforced").
JUDGEMENT_FIELDS = {
    "qf_human_error",
    "qf_human_error_reason",
    "qf_human_error_by_id",
    "qf_human_error_date",
    "qf_director_notified_date",
    "qf_investigation_team_ids",
    "qf_team_formed_by_id",
    "qf_team_formed_date",
    "qf_gm_instruction",
    "qf_gm_instruction_by_id",
    "qf_gm_instruction_date",
    # The distribution of the signed-off form (helpdesk_ticket_distribution.py).
    "qf_form_distributed_date",
}


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """Judgements on a complaint (SPEC C2): human error judged by the quality office
    exempts it from tracked corrective actions (R-209, 人为疏忽免列案追踪); a critical
    complaint is reported at once to the factory director, who forms the
    investigation team (R-211, 调查小组); the general manager's instruction on the
    investigation report (总经理批示), required before a critical complaint's
    handling proposal."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    # --- Human error (R-209) ------------------------------------------------------------
    qf_human_error = fields.Boolean(
        string="Human Error",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
        help="Judged by the quality office as human error (人为疏忽): the complaint "
        "closes without tracked corrective actions (免列案追踪).",
    )
    qf_human_error_reason = fields.Text(
        string="Human Error Reason",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    qf_human_error_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Human Error Judged By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    qf_human_error_date = fields.Datetime(
        string="Human Error Judged On",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    # --- Critical complaint: factory director and investigation team (R-211) ------------
    qf_director_notified_date = fields.Datetime(
        string="Factory Director Notified On",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    qf_investigation_team_ids = fields.Many2many(
        comodel_name="res.users",
        relation="helpdesk_ticket_qf_investigation_team_rel",
        column1="ticket_id",
        column2="user_id",
        string="Investigation Team",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The investigation team (调查小组) the factory director formed for a "
        "critical complaint.",
    )
    qf_team_formed_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Team Formed By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    qf_team_formed_date = fields.Datetime(
        string="Team Formed On", readonly=True, copy=False, groups="base.group_user"
    )

    # --- General manager's instruction (R-211) ------------------------------------------
    qf_gm_instruction = fields.Text(
        string="General Manager's Instruction",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
        help="The general manager's instruction (总经理批示) on the investigation "
        "report; a critical complaint needs it before its handling proposal.",
    )
    qf_gm_instruction_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Instruction Given By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    qf_gm_instruction_date = fields.Datetime(
        string="Instruction Given On",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    # --- CRUD: guards and the report to the factory director ----------------------------
    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            qf_refuse_guarded(self, JUDGEMENT_FIELDS, vals_list)
            model = qf_without_guarded_defaults(self, JUDGEMENT_FIELDS)
        tickets = super(HelpdeskTicket, model).create(vals_list)
        if any(vals.get("severity") == "critical" for vals in vals_list):
            tickets._qf_notify_factory_director()
        return tickets

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, JUDGEMENT_FIELDS, [vals])
        res = super().write(vals)
        if vals.get("severity") == "critical":
            self._qf_notify_factory_director()
        if vals.get("severity") == "critical" or vals.get("investigation_report_date"):
            self._qf_ask_instruction()
        return res

    def _qf_ask_instruction(self):
        """R-204, R-211: the investigation report of a critical complaint went to the
        general manager: each general manager of its company gets a to-do, in his own
        language, to give his instruction; done for all once one of them gives it."""
        waiting = self.filtered(
            lambda t: (
                t.is_complaint
                and t.severity == "critical"
                and t.investigation_report_date
                and not t.qf_gm_instruction
            )
        )
        if not waiting:
            return
        activity_type = self.env.ref(INSTRUCTION_ACTIVITY)
        # sudo: the general managers are found and told by the workflow.
        managers = (
            self.env.ref(GM_GROUP)
            .sudo()
            .user_ids.filtered(lambda u: u.active and not u.share)
        )
        for ticket in waiting.sudo():
            if ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            for manager in managers.filtered(
                lambda u, t=ticket: t.company_id in u.company_ids
            ):
                local = ticket.with_context(lang=manager.lang or "en_US")
                local.activity_schedule(
                    INSTRUCTION_ACTIVITY,
                    summary=local.env._(
                        "Give your instruction on the investigation report of %s",
                        ticket.number,
                    ),
                    user_id=manager.id,
                )

    def _qf_notify_factory_director(self):
        """R-211: a critical complaint is reported at once to the factory directors of
        its company: they follow it (and so read it) and get a to-do, in their own
        language, to form the investigation team. Once per complaint."""
        critical = self.filtered(
            lambda t: (
                t.is_complaint
                and t.severity == "critical"
                and not t.qf_director_notified_date
            )
        )
        if not critical:
            return
        # sudo: the directors are found and told by the workflow, whoever set the
        # severity; they need not be readable by him.
        directors = (
            self.env.ref(DIRECTOR_GROUP)
            .sudo()
            .all_user_ids.filtered(lambda u: u.active and not u.share)
        )
        now = fields.Datetime.now()
        for ticket in critical.sudo():
            readers = directors.filtered(
                lambda u, t=ticket: t.company_id in u.company_ids
            )
            if not readers:
                continue
            ticket.message_subscribe(partner_ids=readers.partner_id.ids)
            for director in readers:
                local = ticket.with_context(lang=director.lang or "en_US")
                severities = dict(
                    self._fields["severity"]._description_selection(local.env)
                )
                local.activity_schedule(
                    TEAM_ACTIVITY,
                    summary=local.env._(
                        "%(severity)s complaint %(number)s: form the investigation team",
                        severity=severities["critical"],
                        number=ticket.number,
                    ),
                    note=Markup("<p>%s</p>")
                    % local.env._(
                        "%(customer)s: %(subject)s. Form the investigation team "
                        "and follow the investigation.",
                        customer=ticket.commercial_partner_id.display_name or "",
                        subject=ticket.name,
                    ),
                    user_id=director.id,
                )
            ticket.qf_director_notified_date = now

    # --- Buttons ------------------------------------------------------------------------
    def _qf_check_working(self, what):
        for ticket in self:
            if not ticket.is_complaint or ticket.qf_state not in WORKING_STATES:
                raise UserError(
                    self.env._(
                        "%(what)s is given on an accepted complaint that is still "
                        "open; %(number)s is not.",
                        what=what,
                        number=ticket.number or ticket.display_name,
                    )
                )

    def action_qf_judge_human_error(self, reason):
        """R-209: the quality office judges the problem a human error (人为疏忽); the
        complaint then closes without tracked corrective actions."""
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._("Only the quality office judges a complaint human error.")
            )
        self._qf_check_working(self.env._("A human-error judgement"))
        if self.filtered(lambda t: t.abnormality_type != "quality"):
            raise UserError(
                self.env._(
                    "Only a quality abnormality can be judged human error; a "
                    "non-quality complaint needs no corrective actions anyway."
                )
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the human-error judgement."))
        # sudo: the judgement and who made it are guarded; the group was checked above.
        self.sudo().write(
            {
                "qf_human_error": True,
                "qf_human_error_reason": reason.strip(),
                "qf_human_error_by_id": self.env.user.id,
                "qf_human_error_date": fields.Datetime.now(),
            }
        )
        return True

    def action_qf_withdraw_human_error(self):
        """The quality office withdraws its human-error judgement: corrective actions
        are tracked again (the chatter keeps who withdrew it)."""
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._("Only the quality office judges a complaint human error.")
            )
        self._qf_check_working(self.env._("A human-error judgement"))
        # sudo: the judgement is guarded; the group was checked above.
        self.sudo().write(
            {
                "qf_human_error": False,
                "qf_human_error_reason": False,
                "qf_human_error_by_id": False,
                "qf_human_error_date": False,
            }
        )
        return True

    def action_qf_give_instruction(self, instruction):
        """R-211: the general manager's instruction (批示) on the investigation
        report, with who gave it and when."""
        if not self.env.user.has_group(GM_GROUP):
            raise AccessError(
                self.env._(
                    "Only the general manager gives an instruction on the "
                    "investigation report."
                )
            )
        self._qf_check_working(self.env._("An instruction"))
        unreported = self.filtered(lambda t: is_html_empty(t.investigation_report))
        if unreported:
            raise UserError(
                self.env._(
                    "Complaint %s has no investigation report yet to give an "
                    "instruction on.",
                    ", ".join(unreported.mapped("number")),
                )
            )
        if not (instruction or "").strip():
            raise UserError(self.env._("Write the instruction first."))
        # sudo: the instruction and who gave it are guarded; the group was checked.
        self.sudo().write(
            {
                "qf_gm_instruction": instruction.strip(),
                "qf_gm_instruction_by_id": self.env.user.id,
                "qf_gm_instruction_date": fields.Datetime.now(),
            }
        )
        # sudo: the to-dos of the other general managers are done too.
        self.sudo().activity_feedback([INSTRUCTION_ACTIVITY])
        return True

    def action_qf_form_investigation_team(self, user_ids):
        """R-211: the factory director (or the quality office for him) records the
        investigation team; its members follow the complaint and are told."""
        user = self.env.user
        if not (user.has_group(DIRECTOR_GROUP) or user.has_group(OFFICER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only the factory director or the quality office forms an "
                    "investigation team."
                )
            )
        self._qf_check_working(self.env._("An investigation team"))
        members = self.env["res.users"].sudo().browse(user_ids).exists()
        if not members or members.filtered("share"):
            raise UserError(
                self.env._("An investigation team is made of employees; choose them.")
            )
        now = fields.Datetime.now()
        # sudo: the team and who formed it are guarded; the group was checked above.
        for ticket in self.sudo():
            ticket.write(
                {
                    "qf_investigation_team_ids": [fields.Command.set(members.ids)],
                    "qf_team_formed_by_id": user.id,
                    "qf_team_formed_date": now,
                }
            )
            ticket.message_subscribe(partner_ids=members.partner_id.ids)
            ticket.activity_feedback([TEAM_ACTIVITY])
            # One note to several readers: in the company's language.
            local = ticket.with_context(lang=ticket._qf_company_lang())
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % local.env._(
                    "Investigation team formed by %(user)s: %(members)s.",
                    user=user.name,
                    members=", ".join(members.mapped("name")),
                ),
                partner_ids=members.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _qf_company_lang(self):
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang or "en_US"

    # --- Gate of the handling proposal (R-211) -------------------------------------------
    def _qf_guard_resolution(self):
        """A critical complaint goes to the handling proposal only after the general
        manager's instruction on its investigation report."""
        if self.severity == "critical" and not self.qf_gm_instruction:
            raise UserError(
                self.env._(
                    "Complaint %s is critical: the general manager gives his "
                    "instruction on the investigation report before the handling "
                    "proposal.",
                    self.number,
                )
            )

    # --- Dialogs ------------------------------------------------------------------------
    def _qf_decision_dialog(self, kind, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "quality.complaint.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id, "default_kind": kind},
        }

    def action_qf_open_human_error(self):
        return self._qf_decision_dialog("human_error", self.env._("Judge Human Error"))

    def action_qf_open_instruction(self):
        return self._qf_decision_dialog("instruction", self.env._("Give Instruction"))

    def action_qf_open_team(self):
        dialog = self._qf_decision_dialog("team", self.env._("Form Investigation Team"))
        dialog["context"]["default_user_ids"] = self.qf_investigation_team_ids.ids
        return dialog
