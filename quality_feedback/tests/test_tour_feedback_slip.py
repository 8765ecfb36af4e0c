# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourFeedbackSlip(HttpCase):
    """R-701 in the browser: a production department handler raises a slip to the
    quality office, a quality officer answers it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,quality_feedback."
        cls.handler = new_test_user(
            cls.env, "qf-tour-workshop", groups + "group_qf_department"
        )
        cls.officer = new_test_user(
            cls.env, "qf-tour-slip-officer", groups + "group_qf_officer"
        )
        Department = cls.env["quality.department"]
        cls.workshop = Department.create(
            {
                "name": "Tour Assembly Workshop",
                "sequence": 1,
                "qf_slip_level": "workshop",
                "member_ids": [(6, 0, cls.handler.ids)],
            }
        )
        cls.quality = Department.create(
            {
                "name": "Tour Quality Office",
                "qf_slip_level": "quality",
                "manager_id": cls.officer.id,
            }
        )

    def test_production_raises_quality_answers(self):
        self.start_tour(
            "/odoo/internal-feedback",
            "quality_feedback_slip_send",
            login=self.handler.login,
        )
        slip = self.env["quality.feedback.slip"].search(
            [("subject", "=", "Paint peels off the tour frames")]
        )
        self.assertEqual(slip.state, "sent")
        self.assertEqual(slip.user_id, self.handler)
        self.assertEqual(slip.sender_department_id, self.workshop)
        self.assertEqual(slip.department_id, self.quality)
        self.assertTrue(slip.holds_production)
        self.assertEqual(slip.deadline_ids.user_id, self.officer)

        self.start_tour(
            f"/odoo/internal-feedback/{slip.id}",
            "quality_feedback_slip_answer",
            login=self.officer.login,
        )
        self.env.invalidate_all()
        self.assertEqual(slip.state, "answered")
        self.assertEqual(slip.answered_by_id, self.officer)
        self.assertIn("approved supplier", slip.answer)
