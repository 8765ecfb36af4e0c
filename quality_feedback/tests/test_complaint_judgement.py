# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import QualityFeedbackCase


@tagged("post_install", "-at_install")
class TestComplaintJudgement(QualityFeedbackCase):
    """R-209..R-212: human error judged by the quality office, production
    traceability, the critical complaint's factory director and investigation team,
    the general manager's instruction, the distribution of the signed-off form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        director = "base.group_user,quality_feedback.group_qf_factory_director"
        cls.director_zh = new_test_user(
            cls.env, login="qf-director-zh", groups=director, lang="zh_CN"
        )
        cls.director_en = new_test_user(
            cls.env, login="qf-director-en", groups=director, lang="en_US"
        )
        cls.workshop = cls.env["quality.department"].create(
            {"name": "Casting Workshop", "is_workshop": True}
        )
        cls.heads = {}
        for xmlid, receives in (
            ("department_gm_office", True),
            ("department_production", True),
            ("department_rnd", True),
            ("department_finance", True),
            ("department_sales", True),
            ("department_quality", False),
            ("department_warehouse", False),
        ):
            head = cls._new_user(f"qf-head-{xmlid}", "group_qf_department")
            department = cls.env.ref(f"quality_feedback.{xmlid}")
            department.write(
                {
                    "manager_id": head.id,
                    "member_ids": [(6, 0, [])],
                    "receives_handling_forms": receives,
                }
            )
            cls.heads[xmlid] = head

    def _investigated(self, **classification):
        complaint = self._new_complaint()
        self._accept(complaint, **classification)
        complaint.with_user(self.user_officer).action_qf_investigate()
        return complaint

    def _read_form(self, user, complaint):
        """What the web client reads to show ``complaint``'s form to ``user``."""
        ticket = complaint.with_user(user)
        views = ticket.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        names = {node.get("name") for node in arch.iter("field")}
        names &= set(views["models"]["helpdesk.ticket"]["fields"])
        return ticket.web_read({name: {} for name in names})[0]

    def _decide(self, user, complaint, kind, **values):
        wizard = (
            self.env["quality.complaint.decision"]
            .with_user(user)
            .create({"ticket_id": complaint.id, "kind": kind, **values})
        )
        return wizard.action_confirm()

    # --- R-209 ----------------------------------------------------------------------
    def test_human_error_exempts_from_corrective_actions(self):
        complaint = self._investigated()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        manager = complaint.with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, "no corrective or preventive action"):
            manager.action_qf_close()
        self._decide(
            self.user_officer,
            complaint,
            "human_error",
            note="Operator skipped the torque check once.",
        )
        self.assertTrue(complaint.qf_human_error)
        self.assertEqual(complaint.qf_human_error_by_id, self.user_officer)
        self.assertTrue(complaint.qf_human_error_date)
        self.assertEqual(
            complaint.qf_human_error_reason, "Operator skipped the torque check once."
        )
        manager.action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")

    def test_withdrawn_human_error_tracks_actions_again(self):
        complaint = self._investigated()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        complaint.with_user(self.user_officer).action_qf_judge_human_error("Slip")
        complaint.with_user(self.user_officer).action_qf_withdraw_human_error()
        self.assertFalse(complaint.qf_human_error)
        with self.assertRaisesRegex(UserError, "no corrective or preventive action"):
            complaint.with_user(self.user_manager).action_qf_close()

    def test_human_error_refused_to_others_and_bad_input(self):
        complaint = self._investigated()
        self.department_production.member_ids = self.user_department
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        for user in (self.user_department, self.user_sales):
            as_user = complaint.with_user(user)
            with self.assertRaisesRegex(AccessError, "Only the quality office judges"):
                as_user.action_qf_judge_human_error("Not our fault")
            with self.assertRaisesRegex(AccessError, "change only through its buttons"):
                as_user.write({"qf_human_error": True, "qf_human_error_reason": "x"})
        with self.assertRaisesRegex(AccessError, "Only the quality office judges"):
            self._decide(self.user_department, complaint, "human_error", note="x")
        # Even the quality office cannot write the judgement around the button.
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            complaint.with_user(
                self.user_officer
            ).qf_human_error_by_id = self.user_officer
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            self._new_complaint(user=self.user_officer, qf_human_error=True)
        hostile = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_sales)
            .with_context(
                default_qf_human_error=True, default_qf_gm_instruction="Pay them"
            )
            .create(
                {
                    "name": "Hostile defaults",
                    "description": "x",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                }
            )
        )
        self.assertFalse(hostile.qf_human_error)
        self.assertFalse(hostile.qf_gm_instruction)
        officer = complaint.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            officer.action_qf_judge_human_error("  ")
        non_quality = self._investigated(
            abnormality_type="non_quality", non_quality_kind="transport"
        )
        with self.assertRaisesRegex(UserError, "Only a quality abnormality"):
            non_quality.with_user(self.user_officer).action_qf_judge_human_error("x")
        self.assertFalse(complaint.qf_human_error or non_quality.qf_human_error)
        self.assertFalse(complaint.qf_human_error_by_id)

    # --- R-210 ----------------------------------------------------------------------
    def test_traceability_filterable_and_in_the_ledger(self):
        complaint = self._new_complaint(date_received="2020-05-10 09:00:00")
        other = self._new_complaint(date_received="2020-05-11 09:00:00")
        self.department_production.member_ids = self.user_department
        self.env["quality.handling.step"].create(
            {"ticket_id": complaint.id, "department_id": self.department_production.id}
        )
        # Production reports where and when the goods were made.
        complaint.with_user(self.user_department).write(
            {
                "production_workshop_id": self.workshop.id,
                "production_shift": "night",
                "production_operator": "Zhao Qiang",
                "production_date": "2020-04-02",
            }
        )
        tickets = self.env["helpdesk.ticket"].with_user(self.user_officer)
        pair = [("id", "in", (complaint | other).ids)]
        self.assertEqual(
            tickets.search([*pair, ("production_workshop_id", "=", self.workshop.id)]),
            complaint,
        )
        self.assertEqual(
            tickets.search([*pair, ("production_operator", "ilike", "zhao")]),
            complaint,
        )
        groups = dict(
            tickets._read_group(pair, ["production_shift"], ["__count"]),
        )
        self.assertEqual(groups, {"night": 1, False: 1})
        wizard = (
            self.env["quality.complaint.report.wizard"]
            .with_user(self.user_officer)
            .create({"date_from": "2020-05-01", "date_to": "2020-05-31"})
        )
        report = self.env.ref("quality_feedback.action_report_complaint_ledger")
        content, _ext = report.with_user(self.user_officer)._render_xlsx(
            report.report_name, wizard.ids, None
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        row = next(
            r
            for r in sheet.iter_rows(min_row=2, values_only=True)
            if r[0] == complaint.number
        )
        values = dict(zip(headers, row, strict=True))
        self.assertEqual(values["Workshop"], "Casting Workshop")
        self.assertEqual(values["Shift"], "Night Shift")
        self.assertEqual(values["Operator"], "Zhao Qiang")
        self.assertEqual(values["Production Date"].date().isoformat(), "2020-04-02")

    # --- R-211 ----------------------------------------------------------------------
    def test_critical_complaint_reported_to_factory_directors(self):
        directors = self.director_zh | self.director_en

        def directors_todo(complaint):
            return complaint.activity_ids.filtered(lambda a: a.user_id in directors)

        complaint = self._investigated(severity="major")
        self.assertFalse(directors_todo(complaint))
        complaint.with_user(self.user_officer).severity = "critical"
        activities = directors_todo(complaint)
        self.assertEqual(activities.user_id, directors)
        by_user = {a.user_id: a for a in activities}
        # Each director reads the to-do in his own language.
        self.assertIn("严重", by_user[self.director_zh].summary)
        self.assertIn(complaint.number, by_user[self.director_zh].summary)
        self.assertIn("Critical complaint", by_user[self.director_en].summary)
        self.assertTrue(complaint.qf_director_notified_date)
        # The director follows the complaint and so opens its form from the to-do.
        form = self._read_form(self.director_zh, complaint)
        self.assertEqual(form["number"], complaint.number)
        self.assertTrue(form["qf_director_notified_date"])
        complaint.with_user(self.user_officer).severity = "major"
        complaint.with_user(self.user_officer).severity = "critical"
        self.assertEqual(len(directors_todo(complaint)), 2, "reported once")
        created = self._new_complaint(
            user=self.user_officer, severity="critical", abnormality_type="quality"
        )
        self.assertEqual(directors_todo(created).user_id, directors)

    def test_factory_director_forms_the_investigation_team(self):
        complaint = self._investigated(severity="critical")
        team = self.user_department | self.user_officer
        with self.assertRaisesRegex(AccessError, "Only the factory director"):
            complaint.with_user(self.user_sales).action_qf_form_investigation_team(
                team.ids
            )
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            complaint.with_user(self.user_officer).qf_investigation_team_ids = team
        self.assertFalse(complaint.qf_investigation_team_ids)
        with self.assertRaisesRegex(UserError, "made of employees"):
            complaint.with_user(self.director_en).action_qf_form_investigation_team(
                self.portal_user.ids
            )
        todo = self.env.ref("quality_feedback.mail_activity_type_investigation_team")
        self.assertIn(
            self.director_en,
            complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == todo
            ).user_id,
        )
        self._decide(self.director_en, complaint, "team", user_ids=[(6, 0, team.ids)])
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == todo),
            "the directors' to-dos are done",
        )
        self.assertEqual(complaint.qf_investigation_team_ids, team)
        self.assertEqual(complaint.qf_team_formed_by_id, self.director_en)
        self.assertTrue(complaint.qf_team_formed_date)
        self.assertLessEqual(team.partner_id, complaint.message_partner_ids)
        self.assertTrue(complaint.with_user(self.user_department).has_access("read"))

    def test_instruction_required_before_a_critical_proposal(self):
        complaint = self._investigated(severity="critical")
        officer = complaint.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "is critical: the general manager"):
            officer.action_qf_propose_resolution()
        for user in (self.user_manager, self.user_officer, self.user_sales):
            with self.assertRaisesRegex(AccessError, "Only the general manager gives"):
                complaint.with_user(user).action_qf_give_instruction("Replace all")
        with self.assertRaisesRegex(AccessError, "Only the general manager gives"):
            self._decide(self.user_manager, complaint, "instruction", note="x")
        gm = complaint.with_user(self.user_gm)
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            gm.qf_gm_instruction = "Written around the button"
        with self.assertRaisesRegex(UserError, "no investigation report yet"):
            gm.action_qf_give_instruction("Replace all bases")
        officer.write(
            {
                "investigation_report": "<p>Porous castings in one lot.</p>",
                "investigation_report_date": "2031-04-02",
            }
        )
        # The report went to the general manager: he is asked for his instruction.
        asked = self.env.ref("quality_feedback.mail_activity_type_gm_instruction")

        def instruction_todos():
            return complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == asked
            )

        self.assertIn(self.user_gm, instruction_todos().user_id)
        self.assertIn(complaint.number, instruction_todos()[0].summary)
        with self.assertRaisesRegex(UserError, "Write the instruction first"):
            gm.action_qf_give_instruction("")
        self.assertFalse(complaint.qf_gm_instruction)
        self._decide(
            self.user_gm, complaint, "instruction", note="Replace all bases of the lot."
        )
        self.assertEqual(complaint.qf_gm_instruction, "Replace all bases of the lot.")
        self.assertFalse(instruction_todos(), "every general manager's to-do is done")
        self.assertEqual(complaint.qf_gm_instruction_by_id, self.user_gm)
        self.assertTrue(complaint.qf_gm_instruction_date)
        officer.action_qf_propose_resolution()
        self.assertEqual(complaint.qf_state, "resolution")
        # A complaint that is not critical needs no instruction.
        major = self._investigated(severity="major")
        major.with_user(self.user_officer).action_qf_propose_resolution()
        self.assertEqual(major.qf_state, "resolution")

    # --- R-212 ----------------------------------------------------------------------
    def test_signed_off_form_distributed_on_close(self):
        complaint = self._investigated()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        self._add_verified_action(complaint)
        before = complaint.message_ids
        complaint.with_user(self.user_manager).action_qf_close()
        with_form = (complaint.message_ids - before).filtered("attachment_ids")
        self.assertEqual(len(with_form), 1, "one message with the form")
        receivers = self.env["res.users"].union(
            *(
                self.heads[xmlid]
                for xmlid in (
                    "department_gm_office",
                    "department_production",
                    "department_rnd",
                    "department_finance",
                    "department_sales",
                )
            )
        )
        self.assertEqual(with_form.partner_ids, receivers.partner_id)
        self.assertLessEqual(receivers.partner_id, complaint.message_partner_ids)
        self.assertNotIn(
            self.heads["department_warehouse"].partner_id,
            complaint.message_partner_ids,
        )
        self.assertTrue(with_form.subtype_id.internal)
        attachment = with_form.attachment_ids
        self.assertIn(complaint.number, attachment.name)
        self.assertTrue(attachment.raw)
        self.assertTrue(complaint.qf_form_distributed_date)
        # Each receiver reads the form; the customer never does.
        head = self.heads["department_finance"]
        self.assertTrue(attachment.with_user(head).has_access("read"))
        self.assertTrue(complaint.with_user(self.portal_user).has_access("read"))
        self.assertFalse(attachment.with_user(self.portal_user).has_access("read"))
