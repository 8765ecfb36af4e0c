# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourCompensation(HttpCase):
    """R-302..R-304 in the browser: sales requests 3,000, the general manager
    approves, finance sees the draft credit note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user_groups = "base.group_user,quality_feedback.group_qf_user"
        cls.sales = new_test_user(cls.env, "qf-tour-sales-comp", user_groups)
        cls.gm = new_test_user(
            cls.env,
            "qf-tour-gm",
            "base.group_user,quality_feedback.group_qf_general_manager",
        )
        cls.finance = new_test_user(
            cls.env, "qf-tour-finance", user_groups + ",account.group_account_invoice"
        )
        customer = cls.env["res.partner"].create(
            {"name": "Tour Desks Ltd", "is_company": True, "user_id": cls.sales.id}
        )
        cls.complaint = cls.env["helpdesk.ticket"].create(
            {
                "name": "Scratched desks",
                "description": "Scratches",
                "team_id": cls.env.ref("quality_feedback.team_quality_complaints").id,
                "partner_id": customer.id,
            }
        )

    def test_request_approve_credit_note(self):
        self.start_tour(
            f"/odoo/quality-complaints/{self.complaint.id}",
            "quality_feedback_sales_compensation",
            login=self.sales.login,
        )
        self.env.invalidate_all()
        request = self.complaint.compensation_ids
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(request.amount, 3000)
        self.assertEqual(request.approval_level, 2)

        url = f"/odoo/quality-compensations/{request.id}"
        self.start_tour(url, "quality_feedback_gm_approve", login=self.gm.login)
        self.env.invalidate_all()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.move_id.state, "draft")

        self.start_tour(
            url, "quality_feedback_finance_credit_note", login=self.finance.login
        )
