# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint, its steps, actions, objections, claims, deadlines and penalty
reviews against any caller (issue #12, classes 1-3, 6 and 7)."""

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .attack_common import AttackCase


class TestComplaintAttacks(AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._new_complaint(user=cls.user_sales)

    # --- guarded complaint fields -------------------------------------------------------
    def test_escalation_and_milestones_are_not_writable(self):
        for user in (self.user_sales, self.user_officer, self.user_manager):
            for values in (
                {"escalation_level": -3},
                {"escalation_level": 2},
                {"date_accepted": "2020-01-01 00:00:00"},
                {"date_registered": "2020-01-01 00:00:00"},
                {"qf_survey_sent": True},
                {"customer_reply_date": fields.Datetime.now()},
                {"qf_deadline_state": "on_time"},
                {"number": "QF-FORGED"},
            ):
                self.assertRefused(
                    AccessError,
                    lambda user=user, values=values: self.attacker(
                        self.complaint, user
                    ).write(values),
                    self.complaint,
                    ("escalation_level", "date_accepted", "number", "qf_survey_sent"),
                    regex="change only through its buttons",
                )

    def test_department_cannot_add_itself_to_a_complaint(self):
        self.assertRefused(
            AccessError,
            lambda: self.attacker(self.complaint, self.user_officer).write(
                {"department_ids": [fields.Command.link(self.department_rnd.id)]}
            ),
            self.complaint,
            ("department_ids",),
        )

    def test_create_with_guarded_values_or_context_defaults(self):
        Ticket = self.attacker(self.env["helpdesk.ticket"], self.user_sales)
        count = Ticket.sudo().search_count([])
        for values in (
            {"escalation_level": -1},
            {"date_accepted": "2020-01-01 00:00:00"},
            {"parent_complaint_id": self.complaint.id},
        ):
            self.assertRefused(
                AccessError,
                lambda values=values: Ticket.create(
                    {
                        "name": "Forged",
                        "description": "x",
                        "team_id": self.team.id,
                        **values,
                    }
                ),
            )
        self.assertEqual(Ticket.sudo().search_count([]), count)
        complaint = Ticket.with_context(
            default_escalation_level=2, default_qf_survey_sent=True
        ).create({"name": "Defaults", "description": "x", "team_id": self.team.id})
        self.assertEqual(complaint.sudo().escalation_level, 0)
        self.assertFalse(complaint.sudo().qf_survey_sent)

    def test_internal_note_does_not_mark_the_customer_told(self):
        self.attacker(self.complaint, self.user_sales).message_post(
            body="Note to self", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(self.complaint.customer_reply_date)
        first_answer = self.complaint.deadline_ids.filtered(
            lambda d: d.kind == "first_answer"
        )
        self.assertEqual(first_answer.state, "on_time")

    def test_last_visit_of_a_key_customer_is_not_typed_in(self):
        self.customer.qf_key_customer = True
        self.assertRefused(
            AccessError,
            lambda: self.attacker(self.customer, self.user_sales).write(
                {"qf_last_visit_date": fields.Date.today()}
            ),
            self.customer,
            ("qf_last_visit_date",),
            regex="Last Visit",
        )
        contacts = self._new_user(
            "qf-att-contacts", "group_qf_user", ",base.group_partner_manager"
        )
        partner = (
            self.env["res.partner"]
            .with_user(contacts)
            .with_context(default_qf_last_visit_date="2030-01-01")
            .create({"name": "New key customer", "qf_key_customer": True})
        )
        self.assertFalse(partner.qf_last_visit_date)
        self.customer.sudo().qf_last_visit_date = "2030-01-01"  # a real visit
        self.assertFalse(self.customer.with_user(contacts).copy().qf_last_visit_date)

    def test_sales_cannot_classify(self):
        self.assertRefused(
            AccessError,
            lambda: self.attacker(self.complaint, self.user_sales).write(
                {"severity": "minor"}
            ),
            self.complaint,
            ("severity",),
            regex="Only the quality office classifies",
        )

    # --- the workflow: each move needs its level and its gate ---------------------------
    def _resolution(self):
        complaint = self._new_complaint()
        self._classify(complaint)
        officer = complaint.with_user(self.user_officer)
        officer.action_qf_accept()
        officer.action_qf_investigate()
        officer.action_qf_propose_resolution()
        return complaint

    def _assert_close_refused(self, complaint, reason):
        """The quality manager's closing is refused for ``reason``; still open."""
        self.assertRefused(
            UserError,
            lambda: self.attacker(complaint, self.user_manager).action_qf_close(),
            complaint,
            ("stage_id",),
            regex=reason,
        )

    def test_officer_cannot_close(self):
        complaint = self._resolution()
        self._add_verified_action(complaint)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(complaint, self.user_officer).action_qf_close(),
            complaint,
            ("stage_id",),
            regex="this needs the level",
        )

    def test_stage_written_directly_or_by_its_xmlid(self):
        complaint = self._resolution()
        closed = self.team._qf_stage("closed")
        self.assertRefused(
            AccessError,
            lambda: self.attacker(complaint, self.user_officer).write(
                {"stage_id": closed.id}
            ),
            complaint,
            ("stage_id",),
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(self._new_complaint(), self.user_manager).write(
                {"stage_id": closed.id}
            ),
        )

    def test_close_gate_action_done_not_verified(self):
        complaint = self._resolution()
        self.env["quality.action"].create(
            {"ticket_id": complaint.id, "name": "Retrain", "date_done": "2025-01-01"}
        )
        self._assert_close_refused(complaint, "not all actions are verified")

    def test_close_gate_open_action_next_to_an_effective_one(self):
        complaint = self._resolution()
        self._add_verified_action(complaint)
        self.env["quality.action"].create(
            {"ticket_id": complaint.id, "name": "Retrain the night shift"}
        )
        self._assert_close_refused(complaint, "not all actions are verified")

    def test_close_gate_no_effective_action(self):
        complaint = self._resolution()
        action = self.env["quality.action"].create(
            {"ticket_id": complaint.id, "name": "Retrain", "date_done": "2025-01-01"}
        )
        action.with_user(self.user_officer).action_verify_not_effective()
        self._assert_close_refused(complaint, "no action was verified effective")

    def test_close_gate_without_action(self):
        complaint = self._resolution()
        self._assert_close_refused(complaint, "no corrective or preventive action")

    def test_close_gate_open_step(self):
        complaint = self._resolution()
        self._add_verified_action(complaint)
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_rnd.id}
        )
        self._assert_close_refused(complaint, "handling steps are still open")

    def test_close_gate_pending_compensation(self):
        complaint = self._resolution()
        self._add_verified_action(complaint)
        self.env["quality.compensation"].create(
            {"ticket_id": complaint.id, "amount": 100, "reason": "x"}
        )
        self._assert_close_refused(complaint, "compensation request is not decided")

    def test_close_gate_submitted_objection(self):
        complaint = self._resolution()
        self._add_verified_action(complaint)
        self.env["quality.objection"].create(
            {
                "ticket_id": complaint.id,
                "department_id": self.department_production.id,
                "reasons": "We did nothing wrong",
            }
        )
        self._assert_close_refused(complaint, "objection waits")

    def test_close_gate_non_quality_needs_a_note(self):
        complaint = self._new_complaint()
        self._classify(
            complaint, abnormality_type="non_quality", non_quality_kind="transport"
        )
        officer = complaint.with_user(self.user_officer)
        officer.action_qf_accept()
        officer.action_qf_investigate()
        officer.action_qf_propose_resolution()
        self._assert_close_refused(complaint, "resolution note is missing")

    # --- class 6: a closed complaint is frozen, children included ------------------------
    def test_closed_complaint_children_not_created(self):
        complaint = self.close_complaint(self._new_complaint())
        attempts = [
            (
                "quality.action",
                self.user_officer,
                {"ticket_id": complaint.id, "name": "Late action"},
            ),
            (
                "quality.handling.step",
                self.user_manager,
                {"ticket_id": complaint.id, "department_id": self.department_rnd.id},
            ),
            (
                "quality.compensation",
                self.user_officer,
                {"ticket_id": complaint.id, "amount": 10, "reason": "After closing"},
            ),
        ]
        for model, user, values in attempts:
            count = self.env[model].search_count([("ticket_id", "=", complaint.id)])
            self.assertRefused(
                UserError,
                lambda model=model, user=user, values=values: self.attacker(
                    self.env[model], user
                ).create(values),
                regex="closed or cancelled complaint",
            )
            self.assertEqual(
                self.env[model].search_count([("ticket_id", "=", complaint.id)]), count
            )
        self.assertFalse(
            complaint.deadline_ids.filtered(lambda d: d.kind == "step"),
            "no step deadline was planned",
        )

    def test_closed_complaint_children_not_changed_or_deleted(self):
        complaint = self.close_complaint(self._new_complaint())
        action = complaint.action_ids
        self.assertRefused(
            UserError,
            lambda: self.attacker(action, self.user_officer).write(
                {"name": "Rewritten"}
            ),
            action,
            ("name",),
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(action, self.user_manager).unlink(),
        )
        self.assertTrue(action.exists())

    def test_closed_complaint_keeps_its_cancelled_records(self):
        """Cancelled steps and requests may be deleted while the complaint is open;
        once it is closed they are part of its record (R-1002)."""
        complaint = self._new_complaint(user=self.user_sales)
        step = self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_rnd.id}
        )
        step.with_user(self.user_manager).action_cancel()
        request = (
            self.env["quality.compensation"]
            .with_user(self.user_sales)
            .create({"ticket_id": complaint.id, "amount": 100, "reason": "Scratches"})
        )
        request.action_cancel()
        self.close_complaint(complaint)
        for records, user in ((step, self.user_manager), (request, self.user_sales)):
            self.assertRefused(
                UserError,
                lambda records=records, user=user: self.attacker(
                    records, user
                ).unlink(),
                regex="closed or cancelled complaint",
            )
            self.assertTrue(records.exists())

    def test_handler_cannot_verify_his_own_action(self):
        complaint = self._resolution()
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        self.department_production.member_ids = [
            fields.Command.link(self.user_department.id)
        ]
        action = self.env["quality.action"].create(
            {
                "ticket_id": complaint.id,
                "name": "Fix the jig",
                "user_id": self.user_department.id,
            }
        )
        action.with_user(self.user_department).action_mark_done()
        fields_ = ("effective", "verified_by_id", "state")
        for values in (
            {"effective": "yes"},
            {"verified_by_id": self.user_manager.id, "date_verified": "2025-01-01"},
        ):
            self.assertRefused(
                AccessError,
                lambda values=values: self.attacker(action, self.user_department).write(
                    values
                ),
                action,
                fields_,
            )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(
                action, self.user_department
            ).action_verify_effective(),
            action,
            fields_,
            regex="Only the quality office verifies",
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(self.env["quality.action"], self.user_officer).create(
                {"ticket_id": complaint.id, "name": "Pre-verified", "effective": "yes"}
            ),
        )

    def test_handler_cannot_cancel_or_close_his_step(self):
        complaint = self._resolution()
        self.department_production.member_ids = [
            fields.Command.link(self.user_department.id)
        ]
        step = self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        step_fields = ("state", "date_done", "deadline")
        for values in (
            {"state": "cancelled"},
            {"state": "done"},
            {"date_done": fields.Datetime.now()},
            {"date_assigned": "2020-01-01 00:00:00"},
            {"department_id": self.department_rnd.id},
            {"ticket_id": self.complaint.id},
        ):
            self.assertRefused(
                AccessError,
                lambda values=values: self.attacker(step, self.user_department).write(
                    values
                ),
                step,
                step_fields,
            )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(step, self.user_department).action_cancel(),
            step,
            step_fields,
            regex="Only a quality manager cancels",
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(step, self.user_department).write(
                {"deadline": "2099-01-01 00:00:00"}
            ),
            step,
            step_fields,
            regex="Only the quality office moves the deadline",
        )

    def test_sales_cannot_mark_a_step_done(self):
        """Sales reads the steps of his complaint, and may not complete them."""
        complaint = self._new_complaint(user=self.user_sales)
        step = self.env["quality.handling.step"].create(
            {
                "ticket_id": complaint.id,
                "department_id": self.department_rnd.id,
                "result": "Seal replaced",
            }
        )
        self.assertTrue(self.attacker(step, self.user_sales).read(["state"]))
        self.assertRefused(
            AccessError,
            lambda: self.attacker(step, self.user_sales).action_done(),
            step,
            ("state", "date_done"),
        )

    def test_step_activity_of_another_department(self):
        complaint = self._resolution()
        step = self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_rnd.id}
        )
        outsider = self._new_user("qf-att-outsider", "group_qf_department")
        activity = (
            self.env["mail.activity"]
            .sudo()
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(
                        "quality.handling.step"
                    ),
                    "res_id": step.id,
                    "activity_type_id": self.env.ref(
                        "quality_feedback.mail_activity_type_handling_step"
                    ).id,
                    "user_id": outsider.id,
                    "summary": "Mine now",
                }
            )
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(activity, outsider).action_feedback("Done by me"),
            step,
            ("state", "result"),
        )

    def test_objection_decided_or_filed_for_someone_else(self):
        complaint = self._resolution()
        self.department_production.member_ids = [
            fields.Command.link(self.user_department.id)
        ]
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        Objection = self.attacker(self.env["quality.objection"], self.user_department)
        self.assertRefused(
            AccessError,
            lambda: Objection.create(
                {
                    "ticket_id": complaint.id,
                    "department_id": self.department_rnd.id,
                    "reasons": "In R&D's name",
                }
            ),
            regex="in its own name",
        )
        self.assertRefused(
            AccessError,
            lambda: Objection.create(
                {
                    "ticket_id": complaint.id,
                    "department_id": self.department_production.id,
                    "reasons": "Pre-decided",
                    "state": "confirmed",
                }
            ),
        )
        objection = Objection.create(
            {
                "ticket_id": complaint.id,
                "department_id": self.department_production.id,
                "reasons": "Fair objection",
            }
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(objection, self.user_department).write(
                {"state": "reopened"}
            ),
            objection,
            ("state", "decided_by_id"),
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(
                objection, self.user_manager
            ).action_reopen_complaint(),
            objection,
            ("state", "decided_by_id"),
            regex="Only the general manager",
        )

    def test_supplier_claim_state(self):
        claim = self.env["quality.supplier.claim"].create(
            {"ticket_id": self.complaint.id, "supplier_id": self.other_customer.id}
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(claim, self.user_officer).write(
                {"state": "recovered"}
            ),
            claim,
            ("state",),
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(claim, self.user_officer).action_recovered(),
            claim,
            ("state",),
        )

    def test_penalty_review_approval_and_lines(self):
        Review = self.attacker(self.env["quality.penalty.review"], self.user_gm)
        self.assertRefused(
            AccessError,
            lambda: Review.create({"period_start": "2024-01-01", "state": "approved"}),
        )
        review = Review.create({"period_start": "2024-02-01"})
        self.assertRefused(
            AccessError,
            lambda: self.attacker(review, self.user_gm).write(
                {"state": "approved", "approved_by_id": self.user_chairman.id}
            ),
            review,
            ("state", "approved_by_id"),
        )
        review.with_user(self.user_gm).action_approve()
        Line = self.attacker(self.env["quality.penalty.review.line"], self.user_gm)
        self.assertRefused(
            UserError,
            lambda: Line.create(
                {"review_id": review.id, "ticket_id": self.complaint.id}
            ),
            regex="approved penalty review cannot be changed",
        )
        self.assertFalse(review.line_ids)


