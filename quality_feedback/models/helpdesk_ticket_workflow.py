# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .helpdesk_ticket_stage import COMPLAINT_STATES

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
# Fields the workflow alone sets (README, "How rules are enforced"): milestones,
# escalation, reminders' flags, the stored figures derived from the complaint.
GUARDED_FIELDS = {
    "number",
    "is_complaint",
    "qf_state",
    "date_registered",
    "date_accepted",
    "date_investigation",
    "escalation_level",
    "parent_complaint_id",
    "customer_reply_date",
    "qf_survey_sent",
    "qf_dissatisfaction_followup_id",
    "department_ids",
    "qf_deadline_state",
    "site_visit_deadline",
    "investigation_report_deadline",
}


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """The guarded complaint workflow: who may move a complaint where, the gates of
    each move (R-105, R-206), what a closed complaint still accepts (R-1002), and the
    deadlines each move opens or ends (R-401)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

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
            "qf_dissatisfaction_followup_id",
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
        for ticket in self.sudo():  # sudo: milestones are guarded fields
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
            # Closing ends every limit of the complaint: none may go overdue, escalate
            # or tell the customer of a delay afterwards.
            deadlines._qf_open_of(closed)._qf_close(now)
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
        the one that replaced it), unless the quality office judged it human error
        (R-209); a non-quality one needs a resolution note. Steps
        are finished and no objection waits for the general manager; a complaint flagged
        for the quality committee waits for its decision (R-702)."""
        problems = []
        if self.step_ids.filtered(lambda s: s.state == "open"):
            problems.append(self.env._("some handling steps are still open"))
        quality = self.abnormality_type == "quality"
        # a human error is exempt from tracked actions (免列案追踪).
        if quality and not self.qf_human_error:
            if not self.action_ids:
                problems.append(self.env._("it has no corrective or preventive action"))
            elif self.action_ids.filtered(lambda a: a.state in ("open", "done")):
                problems.append(self.env._("not all actions are verified"))
            elif not self.action_ids.filtered(lambda a: a.state == "effective"):
                problems.append(self.env._("no action was verified effective"))
        elif not quality and not self.resolution_note:
            problems.append(self.env._("the resolution note is missing"))
        if self.objection_ids.filtered(lambda o: o.state == "submitted"):
            problems.append(self.env._("an objection waits for the general manager"))
        # sudo: whoever closes, no request may stay undecided behind a closed case.
        if self.sudo().compensation_ids.filtered(
            lambda c: c.state in ("draft", "to_approve")
        ):
            problems.append(self.env._("a compensation request is not decided yet"))
        if self._qf_committee_undecided():
            problems.append(
                self.env._("the quality committee has not decided its review")
            )
        if problems:
            raise UserError(
                self.env._(
                    "Complaint %(number)s cannot be closed: %(problems)s.",
                    number=self.number,
                    problems="; ".join(problems),
                )
            )

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
