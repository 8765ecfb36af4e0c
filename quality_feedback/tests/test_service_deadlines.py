# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError

from .service_common import ServiceCase


class TestServiceDeadlines(ServiceCase):
    """R-605: the date promised for a service runs through the complaint deadline
    engine and cron: at risk, overdue with the customer's delay notice, escalated."""

    def _enforce(self, at):
        with freeze_time(at):
            return self.env["quality.deadline"]._qf_enforce()

    def _promised(self, days=2):
        now = fields.Datetime.now()
        order = self._register(date_promised=now + timedelta(days=days))
        deadline = order.qf_deadline_ids
        self.assertEqual(len(deadline), 1)
        self.assertEqual(deadline.kind, "service")
        self.assertEqual(deadline.user_id, self.user_clerk)
        directors = self.env.ref("quality_feedback.group_qf_factory_director").user_ids
        self.assertIn(deadline.manager_id, directors)
        return order, deadline, now

    def test_overdue_notifies_the_customer_once(self):
        self.env.company.partner_id.lang = "en_US"  # the language of the notes
        order, deadline, now = self._promised()
        self._enforce(now + timedelta(days=1, hours=20))
        self.assertEqual(deadline.state, "at_risk")
        deadline_type = self.env.ref("quality_feedback.mail_activity_type_deadline")
        warnings = order.activity_ids.filtered(
            lambda a: a.activity_type_id == deadline_type
        )
        self.assertEqual(warnings.user_id, self.user_clerk | deadline.manager_id)
        self.assertIn("Promised Service at risk", order.message_ids[0].body)
        self.assertNotIn("&lt;br", order.message_ids[0].body)
        self._enforce(now + timedelta(days=2, hours=1))
        self.assertEqual(deadline.state, "overdue")
        notices = order.message_ids.filtered(
            lambda m: "needs more time" in (m.subject or "")
        )
        self.assertEqual(len(notices), 1)
        self.assertIn(self.customer, notices.partner_ids)
        self._enforce(now + timedelta(days=2, hours=5))
        self.assertEqual(
            len(
                order.message_ids.filtered(
                    lambda m: "needs more time" in (m.subject or "")
                )
            ),
            1,
        )
        # One more full period late: escalated to the general manager.
        self._enforce(now + timedelta(days=4, hours=1))
        self.assertTrue(deadline.escalated)

    def test_completed_in_time_is_met_and_cancel_ends_it(self):
        order, deadline, _now = self._promised()
        self._complete(order)
        self.assertEqual(deadline.state, "met")
        other, other_deadline, _now = self._promised()
        other.with_user(self.user_clerk).action_cancel()
        self.assertEqual(other_deadline.state, "cancelled")

    def test_new_promise_replaces_the_deadline(self):
        order, deadline, now = self._promised()
        order.with_user(self.user_clerk).write(
            {"qf_date_promised": now + timedelta(days=5)}
        )
        self.assertEqual(deadline.state, "cancelled")
        current = order.qf_deadline_ids.filtered(lambda d: d.state == "on_time")
        self.assertEqual(current.date_deadline, now + timedelta(days=5))

    def test_deadlines_read_like_their_order(self):
        order, deadline, _now = self._promised()
        self._dispatch(order, self.technician_2)
        deadlines = self.env["quality.deadline"]
        self.assertEqual(
            deadlines.with_user(self.user_technician_2).search(
                [("fsm_order_id", "=", order.id)]
            ),
            deadline,
        )
        self.assertFalse(
            deadlines.with_user(self.user_technician).search(
                [("fsm_order_id", "=", order.id)]
            )
        )
        with self.assertRaises(AccessError):
            deadline.with_user(self.user_director).write({"state": "met"})

    def test_users_without_field_service_read_their_complaint_deadlines(self):
        """Sales users read no service orders: their complaints' deadlines open, the
        service deadlines stay hidden (no access error from the parent's rules)."""
        self._promised()
        complaint = self._new_complaint(user=self.user_sales)
        deadlines = self.env["quality.deadline"].with_user(self.user_sales)
        seen = deadlines.search([])
        self.assertTrue(seen)
        self.assertEqual(seen.ticket_id, complaint)
        self.assertTrue(all(seen.mapped("display_name")))
        self.assertFalse(deadlines.search([("kind", "=", "service")]))