class TestComplaintReads(AttackCase):
    """Class 7: documents of a complaint are read by whoever reads the complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_production.member_ids = [
            fields.Command.link(cls.user_department.id)
        ]
        cls.ours = cls._new_complaint(name="Production's")
        cls.theirs = cls._new_complaint(name="R&D's only")
        for complaint, department in (
            (cls.ours, cls.department_production),
            (cls.theirs, cls.department_rnd),
        ):
            complaint.with_user(cls.user_officer).write(
                {
                    "info_class": "feedback",
                    "abnormality_type": "quality",
                    "severity": "major",
                    "category_id": cls.category.id,
                }
            )
            complaint.with_user(cls.user_officer).action_qf_accept()
            cls.env["quality.handling.step"].create(
                {"ticket_id": complaint.id, "department_id": department.id}
            )
            cls.env["quality.action"].create(
                {"ticket_id": complaint.id, "name": f"Action of {complaint.name}"}
            )

    def test_deadlines_of_other_departments(self):
        Deadline = self.env["quality.deadline"].with_user(self.user_department)
        visible = Deadline.search([])
        self.assertIn(self.ours, visible.ticket_id)
        self.assertNotIn(self.theirs, visible.ticket_id)
        theirs = self.theirs.sudo().deadline_ids[:1]
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_department).read(["ticket_id", "display_name"])
        self.assertFalse(
            Deadline.search_count([("ticket_id.name", "ilike", "R&D's only")])
        )

    def test_actions_steps_of_other_departments(self):
        for model in ("quality.action", "quality.handling.step"):
            records = self.env[model].with_user(self.user_department).search([])
            self.assertIn(self.ours, records.ticket_id, model)
            self.assertNotIn(self.theirs, records.ticket_id, model)
            with self.assertRaises(AccessError):
                self.theirs.sudo()[
                    "action_ids" if model == "quality.action" else "step_ids"
                ].with_user(self.user_department).read(
                    ["name" if model == "quality.action" else "state"]
                )

    def test_sales_reads_deadlines_of_his_complaints_only(self):
        colleague = self._new_user("qf-att-sales-2", "group_qf_user")
        mine = self._new_complaint(user=colleague, partner_id=self.other_customer.id)
        visible = self.env["quality.deadline"].with_user(self.user_sales).search([])
        self.assertNotIn(mine, visible.ticket_id)
        self.assertTrue(
            self.env["quality.deadline"]
            .with_user(colleague)
            .search([("ticket_id", "=", mine.id)])
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(self.env["quality.deadline"], colleague).create(
                {
                    "ticket_id": mine.id,
                    "kind": "closure",
                    "date_start": fields.Datetime.now(),
                    "date_deadline": fields.Datetime.now(),
                    "date_risk": fields.Datetime.now(),
                    "date_escalate": fields.Datetime.now(),
                }
            ),
        )
        deadline = mine.sudo().deadline_ids[:1]
        self.assertRefused(
            AccessError,
            lambda: self.attacker(deadline, self.user_manager).write({"state": "met"}),
            deadline,
            ("state",),
        )


class TestClosingEndsDeadlines(AttackCase):
    """Closing a complaint ends all its deadlines; the cron leaves closed complaints
    alone: no overdue, no escalation, no delay notice to the customer afterwards."""

    def _notices(self, complaint):
        return complaint.message_ids.filtered(
            lambda m: "needs more time" in (m.subject or "")
        )

    def test_closed_complaint_is_never_overdue(self):
        with freeze_time("2025-03-03 09:00:00"):
            complaint = self.close_complaint(self._new_complaint())
        self.assertFalse(
            complaint.deadline_ids.filtered(
                lambda d: d.state in ("on_time", "at_risk", "overdue")
            ),
            complaint.deadline_ids.mapped(lambda d: (d.kind, d.state)),
        )
        with freeze_time("2025-04-30 09:00:00"):
            self.env["quality.deadline"]._qf_enforce()
        self.assertFalse(self._notices(complaint))
        self.assertFalse(complaint.deadline_ids.filtered("escalated"))

    def test_cron_cancels_what_a_closed_complaint_left_open(self):
        with freeze_time("2025-03-03 09:00:00"):
            complaint = self._new_complaint()
        first_answer = complaint.deadline_ids.filtered(
            lambda d: d.kind == "first_answer"
        )
        # A complaint closed before this rule existed: closed, deadline still open.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET stage_id = %s, qf_state = 'closed' WHERE id = %s",
            (self.team._qf_stage("closed").id, complaint.id),
        )
        complaint.invalidate_recordset()
        first_answer.sudo().write(
            {"state": "on_time", "next_check": "2025-03-03 10:00"}
        )
        with freeze_time("2025-04-30 09:00:00"):
            self.env["quality.deadline"]._qf_enforce()
        self.assertEqual(first_answer.state, "cancelled")
        self.assertFalse(self._notices(complaint))

    def test_enforcement_reads_what_its_last_batch_wrote(self):
        """Each batch is searched after the last one is flushed: otherwise the same
        deadlines come back forever (and a test that hangs proves nothing)."""
        with freeze_time("2025-03-03 09:00:00"):
            complaint = self.close_complaint(self._new_complaint())
        first_answer = complaint.deadline_ids.filtered(
            lambda d: d.kind == "first_answer"
        )
        first_answer.sudo().write(
            {"state": "on_time", "next_check": "2025-03-03 10:00"}
        )
        self.env.flush_all()  # as in the cron's own transaction: nothing pending
        rounds = []

        def commit(count):
            rounds.append(count)
            if len(rounds) > 20:
                self.fail("the same deadlines are enforced again and again")
            return 1

        with freeze_time("2025-04-30 09:00:00"):
            self.env["quality.deadline"]._qf_enforce(batch_size=1, commit=commit)
        self.assertEqual(first_answer.state, "cancelled")

    def test_delay_notice_once_through_escalation(self):
        with freeze_time("2025-03-03 09:00:00"):
            complaint = self._new_complaint()
        first_answer = complaint.deadline_ids.filtered(
            lambda d: d.kind == "first_answer"
        )
        with freeze_time(
            first_answer.date_deadline
            + (first_answer.date_deadline - first_answer.date_start) / 2
        ):
            self.env["quality.deadline"]._qf_enforce()
        self.assertEqual(first_answer.state, "overdue")
        self.assertEqual(len(self._notices(complaint)), 1)
        with freeze_time(first_answer.date_escalate):
            self.env["quality.deadline"]._qf_enforce()
        self.assertTrue(first_answer.escalated)
        self.assertEqual(len(self._notices(complaint)), 1)

    def test_delay_notice_once_when_escalated_with_new_overdues(self):
        """A deadline escalated in the same run as others going overdue at once (the
        cron did not run for a while) does not tell its customer a second time."""
        with freeze_time("2025-03-03 09:00:00"):
            early = self._new_complaint()
        early_answer = early.deadline_ids.filtered(lambda d: d.kind == "first_answer")
        with freeze_time(
            early_answer.date_deadline
            + (early_answer.date_deadline - early_answer.date_start) / 2
        ):
            self.env["quality.deadline"]._qf_enforce()
            late = self._new_complaint(name="Pump noise")
        self.assertEqual(len(self._notices(early)), 1)
        late_answer = late.deadline_ids.filtered(lambda d: d.kind == "first_answer")
        with freeze_time(max(early_answer.date_escalate, late_answer.date_escalate)):
            self.env["quality.deadline"]._qf_enforce()
        self.assertTrue(early_answer.escalated)
        self.assertTrue(late_answer.escalated)
        self.assertEqual(len(self._notices(early)), 1)
        self.assertEqual(len(self._notices(late)), 1)

    def test_notify_once_when_checked_again(self):
        """The threshold guard itself, not the next check date: a deadline looked at
        again in the same state notifies nobody."""
        with freeze_time("2025-03-03 09:00:00"):
            complaint = self._new_complaint()
        registration = complaint.deadline_ids.filtered(
            lambda d: d.kind == "registration"
        )
        at = registration.date_risk
        with freeze_time(at):
            self.env["quality.deadline"]._qf_enforce()
        self.assertEqual(registration.state, "at_risk")
        activities = complaint.activity_ids
        messages = complaint.message_ids
        registration.sudo().next_check = at
        with freeze_time(at):
            self.env["quality.deadline"]._qf_enforce()
        self.assertEqual(complaint.activity_ids, activities)
        self.assertEqual(complaint.message_ids, messages)
