# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourSurvey(HttpCase):
    """R-802 in the browser: a quality officer sends the opinion survey from the
    customer's form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            "qf-tour-survey-officer",
            "base.group_user,quality_feedback.group_qf_officer",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Furniture Buyers",
                "email": "purchasing@tour-furniture.example.com",
                "is_company": True,
                "lang": "en_US",
            }
        )
        cls.survey = cls.env.ref("quality_feedback.survey_customer_opinion")

    def test_officer_sends_survey_from_customer(self):
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "quality_feedback_survey_send",
            login=self.officer.login,
        )
        user_input = self.env["survey.user_input"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.survey_id, self.survey)
        self.assertEqual(user_input.email, self.customer.email)
        self.assertEqual(user_input.state, "new")
        self.assertTrue(user_input.qf_invited)
        self.assertEqual(user_input.qf_company_id, self.env.company)
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customer.ids)]
        )
        self.assertEqual(len(mail), 1, "one invitation e-mail to the customer")
        self.assertIn(mail.state, ("outgoing", "sent"))
        self.assertIn("Customer Opinion Survey", mail.subject)
        self.assertIn(user_input.access_token, mail.body_html)
