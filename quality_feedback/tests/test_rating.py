# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError

from .service_common import ServiceCase


class RatingCase(ServiceCase):
    """R-801, R-804: the customer's rating links, as Odoo's rating controller uses
    them (superuser, the rating found by its token)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "wang.wei@example.com"

    def _closed_complaint(self):
        complaint = self._new_complaint()
        self._accept(complaint)
        complaint.with_user(self.user_officer).action_qf_investigate()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        self._add_verified_action(complaint)
        complaint.with_user(self.user_manager).action_qf_close()
        return complaint

    @staticmethod
    def _customer_rates(record, rate):
        """What /rate/<token>/submit_feedback does once the customer clicked."""
        rating = (
            record.sudo().rating_ids.filtered(lambda r: not r.consumed)[:1]
            or (record.sudo().rating_ids[:1])
        )
        record.sudo().rating_apply(rate, rating=rating, feedback="")
        return rating

    def _filed_order(self, technician_user=None):
        """A service order filed after ``technician_user`` (default: the first
        technician) did the work."""
        user = technician_user or self.user_technician
        order = self._register()
        self._dispatch(order, self.technician_2 if technician_user else None)
        self._sign(order, user)
        order.with_user(user).action_complete()
        order.with_user(self.user_officer).action_qf_file()
        return order


class TestComplaintRating(RatingCase):
    def test_rating_request_a_day_after_closure(self):
        with freeze_time("2031-04-14 10:00:00"):
            complaint = self._closed_complaint()
            Ticket = self.env["helpdesk.ticket"]
            self.assertNotIn(complaint, Ticket._cron_qf_satisfaction_surveys())
        with freeze_time("2031-04-15 11:00:00"):
            self.assertIn(complaint, Ticket._cron_qf_satisfaction_surveys())
            self.assertNotIn(complaint, Ticket._cron_qf_satisfaction_surveys())
        rating = complaint.sudo().rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.customer)
        self.assertFalse(rating.consumed)
        request = complaint.message_ids.filtered(
            lambda m: rating.access_token in (m.body or "")
        )
        self.assertEqual(len(request), 1, "one e-mail with the customer's rating links")

    def test_dissatisfied_customer_gets_one_follow_up_one_level_higher(self):
        complaint = self._closed_complaint()
        complaint.rating_send_request(
            self.env.ref("quality_feedback.mail_template_complaint_rating")
        )
        self._customer_rates(complaint, 1)
        followup = complaint.qf_dissatisfaction_followup_id
        self.assertTrue(followup)
        self.assertEqual(followup.parent_complaint_id, complaint)
        self.assertEqual(followup.escalation_level, complaint.escalation_level + 1)
        self.assertEqual(followup.qf_state, "registered")
        # The customer clicks again (or rates a second request): still one follow-up.
        self._customer_rates(complaint, 1)
        complaint.rating_send_request(
            self.env.ref("quality_feedback.mail_template_complaint_rating")
        )
        self._customer_rates(complaint, 1)
        self.assertEqual(complaint.followup_complaint_ids, followup)

    def test_satisfied_customer_no_follow_up(self):
        complaint = self._closed_complaint()
        complaint.rating_send_request(
            self.env.ref("quality_feedback.mail_template_complaint_rating")
        )
        self._customer_rates(complaint, 5)
        self.assertFalse(complaint.qf_dissatisfaction_followup_id)
        self.assertEqual(complaint.sudo().rating_ids.rating, 5)

    def test_employees_cannot_rate_or_open_the_follow_up(self):
        complaint = self._closed_complaint()
        complaint.rating_send_request(
            self.env.ref("quality_feedback.mail_template_complaint_rating")
        )
        rating = complaint.sudo().rating_ids
        for user in (self.user_sales, self.user_officer, self.user_manager):
            as_user = complaint.with_user(user).with_context(qf_force=True)
            with self.assertRaises(AccessError):
                as_user.message_post(body="bad", rating_value=1)
            with self.assertRaises(AccessError):
                as_user.rating_apply(1, token=rating.access_token)
            with self.assertRaises(AccessError):
                rating.with_user(user).write({"rating": 1, "consumed": True})
            with self.assertRaises(AccessError):
                self.env["rating.rating"].with_user(user).create(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                        "res_id": complaint.id,
                        "rating": 1,
                        "consumed": True,
                    }
                )
            with self.assertRaises(AccessError):
                as_user.write({"qf_dissatisfaction_followup_id": complaint.id})
        self.assertFalse(complaint.qf_dissatisfaction_followup_id)
        self.assertFalse(rating.consumed)
        self.assertEqual(len(complaint.sudo().rating_ids), 1)


class TestTechnicianRating(RatingCase):
    def test_filed_order_asks_the_customer_to_rate_its_technician(self):
        order = self._filed_order()
        rating = order.sudo().rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.customer)
        self.assertEqual(rating.rated_partner_id, self.user_technician.partner_id)
        self.assertTrue(
            order.message_ids.filtered(lambda m: rating.access_token in (m.body or ""))
        )

    def test_monthly_technician_score(self):
        with freeze_time("2031-05-10 09:00:00"):
            first = self._filed_order()
            self._customer_rates(first, 5)
            second = self._filed_order()
            self._customer_rates(second, 3)
        with freeze_time("2031-06-03 09:00:00"):
            third = self._filed_order()
            self._customer_rates(third, 1)
            other = self._filed_order(self.user_technician_2)
            self._customer_rates(other, 5)
        Score = self.env["quality.technician.score"].with_user(self.user_director)
        rows = Score._read_group(
            [("order_id", "in", (first | second | third | other).ids)],
            ["technician_id", "date:month"],
            ["score:avg", "__count", "dissatisfied_count:sum"],
        )
        by_key = {
            (partner, month.strftime("%Y-%m")): (score, count, bad)
            for partner, month, score, count, bad in rows
        }
        tech, tech_2 = (
            self.user_technician.partner_id,
            self.user_technician_2.partner_id,
        )
        self.assertEqual(by_key[tech, "2031-05"], (80.0, 2, 0))  # (100 + 60) / 2
        self.assertEqual(by_key[tech, "2031-06"], (20.0, 1, 1))
        self.assertEqual(by_key[tech_2, "2031-06"], (100.0, 1, 0))
        # The monthly statistics workbook has each technician's line.
        wizard = (
            self.env["quality.complaint.report.wizard"]
            .with_user(self.user_officer)
            .create({"date_from": "2031-05-01", "date_to": "2031-06-30"})
        )
        report = self.env.ref(
            "quality_feedback.action_report_complaint_statistics"
        ).with_user(self.user_officer)
        content, _extension = report._render_xlsx(report.report_name, wizard.ids, None)
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Technician Scores"]
        lines = {
            row[0]: row[1:]
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0] in (tech.display_name, tech_2.display_name)
        }
        self.assertEqual(lines[tech.display_name], (80, 20, 60, 3))
        self.assertEqual(lines[tech_2.display_name], (None, 100, 100, 1))
        # Technicians do not read the scores of their colleagues.
        with self.assertRaises(AccessError):
            Score.with_user(self.user_technician).search([])

    def test_dissatisfied_service_notifies_the_director_once(self):
        order = self._filed_order()
        self._customer_rates(order, 1)
        self._customer_rates(order, 1)
        self.assertTrue(order.qf_dissatisfied)
        follow_ups = order.activity_ids.filtered(
            lambda a: (
                a.user_id == self.user_director
                and "Dissatisfied customer" in (a.summary or "")
            )
        )
        self.assertEqual(len(follow_ups), 1)
        with self.assertRaises(AccessError):
            order.with_user(self.user_director).write({"qf_dissatisfied": False})

    def test_dissatisfied_service_of_a_closed_complaint_follows_the_complaint_up(self):
        complaint = self._closed_complaint()
        order = self._register(user=self.user_officer, ticket_id=complaint.id)
        self._dispatch(order)
        self._sign(order)
        order.with_user(self.user_technician).action_complete()
        order.with_user(self.user_officer).action_qf_file()
        self._customer_rates(order, 1)
        self.assertTrue(complaint.qf_dissatisfaction_followup_id)
