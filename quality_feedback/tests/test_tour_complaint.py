# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourComplaint(HttpCase):
    """R-101/R-105 in the browser: sales opens a complaint from the customer, the
    quality office classifies and accepts it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = new_test_user(
            cls.env,
            login="qf-tour-sales",
            groups="base.group_user,quality_feedback.group_qf_user,sales_team.group_sale_salesman",
        )
        cls.officer = new_test_user(
            cls.env,
            login="qf-tour-officer",
            groups="base.group_user,quality_feedback.group_qf_officer",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Customer Ltd", "is_company": True, "user_id": cls.sales.id}
        )
        cls.env["product.product"].create({"name": "Tour Pump"})
        cls.env["helpdesk.ticket.category"].create({"name": "Tour Category"})

    def test_sales_opens_officer_accepts(self):
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "quality_feedback_sales_new_complaint",
            login=self.sales.login,
        )
        complaint = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.qty_affected, 2)
        self.assertEqual(complaint.create_uid, self.sales)

        self.start_tour(
            f"/odoo/helpdesk.ticket/{complaint.id}",
            "quality_feedback_officer_accept",
            login=self.officer.login,
        )
        self.assertEqual(complaint.qf_state, "accepted")
        self.assertEqual(complaint.severity, "major")
