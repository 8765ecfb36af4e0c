# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourInvestigation(HttpCase):
    """SPEC C2 in the browser: accept, assign two departments, both complete their
    step, the action is verified effective, the complaint is closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,quality_feedback.group_qf_{}"
        cls.manager = new_test_user(
            cls.env, "qf-tour-manager", groups.format("manager")
        )
        cls.production = new_test_user(
            cls.env, "qf-tour-prod", groups.format("department")
        )
        cls.rnd = new_test_user(cls.env, "qf-tour-rnd", groups.format("department"))
        cls.env.ref("quality_feedback.department_production").write(
            {
                "member_ids": [(6, 0, cls.production.ids)],
                "manager_id": cls.production.id,
            }
        )
        cls.env.ref("quality_feedback.department_rnd").write(
            {"member_ids": [(6, 0, cls.rnd.ids)], "manager_id": cls.rnd.id}
        )
        customer = cls.env["res.partner"].create(
            {"name": "Tour Pumps Ltd", "is_company": True}
        )
        cls.complaint = cls.env["helpdesk.ticket"].create(
            {
                "name": "Flange leaks",
                "description": "Leak at 6 bar",
                "team_id": cls.env.ref("quality_feedback.team_quality_complaints").id,
                "partner_id": customer.id,
                "info_class": "feedback",
                "abnormality_type": "quality",
                "severity": "major",
                "category_id": cls.env["helpdesk.ticket.category"]
                .create({"name": "Leak"})
                .id,
            }
        )
        cls.env["quality.action"].create(
            {
                "ticket_id": cls.complaint.id,
                "name": "Replace the gasket supplier",
                "date_done": "2026-01-15",
            }
        )

    def test_accept_assign_complete_verify_close(self):
        url = f"/odoo/quality-complaints/{self.complaint.id}"
        self.start_tour(
            url, "quality_feedback_manager_assign", login=self.manager.login
        )
        self.assertEqual(self.complaint.qf_state, "investigating")
        self.assertEqual(len(self.complaint.step_ids), 2)

        for step in self.complaint.step_ids:
            self.start_tour(
                f"/odoo/quality-handling-steps/{step.id}",
                "quality_feedback_handler_step",
                login=step.user_id.login,
            )
        self.env.invalidate_all()
        self.assertEqual(set(self.complaint.step_ids.mapped("state")), {"done"})

        self.start_tour(url, "quality_feedback_manager_close", login=self.manager.login)
        self.env.invalidate_all()
        self.assertEqual(self.complaint.qf_state, "closed")
        self.assertEqual(self.complaint.action_ids.verified_by_id, self.manager)
