# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourVisit(HttpCase):
    """R-803 in the browser: the leader of a planned return visit files its report,
    a general manager records the managers' meeting's review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,quality_feedback."
        cls.leader = new_test_user(
            cls.env, "qf-tour-visit-leader", groups + "group_qf_user"
        )
        cls.gm = new_test_user(
            cls.env, "qf-tour-visit-gm", groups + "group_qf_general_manager"
        )
        customer = cls.env["res.partner"].create(
            {"name": "Tour Office Furniture Ltd", "is_company": True}
        )
        cls.visit = cls.env["quality.visit"].create(
            {
                "kind": "delivery",
                "partner_id": customer.id,
                "project": "Tour conference tables",
                "planned_date": date(2026, 11, 20),
                "leader_id": cls.leader.id,
            }
        )

    def test_leader_reports_manager_reviews(self):
        self.assertEqual(self.visit.state, "planned")
        self.start_tour(
            f"/odoo/action-quality_feedback.action_quality_visit/{self.visit.id}",
            "quality_feedback_visit_report",
            login=self.leader.login,
        )
        self.env.invalidate_all()
        self.assertEqual(self.visit.state, "reported")
        self.assertEqual(self.visit.reported_by_id, self.leader)
        self.assertEqual(self.visit.date_from, date(2026, 11, 24))
        self.assertIn("cracks in the lacquer", self.visit.problems)
        self.assertIn("drying room", self.visit.improvements)

        self.start_tour(
            f"/odoo/action-quality_feedback.action_quality_visit/{self.visit.id}",
            "quality_feedback_visit_review",
            login=self.gm.login,
        )
        self.env.invalidate_all()
        self.assertEqual(self.visit.state, "reviewed")
        self.assertEqual(self.visit.reviewed_by_id, self.gm)
        self.assertIn("confirms delivery dates", self.visit.review_comment)
