# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..report import quality_complaint_ledger_xlsx
from .common import QualityFeedbackCase

PERIOD = {"date_from": "2020-01-01", "date_to": "2020-03-31"}


@tagged("post_install", "-at_install")
class TestComplaintLedger(QualityFeedbackCase):
    """R-901 ledger and R-902 statistics: the workbooks opened with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.env.user, cls.user_department, cls.user_officer):
            user.tz = "UTC"
        cls.department_production.member_ids = cls.user_department
        # 2020 is far from any demo complaint: the period holds only these.
        cls.channel_letter = cls.env.ref("quality_feedback.channel_letter")
        cls.channel_return = cls.env.ref("quality_feedback.channel_return")
        cls.january = cls._new_complaint(
            date_received="2020-01-15 09:30:00",
            channel_id=cls.channel_letter.id,
            category_id=cls.category.id,
            abnormality_type="quality",
            responsible_department_id=cls.department_production.id,
            loss_amount=1000.0,
        )
        cls.env["quality.handling.step"].create(
            {"ticket_id": cls.january.id, "department_id": cls.department_production.id}
        )
        cls.february = cls._new_complaint(
            date_received="2020-02-10 08:00:00",
            partner_id=cls.other_customer.id,
            channel_id=cls.channel_return.id,
            abnormality_type="non_quality",
            non_quality_kind="transport",
            responsible_department_id=cls.department_rnd.id,
            loss_amount=250.5,
        )
        cls.unclassified = cls._new_complaint(
            date_received="2020-02-20 10:00:00", channel_id=cls.channel_letter.id
        )
        cls.before = cls._new_complaint(date_received="2019-12-30 10:00:00")
        cls.tickets = cls.env["helpdesk.ticket"]
        cls._new_slips()

    @classmethod
    def _new_slips(cls):
        """Internal feedback of the period (R-701): production asks R&D, answered
        late; R&D asks production, which passes it up to the quality office, where
        it is overdue; one sent before the period, one never sent."""
        cls.department_production.qf_slip_level = "workshop"
        cls.department_quality = cls.env.ref("quality_feedback.department_quality")
        cls.department_quality.qf_slip_level = "quality"
        Slip = cls.env["quality.feedback.slip"]

        def slip(sender, receiver, subject, **values):
            return Slip.create(
                {
                    "sender_department_id": sender.id,
                    "department_id": receiver.id,
                    "subject": subject,
                    **values,
                }
            )

        production, rnd = cls.department_production, cls.department_rnd
        cls.slip_answered = slip(production, rnd, "Drawing of the CP-40 flange")
        with freeze_time("2020-02-03 09:00:00"):
            cls.slip_answered.action_send()
        with freeze_time("2020-02-20 09:00:00"):
            cls.slip_answered._qf_answer("Tolerance is 0.1 mm.")
        cls.slip_passed = slip(
            rnd, production, "Prototype casting porous", difficulty="difficult"
        )
        with freeze_time("2020-03-02 09:00:00"):
            cls.slip_passed.action_send()
        with freeze_time("2020-03-03 09:00:00"):
            cls.slip_passed._qf_pass_up(cls.department_quality, "Foundry's supplier.")
        cls.slip_before = slip(production, rnd, "Older question")
        with freeze_time("2019-12-30 09:00:00"):
            cls.slip_before.action_send()
        slip(production, rnd, "Never sent")

    def _wizard(self, user=None, **values):
        wizard = self.env["quality.complaint.report.wizard"]
        if user:
            wizard = wizard.with_user(user)
        return wizard.create({**PERIOD, **values})

    def _workbook(self, report_xmlid, wizard):
        report = self.env.ref(report_xmlid).with_user(wizard.env.user)
        content, extension = report.with_context(lang=wizard.env.lang)._render_xlsx(
            report.report_name, wizard.ids, None
        )
        self.assertEqual(extension, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True)

    def _ledger(self, wizard):
        return self._workbook("quality_feedback.action_report_complaint_ledger", wizard)

    def _ledger_numbers(self, wizard):
        sheet = self._ledger(wizard).worksheets[0]
        return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} - {
            "Total"
        }

    def test_ledger_headers_types_and_totals(self):
        sheet = self._ledger(self._wizard()).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        labels = self.tickets.fields_get(
            ["number", "date_received", "loss_amount", "qf_state"], ["string"]
        )
        for fname, info in labels.items():
            self.assertIn(info["string"], headers, fname)
        for extra in ("Compensation", "Deadlines Missed", "CAPA Actions"):
            self.assertIn(extra, headers)
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        # Three complaints of the period in date order, then the totals row.
        self.assertEqual(
            [row[0] for row in rows[:-1]],
            [self.january.number, self.february.number, self.unclassified.number],
        )
        col = {header: index for index, header in enumerate(headers)}
        first = rows[0]
        received = first[col[labels["date_received"]["string"]]]
        self.assertIsInstance(received, datetime.datetime)
        self.assertEqual(received, datetime.datetime(2020, 1, 15, 9, 30))
        loss = first[col[labels["loss_amount"]["string"]]]
        self.assertIsInstance(loss, (int, float))  # a number, not text
        self.assertEqual(loss, 1000.0)
        self.assertEqual(first[col["Abnormality"]], "Quality Abnormality")
        self.assertEqual(rows[1][col["Non-Quality Cause"]], "Transport")
        self.assertEqual(
            first[col[self.tickets._fields["responsible_department_id"].string]],
            self.department_production.name,
        )
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[col[labels["loss_amount"]["string"]]], 1250.5)
        self.assertEqual(total[col["Quantity Affected"]], 6)
        self.assertEqual(sheet.freeze_panes, "B2")
        self.assertTrue(sheet.auto_filter.ref.startswith("A1:"))

    def test_ledger_and_statistics_carry_the_channel(self):
        """R-905: the channel is a column of the ledger, a sheet of the statistics
        and a dimension of the analysis view."""
        sheet = self._ledger(self._wizard()).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        header = self.tickets._fields["channel_id"].string
        rows = list(sheet.iter_rows(min_row=2, values_only=True))[:-1]
        self.assertEqual(
            [row[headers.index(header)] for row in rows],
            ["Letter", "Goods Returned", "Letter"],
        )

        channels = {
            row[0]: row[1:]
            for row in self._statistics()["By Channel"].iter_rows(
                min_row=2, values_only=True
            )
        }
        self.assertEqual(channels["Letter"], (1, 1, 0, 2))
        self.assertEqual(channels["Goods Returned"], (0, 1, 0, 1))
        self.assertEqual(channels["Total"], (1, 2, 0, 3))

        groups = self.env["quality.complaint.analysis"]._read_group(
            [("ticket_id", "in", (self.january | self.february).ids)],
            ["channel_id"],
            ["__count"],
        )
        self.assertEqual(dict(groups), {self.channel_letter: 1, self.channel_return: 1})

    def test_filtered_ledger_holds_exactly_the_matching_complaints(self):
        cases = [
            ({"department_ids": self.department_production.ids}, self.january),
            ({"department_ids": self.department_rnd.ids}, self.february),
            ({"partner_ids": self.other_customer.ids}, self.february),
            ({"category_ids": self.category.ids}, self.january),
            ({"abnormality_type": "non_quality"}, self.february),
            (
                {"partner_ids": self.customer.ids},
                self.january | self.unclassified,
            ),
            ({"date_from": "2020-02-15"}, self.unclassified),
        ]
        for values, expected in cases:
            with self.subTest(values=values):
                self.assertEqual(
                    self._ledger_numbers(self._wizard(**values)),
                    set(expected.mapped("number")),
                )

    def _slip_sheet(self, wizard):
        book = self._ledger(wizard)
        self.assertEqual(book.sheetnames[1], "Internal Feedback")
        rows = list(book["Internal Feedback"].iter_rows(values_only=True))
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    def test_ledger_lists_the_internal_feedback_of_the_period(self):
        rows = self._slip_sheet(self._wizard())
        answered, passed, total = rows
        self.assertEqual(answered["Number"], self.slip_answered.name)
        self.assertEqual(answered["Sent On"], datetime.datetime(2020, 2, 3, 9, 0))
        self.assertEqual(answered["Sending Department"], "Production")
        self.assertEqual(answered["Receiving Department"], "R&D")
        self.assertEqual(answered["Subject"], "Drawing of the CP-40 flange")
        self.assertEqual(answered["Difficulty"], "Normal")
        self.assertEqual(answered["Holds Up Production"], "No")
        status = self.env["quality.feedback.slip"]._fields["state"].string
        self.assertEqual(answered[status], "Answered")
        self.assertIsInstance(answered["Answer Due"], datetime.datetime)
        self.assertEqual(answered["Answered On"], datetime.datetime(2020, 2, 20, 9, 0))
        self.assertEqual(answered["Late"], "Yes")
        self.assertEqual(answered["Levels Passed Up"], 0)
        self.assertEqual(passed["Number"], self.slip_passed.name)
        self.assertEqual(passed["Receiving Department"], self.department_quality.name)
        self.assertEqual(passed["Difficulty"], "Difficult")
        self.assertEqual(passed[status], "Sent")
        self.assertIsNone(passed["Answered On"])
        self.assertEqual(passed["Late"], "Yes")  # overdue at the quality office
        self.assertEqual(passed["Levels Passed Up"], 1)
        self.assertEqual(total["Number"], "Total")
        self.assertEqual(total["Sent On"], "2 slips")
        self.assertEqual(total["Levels Passed Up"], 1)

    def test_ledger_slips_follow_the_filters_and_the_rights(self):
        by_rnd = self._slip_sheet(self._wizard(department_ids=self.department_rnd.ids))
        self.assertEqual(
            [row["Number"] for row in by_rnd[:-1]],
            [self.slip_answered.name, self.slip_passed.name],
        )
        # Slips have no customer: a ledger of one customer holds none.
        by_customer = self._slip_sheet(self._wizard(partner_ids=self.customer.ids))
        self.assertEqual([row["Number"] for row in by_customer], ["Total"])
        # A salesman reads no slips: his ledger has no internal feedback sheet.
        book = self._ledger(self._wizard(user=self.user_sales))
        self.assertEqual(book.sheetnames, ["Complaint Ledger"])

    def test_ledger_slip_queries_do_not_grow_with_the_slips(self):
        wizard = self._wizard(user=self.user_officer)
        self._ledger(wizard)  # warm-up: report, views, field descriptions

        def queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._ledger(wizard)
            return self.cr.sql_log_count - before

        with_two = queries()
        self.assertGreater(with_two, 5)  # the counter counts
        for index in range(10):
            slip = self.env["quality.feedback.slip"].create(
                {
                    "sender_department_id": self.department_production.id,
                    "department_id": self.department_rnd.id,
                    "subject": f"Question {index}",
                }
            )
            with freeze_time("2020-02-04 09:00:00"):
                slip.action_send()
        self.assertEqual(len(self._slip_sheet(wizard)), 13)
        self.assertEqual(queries(), with_two)

    def test_bad_period_and_too_many_rows_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._wizard(date_from="2020-04-01")
        with (
            patch.object(quality_complaint_ledger_xlsx, "MAX_ROWS", 2),
            self.assertRaisesRegex(UserError, "3 complaints do not fit in one sheet"),
        ):
            self._ledger(self._wizard())

    def test_department_handler_ledger_holds_only_what_he_may_read(self):
        wizard = self._wizard(user=self.user_department)
        readable = self.tickets.with_user(self.user_department).search(
            wizard._qf_ticket_domain()
        )
        self.assertIn(self.january, readable)
        self.assertNotIn(self.february, readable)
        self.assertEqual(self._ledger_numbers(wizard), set(readable.mapped("number")))

    def test_ledger_headers_follow_the_users_language(self):
        self.env.user.lang = "zh_CN"  # the web client then sends lang=zh_CN
        book = self._ledger(self._wizard().with_context(lang="zh_CN"))
        self.assertEqual(book.sheetnames, ["投诉台账", "内部质量信息反馈"])
        headers = [cell.value for cell in book.worksheets[0][1]]
        number = self.tickets.with_context(lang="zh_CN").fields_get(
            ["number"], ["string"]
        )["number"]["string"]
        self.assertEqual(headers[0], number)
        self.assertNotEqual(number, self.tickets._fields["number"].string)

    def _closure_deadline(self, ticket, state):
        when = datetime.datetime(2020, 3, 1)
        return self.env["quality.deadline"].create(
            {
                "ticket_id": ticket.id,
                "kind": "closure",
                "date_start": when,
                "date_deadline": when,
                "date_risk": when,
                "date_escalate": when,
                "state": state,
            }
        )

    def _statistics(self, user=None):
        return self._workbook(
            "quality_feedback.action_report_complaint_statistics",
            self._wizard(user=user or self.user_officer),
        )

    def test_statistics_sheets_figures_and_charts(self):
        book = self._statistics()
        self.assertEqual(
            book.sheetnames,
            [
                "Trend",
                "By Department",
                "By Category",
                "By Product",
                "By Cause",
                "By Customer",
                "By Channel",
                "Pareto of Causes",
                "Departments per Quarter",
                "Internal Feedback",
                "Cost of Poor Quality",
                "Technician Scores",
            ],
        )
        trend = list(book["Trend"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[0].month for row in trend], [1, 2, 3])
        self.assertEqual([row[1] for row in trend], [1, 2, 0])
        self.assertEqual(trend[1][5], 250.5)
        self.assertEqual(len(book["Trend"]._charts), 1)
        self.assertEqual(len(book["Pareto of Causes"]._charts), 1)

        pareto = list(book["Pareto of Causes"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(sorted(row[1] for row in pareto), [1, 1, 1])
        self.assertEqual(
            {row[0] for row in pareto},
            {"Product Quality", "Transport", "Not Classified"},
        )
        self.assertAlmostEqual(pareto[-1][3], 100.0)

        departments = {
            row[0]: row
            for row in book["By Department"].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(departments[self.department_production.name][1:], (1, 0, 0, 1))
        self.assertEqual(departments["Undefined"][1:], (0, 1, 0, 1))
        self.assertEqual(departments["Total"][1:], (1, 2, 0, 3))
        customers = {
            row[0]: row[-1]
            for row in book["By Customer"].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(customers[self.customer.display_name], 2)

        quarter = list(book["Departments per Quarter"].iter_rows(values_only=True))
        self.assertEqual(quarter[0][1], "2020 Q1 Complaints")
        losses = {row[0]: row[3] for row in quarter[1:]}
        self.assertEqual(losses[self.department_production.name], 1000.0)

    def test_statistics_count_internal_feedback_per_receiving_department(self):
        """Received (sent or passed up to it), answered, late, open (R-701)."""
        book = self._statistics()
        rows = {
            row[0]: row[1:]
            for row in book["Internal Feedback"].iter_rows(min_row=2, values_only=True)
        }
        # R&D still owes the answer to the slip sent before the period.
        self.assertEqual(rows[self.department_rnd.name], (1, 1, 2, 1))
        self.assertEqual(rows[self.department_production.name], (1, 0, 0, 0))
        self.assertEqual(rows[self.department_quality.name], (1, 0, 1, 1))
        self.assertEqual(rows["Total"], (3, 1, 3, 2))
        self.assertEqual(len(rows), 4)

    def test_statistics_are_for_the_quality_office(self):
        with self.assertRaises(AccessError):
            self._statistics(user=self.user_sales)

    def test_on_time_rate_counts_only_decided_complaints(self):
        analysis = self.env["quality.complaint.analysis"]
        on_time = self._new_complaint()
        self._closure_deadline(self.january, "missed")
        self._closure_deadline(on_time, "met")
        self.env.flush_all()
        tickets = self.january | on_time | self.february  # February is still open
        [(rate, count)] = analysis._read_group(
            [("ticket_id", "in", tickets.ids)], [], ["on_time_rate:avg", "__count"]
        )
        self.assertEqual(count, 3)
        self.assertEqual(rate, 50.0)
