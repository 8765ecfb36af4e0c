# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError

from .common import QualityFeedbackCase
from .pdf_common import pdf_text


class TestPenaltyRepeat(QualityFeedbackCase):
    """R-406: separate fines for the responsible supervisor and person; the same
    person or the same product problem three times in a month is flagged for
    reassignment or dismissal, and the personnel announcement (人事公布单) shows it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["quality.penalty.review"]
        cls.worker_a = cls._new_user("qf-worker-a", "group_qf_department")
        cls.worker_b = cls._new_user("qf-worker-b", "group_qf_department")
        cls.other_product = cls.env["product.product"].create(
            {"name": "Gear Pump GP-10", "is_storable": True}
        )

    def _review(self, cases, month="2031-04-01"):
        """A review of ``cases``: (responsible user, product) per complaint."""
        lines = []
        for user, product in cases:
            complaint = self._new_complaint(
                product_id=product.id, category_id=self.category.id
            )
            lines.append(
                Command.create(
                    {
                        "ticket_id": complaint.id,
                        "department_id": self.department_production.id,
                        "user_id": user.id,
                        "loss_amount": 100,
                    }
                )
            )
        return self.Review.create({"period_start": month, "line_ids": lines})

    def test_supervisor_fine_from_the_department_manager(self):
        self.department_production.manager_id = self.user_manager
        with freeze_time("2031-04-14 10:00:00"):
            complaint = self._new_complaint()
            self._accept(complaint)
            complaint.with_user(self.user_officer).write(
                {
                    "responsible_department_id": self.department_production.id,
                    "responsible_user_id": self.worker_a.id,
                    "loss_amount": 500,
                }
            )
            complaint.with_user(self.user_officer).action_qf_investigate()
            complaint.with_user(self.user_officer).action_qf_propose_resolution()
            self._add_verified_action(complaint)
            complaint.with_user(self.user_manager).action_qf_close()
        review = self.Review._qf_compile(self.env.company, date(2031, 4, 1))
        self.assertEqual(review.line_ids.supervisor_id, self.user_manager)
        self.assertEqual(review.line_ids.user_id, self.worker_a)

    def test_separate_fines_never_below_zero(self):
        review = self._review([(self.worker_a, self.product)])
        line = review.line_ids.with_user(self.user_gm)
        line.write({"supervisor_fine": 200, "fine_amount": 100})
        self.assertEqual((line.supervisor_fine, line.fine_amount), (200, 100))
        for field in ("supervisor_fine", "fine_amount"):
            with self.assertRaisesRegex(ValidationError, "cannot be below zero"):
                line.write({field: -50})
        self.assertEqual((line.supervisor_fine, line.fine_amount), (200, 100))

    def test_third_case_of_a_person_or_a_problem_is_flagged(self):
        review = self._review(
            [
                (self.worker_a, self.other_product),
                (self.worker_a, self.product),
                (self.worker_b, self.other_product),
                (self.worker_b, self.product),
            ]
        )
        self.assertFalse(review.reassignment_flag)
        self.assertFalse(review.line_ids.filtered("repeat_case"))
        self.assertFalse(review.reassignment_reason)
        # A third case for worker A, the third of the gear pump's leakage too: both
        # are flagged; worker B and the centrifugal pump stay at two.
        third = self._new_complaint(
            product_id=self.other_product.id, category_id=self.category.id
        )
        review.line_ids = [
            Command.create({"ticket_id": third.id, "user_id": self.worker_a.id})
        ]
        self.assertTrue(review.reassignment_flag)
        reason = review.reassignment_reason
        self.assertIn(self.worker_a.name, reason)
        self.assertIn("3 complaints", reason)
        self.assertIn("Gear Pump GP-10 / Leakage", reason)
        self.assertIn(third.number, reason)
        self.assertNotIn(self.worker_b.name, reason)
        flagged = review.line_ids.filtered("repeat_case")
        self.assertEqual(
            flagged,
            review.line_ids.filtered(
                lambda line: (
                    line.user_id == self.worker_a
                    or line.ticket_id.product_id == self.other_product
                )
            ),
        )
        # Another month's review counts its own month only.
        next_month = self._review([(self.worker_a, self.other_product)], "2031-05-01")
        self.assertFalse(next_month.reassignment_flag)

    def test_flag_computed_with_grouped_queries(self):
        def queries(review):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            review.mapped("reassignment_reason")
            review.line_ids.mapped("repeat_case")
            return self.env.cr.sql_log_count - start

        small = self._review([(self.worker_a, self.product)] * 3)
        large = self._review([(self.worker_a, self.product)] * 12, "2031-05-01")
        self.assertTrue(small.reassignment_flag and large.reassignment_flag)
        self.assertEqual(queries(small), queries(large))

    def test_announcement_shows_the_flag(self):
        review = self._review([(self.worker_a, self.product)] * 3)
        review.line_ids[0].write({"supervisor_fine": 300, "fine_amount": 150})
        review.with_user(self.user_gm).action_approve()
        report = self.env.ref(
            "quality_feedback.action_report_penalty_announcement"
        ).with_context(force_report_rendering=True)
        text = "\f".join(pdf_text(report, review.ids))
        self.assertIn("Personnel Announcement", text)
        # Both fines print in their own columns (headers wrap in the PDF).
        self.assertIn("Supervisor's", text)
        self.assertRegex(text, r"\$ 300\.00 +\$ 150\.00")
        self.assertIn("Reassignment or Dismissal", text)
        self.assertIn(f"{self.worker_a.name} is responsible in 3 complaints", text)
        self.assertIn(review.line_ids[0].ticket_id.number + " *", text)
