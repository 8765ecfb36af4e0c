# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import QualityFeedbackCase


class TestComplaintInvestigation(QualityFeedbackCase):
    """SPEC C2: department steps on the working calendar, responsibility, CAPA that
    gates closure, customer rejection and objections (R-201..R-208)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {"name": "Factory 8-17, UTC", "tz": "UTC", "hours_per_day": 8}
        )
        cls.env.company.resource_calendar_id = calendar
        # Monday 10 March 2031 is a public holiday.
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2031, 3, 10, 0, 0),
                "date_to": datetime(2031, 3, 10, 23, 59),
            }
        )
        cls.handler_production = cls._new_user("qf-production", "group_qf_department")
        cls.handler_rnd = cls._new_user("qf-rnd", "group_qf_department")
        cls.department_production.write(
            {"member_ids": [(6, 0, cls.handler_production.ids)], "manager_id": False}
        )
        cls.department_rnd.write(
            {"member_ids": [(6, 0, cls.handler_rnd.ids)], "manager_id": False}
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Shanghai Castings", "is_company": True}
        )

    def _assign(self, complaint, *departments):
        wizard = (
            self.env["quality.assign.departments"]
            .with_user(self.user_manager)
            .create(
                {
                    "ticket_id": complaint.id,
                    "department_ids": [(6, 0, [d.id for d in departments])],
                    "instructions": "Find the cause.",
                }
            )
        )
        wizard.action_assign()
        return complaint.step_ids

    def _investigated(self, **classification):
        complaint = self._new_complaint()
        self._accept(complaint, **classification)
        complaint.with_user(self.user_officer).action_qf_investigate()
        return complaint

    def _complete(self, step, user, result="Checked"):
        step = step.with_user(user)
        step.result = result
        step.action_done()

    def test_step_deadlines_skip_weekend_and_public_holiday(self):
        complaint = self._new_complaint()
        self._accept(complaint)
        with freeze_time("2031-03-07 10:00:00"):  # Friday
            steps = self._assign(
                complaint, self.department_production, self.department_rnd
            )
        by_department = {step.department_id: step for step in steps}
        # R&D: one working day = 8 h: Friday 10-17 (6 h), Monday is a holiday,
        # Tuesday 8-10 (2 h).
        self.assertEqual(
            by_department[self.department_rnd].deadline, datetime(2031, 3, 11, 10)
        )
        # Production: two working days = 16 h: Friday 6 h, Tuesday 8 h, Wednesday 2 h.
        self.assertEqual(
            by_department[self.department_production].deadline,
            datetime(2031, 3, 12, 10),
        )
        self.assertEqual(
            complaint.department_ids, self.department_production | self.department_rnd
        )
        with freeze_time("2031-03-11 11:00:00"):
            self.assertTrue(by_department[self.department_rnd].is_late)
            self.assertFalse(by_department[self.department_production].is_late)
            late = self.env["quality.handling.step"].search(
                [("is_late", "=", True), ("ticket_id", "=", complaint.id)]
            )
            self.assertEqual(late, by_department[self.department_rnd])

    def test_step_gets_activity_for_its_owner(self):
        complaint = self._investigated()
        self.department_production.manager_id = self.handler_production
        step = self._assign(complaint, self.department_production)
        self.assertEqual(step.user_id, self.handler_production)
        activity = step.activity_ids
        self.assertEqual(activity.user_id, self.handler_production)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("quality_feedback.mail_activity_type_handling_step"),
        )

    def test_step_done_from_the_activity(self):
        complaint = self._investigated()
        self.department_production.manager_id = self.handler_production
        step = self._assign(complaint, self.department_production)
        step.activity_ids.with_user(self.handler_production).action_feedback(
            feedback="Runner batch 17 was out of tolerance."
        )
        self.assertEqual(step.state, "done")
        self.assertEqual(step.result, "Runner batch 17 was out of tolerance.")

    def test_handlers_see_and_complete_only_their_departments_steps(self):
        complaint = self._investigated()
        steps = self._assign(complaint, self.department_production, self.department_rnd)
        production = steps.filtered(
            lambda s: s.department_id == self.department_production
        )
        rnd = steps - production
        Steps = self.env["quality.handling.step"].with_user(self.handler_production)
        self.assertEqual(Steps.search([("ticket_id", "=", complaint.id)]), production)
        with self.assertRaises(AccessError):
            rnd.with_user(self.handler_production).read(["result"])
        with self.assertRaises(AccessError):
            self._complete(rnd, self.handler_production)
        self._complete(production, self.handler_production)
        self.assertEqual(production.state, "done")
        self.assertEqual(rnd.state, "open")
        # The handler sees the complaint of his department, not others.
        self.assertTrue(complaint.with_user(self.handler_production).read(["number"]))

    def test_step_needs_a_result_and_is_done_once(self):
        complaint = self._investigated()
        step = self._assign(complaint, self.department_production)
        with self.assertRaisesRegex(UserError, "Write the result"):
            step.with_user(self.handler_production).action_done()
        self._complete(step, self.handler_production)
        with self.assertRaisesRegex(UserError, "already done"):
            step.with_user(self.handler_production).action_done()
        with self.assertRaisesRegex(AccessError, "quality manager"):
            step.with_user(self.handler_production).action_cancel()

    def test_closing_waits_for_verified_actions(self):
        complaint = self._investigated()
        step = self._assign(complaint, self.department_production)
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        manager = complaint.with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, "handling steps are still open"):
            manager.action_qf_close()
        self._complete(step, self.handler_production)
        with self.assertRaisesRegex(UserError, "no corrective or preventive action"):
            manager.action_qf_close()
        action = self.env["quality.action"].create(
            {
                "ticket_id": complaint.id,
                "name": "Change the runner supplier",
                "user_id": self.handler_production.id,
                "due_date": "2031-04-01",
            }
        )
        with self.assertRaisesRegex(UserError, "not all actions are verified"):
            manager.action_qf_close()
        with self.assertRaisesRegex(UserError, "must be done before it is verified"):
            action.with_user(self.user_officer).action_verify_effective()
        action.with_user(self.handler_production).action_mark_done()
        with self.assertRaisesRegex(UserError, "Only the quality office verifies"):
            action.with_user(self.handler_production).action_verify_effective()
        action.with_user(self.user_officer).action_verify_not_effective()
        with self.assertRaisesRegex(UserError, "no action was verified effective"):
            manager.action_qf_close()
        second = action.copy({"name": "Inspect every runner batch"})
        self.assertEqual(second.state, "open")
        with self.assertRaisesRegex(UserError, "not all actions are verified"):
            manager.action_qf_close()
        second.action_mark_done()
        second.with_user(self.user_officer).action_verify_effective()
        with self.assertRaisesRegex(UserError, "already verified"):
            second.with_user(self.user_officer).action_verify_effective()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            action.with_user(self.user_manager).unlink()  # history of what failed
        manager.action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")
        self.assertEqual(second.verified_by_id, self.user_officer)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            second.with_user(self.user_officer).name = "Rewritten"

    def test_non_quality_complaint_closes_with_resolution_note(self):
        complaint = self._investigated(
            abnormality_type="non_quality", non_quality_kind="transport"
        )
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        with self.assertRaisesRegex(UserError, "resolution note is missing"):
            complaint.with_user(self.user_manager).action_qf_close()
        complaint.with_user(
            self.user_officer
        ).resolution_note = "Carrier pays the damage."
        complaint.with_user(self.user_manager).action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")

    def test_cancelling_a_complaint_cancels_its_open_steps(self):
        complaint = self._investigated()
        step = self._assign(complaint, self.department_production)
        complaint.with_user(self.user_manager).action_qf_cancel()
        self.assertEqual(step.state, "cancelled")
        self.assertFalse(step.activity_ids)

    def test_site_visit_and_report_deadlines(self):
        with freeze_time("2031-03-07 10:00:00"):  # Friday
            complaint = self._new_complaint(site_visit_required=True)
            self._accept(complaint)
            complaint.with_user(self.user_officer).action_qf_investigate()
        self.assertEqual(complaint.site_visit_deadline, datetime(2031, 3, 9, 10))
        # Three working days: Friday 6 h, (holiday), Tuesday 8 h, Wednesday 8 h,
        # Thursday 2 h.
        self.assertEqual(
            complaint.investigation_report_deadline, datetime(2031, 3, 13, 10)
        )

    def test_supplier_claim_visible_from_vendor(self):
        complaint = self._investigated()
        complaint.write({"supplier_id": self.supplier.id, "loss_amount": 1200})
        action = complaint.with_user(
            self.user_officer
        ).action_qf_create_supplier_claim()
        claim = self.env["quality.supplier.claim"].browse(action["res_id"])
        self.assertEqual(claim.amount, 1200)
        self.assertEqual(claim.supplier_id, self.supplier)
        self.assertEqual(
            self.supplier.with_user(self.user_officer).qf_supplier_claim_count, 1
        )
        claim.action_claim()
        with self.assertRaisesRegex(UserError, "Only Draft claims"):
            claim.action_claim()
        claim.action_recovered()
        self.assertEqual(claim.state, "recovered")

    def _resolved_for_customer(self):
        complaint = self._investigated(
            abnormality_type="non_quality", non_quality_kind="handling"
        )
        self._complete(
            self._assign(complaint, self.department_production), self.handler_production
        )
        complaint.with_user(self.user_officer).write(
            {
                "resolution_note": "Replaced",
                "root_cause": "Forklift damage in our warehouse",
                "loss_amount": 900,
                "customer_reply": "<p>We replace the two pumps free of charge.</p>",
            }
        )
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        return complaint

    def test_customer_reply_holds_customer_facing_text_only(self):
        complaint = self._resolved_for_customer()
        action = complaint.with_user(self.user_officer).action_qf_send_customer_reply()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({})
        )
        self.assertIn("We replace the two pumps free of charge.", composer.body)
        for internal in ("Forklift", "900"):
            self.assertNotIn(internal, composer.body)
        composer.action_send_mail()
        self.assertTrue(complaint.customer_reply_date)
        message = complaint.message_ids[0]
        self.assertIn(self.customer, message.partner_ids)

    def test_customer_rejection_opens_linked_follow_up(self):
        complaint = self._resolved_for_customer()
        with self.assertRaisesRegex(UserError, "Only a result told to the customer"):
            complaint.with_user(self.user_sales).action_qf_customer_rejects()
        complaint.with_user(self.user_officer).action_qf_await_customer()
        action = complaint.with_user(self.user_sales).action_qf_customer_rejects()
        followup = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(followup.parent_complaint_id, complaint)
        self.assertEqual(complaint.followup_complaint_ids, followup)
        self.assertEqual(followup.escalation_level, 1)
        self.assertEqual(followup.qf_state, "registered")
        self.assertTrue(followup.number.startswith("QF"))
        self.assertNotEqual(followup.number, complaint.number)
        self.assertEqual(followup.abnormality_type, "non_quality")
        # A second rejection goes one level higher again.
        self._accept(
            followup, abnormality_type="non_quality", non_quality_kind="handling"
        )
        followup.with_user(self.user_officer).write(
            {"resolution_note": "Refund", "customer_reply": "<p>Refund</p>"}
        )
        followup.with_user(self.user_officer).action_qf_investigate()
        followup.with_user(self.user_officer).action_qf_propose_resolution()
        followup.with_user(self.user_officer).action_qf_await_customer()
        action = followup.with_user(self.user_sales).action_qf_customer_rejects()
        self.assertEqual(
            self.env["helpdesk.ticket"].browse(action["res_id"]).escalation_level, 2
        )

    def _objection(self, complaint):
        return (
            self.env["quality.objection"]
            .with_user(self.handler_production)
            .create(
                {"ticket_id": complaint.id, "reasons": "The runners met the drawing."}
            )
        )

    def test_objection_needs_a_decision(self):
        complaint = self._investigated()
        # Production has a step: it sees the complaint, but there is no decision yet.
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        with self.assertRaisesRegex(UserError, "has none yet"):
            self._objection(complaint)

    def test_objection_confirmed_lets_closure_go_on(self):
        complaint = self._resolved_for_customer()
        objection = self._objection(complaint)
        self.assertEqual(objection.department_id, self.department_production)
        activity = objection.activity_ids
        self.assertIn(self.user_gm, activity.user_id)  # every general manager is asked
        with self.assertRaisesRegex(
            UserError, "objection waits for the general manager"
        ):
            complaint.with_user(self.user_manager).action_qf_close()
        with self.assertRaisesRegex(AccessError, "Only the general manager"):
            objection.with_user(self.user_manager).action_confirm_decision()
        objection.with_user(self.user_gm).action_confirm_decision()
        self.assertEqual(objection.state, "confirmed")
        self.assertEqual(objection.decided_by_id, self.user_gm)
        self.assertFalse(objection.activity_ids)
        with self.assertRaisesRegex(UserError, "already decided"):
            objection.with_user(self.user_gm).action_reopen_complaint()
        complaint.with_user(self.user_manager).action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")

    def test_objection_reopens_the_complaint(self):
        complaint = self._resolved_for_customer()
        objection = self._objection(complaint)
        objection.with_user(self.user_gm).action_reopen_complaint()
        self.assertEqual(objection.state, "reopened")
        self.assertEqual(complaint.qf_state, "investigating")

    def test_milestone_dates(self):
        with freeze_time("2031-03-07 09:00:00"):
            complaint = self._new_complaint()
            self._accept(complaint)
        with freeze_time("2031-03-07 11:00:00"):
            complaint.with_user(self.user_officer).action_qf_investigate()
        self.assertEqual(complaint.date_accepted, datetime(2031, 3, 7, 9))
        self.assertEqual(complaint.date_investigation, datetime(2031, 3, 7, 11))
        self.assertEqual(
            fields.Date.to_string(complaint.date_accepted.date()), "2031-03-07"
        )
