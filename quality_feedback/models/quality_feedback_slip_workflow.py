# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .quality_feedback_slip import SLIP_LEVELS
from .quality_reader import qf_for_company, qf_for_reader, qf_reader_today

SLIP_ACTIVITY = "quality_feedback.mail_activity_type_feedback_slip"
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(SLIP_LEVELS)}


class QualityFeedbackSlip(models.Model):
    """The slip's buttons (R-701, R-704): send, answer, pass up one level, close,
    cancel. Each checks the caller, then writes the guarded fields in sudo."""

    _inherit = "quality.feedback.slip"

    def action_send(self):
        """R-701: the receiving department's handlers get the slip on their to-do
        list, with its answer limit on the company calendar."""
        self._qf_check_sender(self.env._("send"))
        self._qf_check_state(("draft",), self.env._("sent"))
        now = fields.Datetime.now()
        for slip in self:
            # sudo: state, level and history are guarded; the sender was checked.
            slip.sudo().write(
                {
                    "state": "sent",
                    "date_sent": now,
                    "level": slip.department_id.qf_slip_level,
                }
            )
            slip._qf_receive(slip.sender_department_id, now)
        return True

    def _qf_receive(self, from_department, now, note=False):
        """The current receiving department takes the slip from ``now``: a hop in
        the history, an answer deadline, an activity for each of its handlers."""
        self.ensure_one()
        # sudo: the history and the deadlines are written by the workflow only.
        self.env["quality.feedback.slip.hop"].sudo().create(
            {
                "slip_id": self.id,
                "from_department_id": from_department.id,
                "to_department_id": self.department_id.id,
                "level": self.level,
                "note": note,
                "user_id": self.env.uid,
                "date_from": now,
            }
        )
        deadline = self.env["quality.deadline"].sudo()._qf_plan_slip(self, now)
        # sudo: the due date shown on the slip is the enforced deadline's.
        self.sudo().date_deadline = deadline.date_deadline
        department = self.department_id
        # One read of the handlers (manager and members prefetched together).
        handlers = (
            self.env["res.users"]
            .browse((department.manager_id | department.member_ids).ids)
            .filtered("active")
        )
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(SLIP_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        due = deadline.date_deadline or now
        # One insert for all handlers: the slip is on their to-do list and they
        # follow it, without an assignment e-mail each (R-701 asks for the list).
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": self.id,
                    "res_name": self.display_name,
                    "activity_type_id": activity_type_id,
                    "automated": True,
                    "summary": self.subject,
                    "user_id": user.id,
                    # The due day in the handler's own time zone.
                    "date_deadline": qf_reader_today(self, user, due),
                }
                for user in handlers
            ]
        )

    def _qf_leave(self, now, feedback):
        """The current receiving department is done with the slip: its hop ends,
        its deadline is met or missed, its activities are done."""
        # sudo: history, deadlines and the handlers' activities belong to the workflow.
        self.hop_ids.sudo().filtered(lambda h: not h.date_to).date_to = now
        self.env["quality.deadline"].sudo()._qf_open_of_slips(self)._qf_close(now)
        self.sudo().activity_feedback([SLIP_ACTIVITY], feedback=feedback)

    def _qf_answer(self, answer):
        """The receiving department answers; the sender is told (R-701)."""
        if not (answer or "").strip():
            raise UserError(self.env._("Write the answer before answering the slip."))
        self._qf_check_receiver(self.env._("answer"))
        self._qf_check_state(("sent",), self.env._("answered"))
        now = fields.Datetime.now()
        for slip in self:
            slip._qf_leave(now, qf_for_company(slip).env._("Answered."))
            # sudo: the answer and its author are guarded; the receiver was checked.
            slip.sudo().write(
                {
                    "state": "answered",
                    "answer": answer.strip(),
                    "answered_by_id": self.env.uid,
                    "answered_on": now,
                    "answered_late": bool(
                        slip.date_deadline and now > slip.date_deadline
                    ),
                }
            )
            # The answer goes to the sender: in his language.
            slip.message_post(
                body=qf_for_reader(slip, slip.user_id).env._(
                    "Answer: %(answer)s", answer=answer.strip()
                ),
                partner_ids=slip.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _qf_pass_up(self, department, note):
        """R-704: the receiving department passes the slip one level up, to a
        department of the next level, with a note. The time it held the slip is
        kept; the next department's answer limit counts from now."""
        self.ensure_one()
        self._qf_check_receiver(self.env._("pass up"))
        self._qf_check_state(("sent",), self.env._("passed up"))
        if not (note or "").strip():
            raise UserError(self.env._("Say why the slip goes up a level."))
        if LEVEL_RANK[department.qf_slip_level] != LEVEL_RANK[self.level] + 1:
            raise UserError(
                self.env._(
                    "%(department)s is not one level above %(slip)s: a slip goes up "
                    "one level at a time, to the quality office last.",
                    department=department.name,
                    slip=self.name,
                )
            )
        now = fields.Datetime.now()
        current = self.department_id
        self._qf_leave(
            now,
            qf_for_company(self).env._(
                "Passed up to %(department)s.", department=department.name
            ),
        )
        # sudo: receiver and level are fixed once sent; the receiver was checked.
        self.sudo().write(
            {"department_id": department.id, "level": department.qf_slip_level}
        )
        self._qf_receive(current, now, note=note.strip())
        return True

    def action_close(self):
        """The sender (or the quality office) closes an answered slip; a flagged one
        once the quality committee decided (R-702)."""
        self._qf_check_sender(self.env._("close"))
        self._qf_check_state(("answered",), self.env._("closed"))
        self._qf_check_committee_decided()
        # sudo: the state is guarded; the sender was checked.
        self.sudo().state = "closed"
        return True

    def action_cancel(self):
        """The sender withdraws a slip that has not been answered."""
        self._qf_check_sender(self.env._("cancel"))
        self._qf_check_state(("draft", "sent"), self.env._("cancelled"))
        now = fields.Datetime.now()
        for slip in self:
            # sudo: history, deadlines and activities belong to the workflow.
            slip.hop_ids.sudo().filtered(lambda h: not h.date_to).date_to = now
            self.env["quality.deadline"].sudo()._qf_open_of_slips(slip)._qf_cancel()
            slip.sudo().activity_unlink([SLIP_ACTIVITY])
        # sudo: the state is guarded; the sender was checked.
        self.sudo().state = "cancelled"
        return True

    def action_qf_answer_wizard(self):
        self.ensure_one()
        self._qf_check_receiver(self.env._("answer"))
        return self._qf_wizard("quality.feedback.slip.answer", self.env._("Answer"))

    def action_qf_pass_up_wizard(self):
        self.ensure_one()
        self._qf_check_receiver(self.env._("pass up"))
        return self._qf_wizard(
            "quality.feedback.slip.pass", self.env._("Pass Up One Level")
        )

    def _qf_wizard(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_slip_id": self.id},
        }
