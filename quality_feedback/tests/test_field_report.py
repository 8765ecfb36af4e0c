# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from datetime import datetime

from lxml import etree
from psycopg2 import errors

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .attack_common import HOSTILE_CONTEXT, AttackCase
from .service_common import ServiceCase

GUARDED = {
    "name": "FR0000-9999",
    "state": "acknowledged",
    "date_submitted": datetime(2025, 3, 1),
    "acknowledged_on": datetime(2025, 3, 2),
    "acknowledge_comment": "Forged",
    "blocks_expense_claim": False,
}
WATCHED = (
    "name",
    "state",
    "user_id",
    "fsm_order_id",
    "acknowledged_by_id",
    "acknowledged_on",
    "blocks_expense_claim",
    "work_done",
)


class TestFieldReport(ServiceCase, AttackCase):
    """Field reports (维修或调试报告, SPEC R-703): filed by the technician against his
    service order or a complaint, acknowledged by the quality office, blocking the
    author's expense claim until then; tried by the real users and as attackers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_officer.lang = "zh_CN"
        # The quality office (全质办): its manager and an officer get the to-do.
        cls.env.ref("quality_feedback.department_quality").write(
            {
                "company_id": cls.env.company.id,
                "qf_slip_level": "quality",
                "manager_id": cls.user_manager.id,
                "member_ids": [(6, 0, cls.user_officer.ids)],
            }
        )
        cls.order = cls._register()
        cls.other_order = cls._register(description="Motor hums")
        cls.Report = cls.env["quality.field.report"]

    def setUp(self):
        super().setUp()
        self._dispatch(self.order)
        self._dispatch(self.other_order, self.technician_2)

    def _new_report(self, user=None, order=None, **values):
        return self.Report.with_user(user or self.user_technician).create(
            {
                "fsm_order_id": (order or self.order).id,
                "kind": "repair",
                "date_from": "2025-03-03",
                "date_to": "2025-03-04",
                "place": "Pump house, line 2",
                "work_done": "Replaced the bearing and the seal.",
                "problems_found": "Bearing worn out.",
                "causes": "No grease since installation.",
                "parts_used": "1 bearing 6204, 1 shaft seal",
                "travel_expense": 260.0,
                **values,
            }
        )

    def _submitted(self, **values):
        report = self._new_report(**values)
        report.action_submit()
        return report

    def _review(self, report, user, mode="acknowledge", comment=False):
        wizard = (
            self.env["quality.field.report.review"]
            .with_user(user)
            .create({"report_id": report.id, "mode": mode, "comment": comment})
        )
        return wizard.action_confirm()

    # --- The way it should go ---------------------------------------------------------
    def test_author_files_and_submits(self):
        report = self._new_report()
        self.assertRegex(report.name, r"^FR\d{4}-\d{4}$")
        self.assertEqual(report.user_id, self.user_technician)
        self.assertEqual(report.partner_id, self.customer)
        self.assertEqual(report.company_id, self.order.company_id)
        self.assertEqual(report.state, "draft")
        self.assertTrue(report.blocks_expense_claim)
        self.assertEqual(
            self.order.with_user(self.user_technician).qf_field_report_count, 1
        )
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.date_submitted)
        self.assertTrue(report.blocks_expense_claim)
        self.assertEqual(
            report.activity_ids.user_id, self.user_manager | self.user_officer
        )
        self.assertEqual(len(report.activity_ids), 2)

    def test_submit_needs_the_work_done(self):
        report = self._new_report(work_done="  ")
        with self.assertRaises(ValidationError):
            report.action_submit()
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.activity_ids)

    def test_quality_officer_acknowledges(self):
        report = self._submitted()
        self._review(report, self.user_officer, comment="Noted: grease plan.")
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, self.user_officer)
        self.assertTrue(report.acknowledged_on)
        self.assertEqual(report.acknowledge_comment, "Noted: grease plan.")
        self.assertFalse(report.blocks_expense_claim)
        self.assertFalse(report.activity_ids)
        # Frozen afterwards.
        with self.assertRaises(UserError):
            report.with_user(self.user_technician).work_done = "Changed later"

    def test_return_to_author_with_reason(self):
        report = self._submitted()
        with self.assertRaises(UserError):
            self._review(report, self.user_officer, mode="return", comment=" ")
        self.assertEqual(report.state, "submitted")
        self._review(
            report, self.user_officer, mode="return", comment="Parts list missing"
        )
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.activity_ids)
        message = report.message_ids.filtered(
            lambda m: "Parts list missing" in (m.body or "")
        )
        self.assertIn("<p>Parts list missing</p>", message.body)
        self.assertIn(self.user_technician.partner_id, message.partner_ids)
        report.with_user(self.user_technician).parts_used = "1 bearing, 1 seal, grease"
        report.with_user(self.user_technician).action_submit()
        self.assertEqual(report.state, "submitted")

    def test_activity_summary_in_the_officers_language(self):
        self.user_manager.lang = "en_US"
        report = self._submitted()
        summaries = {a.user_id: a.summary for a in report.activity_ids}
        author = self.user_technician.name
        self.assertEqual(
            summaries[self.user_officer],
            f"请确认{author}的维修报告 {report.name}",
        )
        self.assertEqual(
            summaries[self.user_manager],
            f"Acknowledge the repair report {report.name} of {author}",
        )

    def test_report_on_a_complaint(self):
        complaint = self._new_complaint(user=self.user_sales)
        report = self.Report.with_user(self.user_officer).create(
            {"ticket_id": complaint.id, "date_from": "2025-03-03", "work_done": "x"}
        )
        self.assertEqual(report.partner_id, complaint.partner_id)
        self.assertEqual(complaint.with_user(self.user_sales).qf_field_report_count, 1)
        # The salesman reads the complaint, hence its report; another does not.
        self.assertEqual(self.Report.with_user(self.user_sales).search([]), report)
        other_sales = self._new_user("qf-sales-2", "group_qf_user")
        self.assertFalse(self.Report.with_user(other_sales).search([]))

    def test_blocking_filter_lists_unacknowledged_reports(self):
        draft = self._new_report()
        submitted = self._submitted()
        acknowledged = self._submitted()
        self._review(acknowledged, self.user_officer)
        theirs = self._new_report(user=self.user_technician_2, order=self.other_order)
        arch = self.Report.get_view(
            self.env.ref("quality_feedback.quality_field_report_view_search").id,
            "search",
        )["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='blocking_expense_claim']")[
            0
        ]
        action = self.env.ref("quality_feedback.action_quality_field_report_mine")
        self.assertIn("search_default_blocking_expense_claim", action.context)
        mine = Domain("user_id", "=", self.user_technician.id)
        found = self.Report.with_user(self.user_technician).search(
            mine & Domain(ast.literal_eval(node.get("domain")))
        )
        self.assertEqual(found, draft | submitted)
        self.assertNotIn(acknowledged, found)
        self.assertNotIn(theirs, found)

    # --- Attacks ----------------------------------------------------------------------
    def test_technician_cannot_acknowledge(self):
        report = self._submitted()
        for user in (
            self.user_technician,
            self.user_technician_2,
            self.user_department,
        ):
            self.assertRefused(
                AccessError,
                lambda user=user: self.attacker(report, user)._qf_acknowledge("ok"),
                records=report,
                fields=WATCHED,
            )
            self.assertRefused(
                AccessError,
                lambda user=user: (
                    self.env["quality.field.report.review"]
                    .with_user(user)
                    .with_context(**HOSTILE_CONTEXT)
                    .create({"report_id": report.id})
                    .action_confirm()
                ),
                records=report,
                fields=WATCHED,
            )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(report, self.user_technician)._qf_return("no"),
            records=report,
            fields=WATCHED,
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(report, self.user_officer).action_submit(),
            records=report,
            fields=WATCHED,
        )

    def test_guarded_fields_refused_on_write(self):
        report = self._submitted()
        values = dict(GUARDED, user_id=self.user_technician_2.id)
        values["acknowledged_by_id"] = self.user_officer.id
        for user in (self.user_technician, self.user_officer):
            for name, value in values.items():
                self.assertRefused(
                    AccessError,
                    lambda user=user, name=name, value=value: self.attacker(
                        report, user
                    ).write({name: value}),
                    records=report,
                    fields=WATCHED,
                    regex="change only through its buttons",
                )
        # The parent and the content are fixed once submitted.
        for vals in ({"fsm_order_id": self.other_order.id}, {"work_done": "Other"}):
            self.assertRefused(
                UserError,
                lambda vals=vals: self.attacker(report, self.user_technician).write(
                    vals
                ),
                records=report,
                fields=WATCHED,
            )

    def test_create_acknowledged_refused(self):
        Report = self.attacker(self.Report, self.user_technician)
        for name, value in dict(GUARDED, user_id=self.user_technician_2.id).items():
            self.assertRefused(
                AccessError,
                lambda name=name, value=value: Report.create(
                    {
                        "fsm_order_id": self.order.id,
                        "work_done": "Forged",
                        name: value,
                    }
                ),
                regex="change only through its buttons",
            )
        self.assertFalse(self.Report.search([("work_done", "=", "Forged")]))
        defaults = {f"default_{name}": value for name, value in GUARDED.items()}
        report = Report.with_context(
            default_user_id=self.user_technician_2.id, **defaults
        ).create({"fsm_order_id": self.order.id, "work_done": "Defaults"})
        self.assertEqual(report.state, "draft")
        self.assertEqual(report.user_id, self.user_technician)
        self.assertRegex(report.name, r"^FR\d{4}-\d{4}$")
        self.assertTrue(report.blocks_expense_claim)

    def test_exactly_one_parent(self):
        complaint = self._new_complaint()
        for vals in (
            {},
            {"fsm_order_id": self.order.id, "ticket_id": complaint.id},
        ):
            with self.assertRaises(errors.CheckViolation), self.cr.savepoint():
                self.Report.create({"date_from": "2025-03-03", **vals})

    def test_a_ticket_that_is_not_a_complaint_is_refused(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Printer jam", "description": "Not a complaint"}
        )
        self.assertFalse(ticket.is_complaint)
        with self.assertRaisesRegex(ValidationError, "is not a complaint"):
            self.Report.with_user(self.user_officer).create(
                {"ticket_id": ticket.id, "work_done": "x"}
            )

    def test_other_technician_cannot_read_a_report_on_an_order_not_his(self):
        report = self._new_report()
        intruder = self.user_technician_2
        self.assertFalse(self.Report.with_user(intruder).search([]))
        with self.assertRaises(AccessError):
            report.with_user(intruder).read(["work_done"])
        self.assertEqual(
            self.order.with_user(self.user_technician).qf_field_report_count, 1
        )
        # Nor file one on it, nor change or delete the author's.
        self.assertRefused(
            AccessError,
            lambda: self._new_report(user=intruder),
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(report, intruder).write({"work_done": "Mine"}),
            records=report,
            fields=WATCHED,
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(report, intruder).unlink(),
            records=report,
            fields=WATCHED,
        )
        # The clerk reads every order, hence the report; he cannot write it.
        self.assertIn(report, self.Report.with_user(self.user_clerk).search([]))
        self.assertRefused(
            AccessError,
            lambda: self.attacker(report, self.user_clerk).write({"place": "Else"}),
            records=report,
            fields=WATCHED,
        )

    def test_author_keeps_his_report_when_the_order_moves_on(self):
        """The order is dispatched to the other technician: he reads the report
        through the order, and the author still reads it (it blocks his claim)."""
        report = self._submitted()
        self._dispatch(self.order, self.technician_2)
        self.assertEqual(self.Report.with_user(self.user_technician).search([]), report)
        self.assertIn(report, self.Report.with_user(self.user_technician_2).search([]))

    def test_only_drafts_are_deleted(self):
        report = self._submitted()
        self.assertRefused(
            UserError,
            lambda: self.attacker(report, self.user_technician).unlink(),
            records=report,
            fields=WATCHED,
        )
        draft = self._new_report()
        draft.with_user(self.user_technician).unlink()
        self.assertFalse(draft.exists())

    def test_visit_dates_in_order(self):
        with self.assertRaises(ValidationError):
            self._new_report(date_from="2025-03-05", date_to="2025-03-04")
