# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import QualityFeedbackCase


class TestComplaintAccess(QualityFeedbackCase):
    """R-1001 and R-1002: who creates, reads and writes complaints; portal isolation;
    closed complaints are kept as they are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_sales = cls._new_user("qf-sales-2", "group_qf_user")
        cls.portal_a = new_test_user(
            cls.env, login="qf-portal-a", groups="base.group_portal"
        )
        cls.portal_a.partner_id.parent_id = cls.customer
        cls.portal_b = new_test_user(
            cls.env, login="qf-portal-b", groups="base.group_portal"
        )
        cls.portal_b.partner_id.parent_id = cls.other_customer
        cls.department_production.member_ids = cls.user_department

    def _visible(self, user, complaints):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", complaints.ids)])
        )

    def test_sales_user_sees_own_and_own_customers_complaints(self):
        own = self._new_complaint(user=self.user_sales)
        of_his_customer = self._new_complaint()  # customer's salesperson is user_sales
        of_other_customer = self._new_complaint(partner_id=self.other_customer.id)
        visible = self._visible(
            self.user_sales, own | of_his_customer | of_other_customer
        )
        self.assertEqual(visible, own | of_his_customer)
        self.assertFalse(self._visible(self.other_sales, own | of_his_customer))

    def test_sales_user_cannot_classify(self):
        complaint = self._new_complaint(user=self.user_sales)
        complaint.with_user(self.user_sales).write(
            {"customer_request": "Replace both pumps", "blocks_production": True}
        )
        with self.assertRaisesRegex(AccessError, "Only the quality office classifies"):
            complaint.with_user(self.user_sales).severity = "critical"
        with self.assertRaisesRegex(AccessError, "Only the quality office classifies"):
            self._new_complaint(user=self.user_sales, abnormality_type="quality")
        self.assertFalse(complaint.severity)

    def test_department_handler_sees_his_departments_complaints(self):
        assigned = self._new_complaint(partner_id=self.other_customer.id)
        other = self._new_complaint(partner_id=self.other_customer.id)
        self.env["quality.handling.step"].create(
            [
                {
                    "ticket_id": assigned.id,
                    "department_id": self.department_production.id,
                },
                {"ticket_id": other.id, "department_id": self.department_rnd.id},
            ]
        )
        self.assertEqual(
            self._visible(self.user_department, assigned | other), assigned
        )

    def test_quality_officer_sees_all_complaints(self):
        complaints = self._new_complaint() | self._new_complaint(
            partner_id=self.other_customer.id
        )
        self.assertEqual(self._visible(self.user_officer, complaints), complaints)

    def test_portal_customers_are_isolated(self):
        of_a = self._new_complaint()
        of_b = self._new_complaint(partner_id=self.other_customer.id)
        self.assertEqual(self._visible(self.portal_a, of_a | of_b), of_a)
        self.assertEqual(self._visible(self.portal_b, of_a | of_b), of_b)
        with self.assertRaises(AccessError):
            of_b.with_user(self.portal_a).read(["name"])

    def test_portal_customer_reads_only_customer_facing_fields(self):
        complaint = self._new_complaint(customer_request="Replace both pumps")
        self._classify(complaint)
        as_portal = complaint.with_user(self.portal_a)
        values = as_portal.read(["number", "qty_affected", "customer_request"])
        self.assertEqual(values[0]["customer_request"], "Replace both pumps")
        for internal in (
            "severity",
            "abnormality_type",
            "department_ids",
            "info_class",
        ):
            with self.assertRaises(AccessError):
                as_portal.read([internal])
        with self.assertRaises(AccessError):
            as_portal.write({"customer_request": "More"})

    def test_closed_complaint_refuses_edits_and_deletion(self):
        complaint = self._new_complaint()
        self._classify(complaint)
        complaint.with_user(self.user_officer).action_qf_accept()
        complaint.with_user(self.user_officer).action_qf_investigate()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        self._add_verified_action(complaint)
        complaint.with_user(self.user_manager).action_qf_close()
        for user in (self.user_officer, self.user_manager, self.env.user):
            with self.assertRaisesRegex(
                UserError, "is closed or cancelled and cannot be changed"
            ):
                complaint.with_user(user).write({"qty_affected": 5})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            complaint.unlink()
        complaint.message_post(body="Customer thanked us.")
        # Reopening by a quality manager makes it editable again.
        complaint.with_user(self.user_manager).action_qf_reopen()
        self.assertEqual(complaint.qf_state, "investigating")
        complaint.with_user(self.user_officer).qty_affected = 5
        self.assertEqual(complaint.qty_affected, 5)

    def test_only_registered_complaints_can_be_deleted(self):
        registered = self._new_complaint()
        registered.unlink()
        self.assertFalse(registered.exists())
