# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from .common import QualityFeedbackCase

QUESTIONS = ("quality", "delivery", "service", "complaints", "overall")
ALL_SATISFIED = dict.fromkeys(QUESTIONS, "very")


class SurveyCase(QualityFeedbackCase):
    """R-802, R-804: customer opinion surveys on Odoo's survey app. The customer's
    answers are given as Odoo's survey controller does: the public user in sudo,
    ``_save_lines`` per question, then ``_mark_done``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("quality_feedback.survey_customer_opinion")
        cls.customer.lang = "en_US"
        cls.other_customer.lang = "en_US"

    def _send(self, partners, user=None, ticket=None):
        wizard = (
            self.env["quality.survey.send"]
            .with_user(user or self.user_officer)
            .create(
                {
                    "survey_id": self.survey.id,
                    "partner_ids": [(6, 0, partners.ids)],
                    "ticket_id": ticket.id if ticket else False,
                }
            )
        )
        before = self.env["survey.user_input"].search([]).ids
        wizard.action_send()
        return self.env["survey.user_input"].search([("id", "not in", before)])

    def _customer_answers(self, user_input, choices, suggestion=None):
        public = self.env.ref("base.public_user")
        answer = user_input.with_user(public).sudo()
        for key, value in choices.items():
            answer._save_lines(
                self.env.ref(f"quality_feedback.survey_question_{key}"),
                str(self.env.ref(f"quality_feedback.survey_answer_{key}_{value}").id),
            )
        if suggestion:
            answer._save_lines(
                self.env.ref("quality_feedback.survey_question_suggestions"), suggestion
            )
        answer._mark_done()

    def _closed_complaint(self):
        complaint = self._new_complaint()
        self._accept(complaint)
        complaint.with_user(self.user_officer).action_qf_investigate()
        complaint.with_user(self.user_officer).action_qf_propose_resolution()
        self._add_verified_action(complaint)
        complaint.with_user(self.user_manager).action_qf_close()
        return complaint


class TestSurveyTemplate(SurveyCase):
    def test_template_questions_and_satisfaction_marks(self):
        self.assertEqual(self.survey.title, "Customer Opinion Survey")
        self.assertEqual(self.survey.access_mode, "token")
        choices = self.survey.question_ids.filtered(
            lambda q: q.question_type == "simple_choice"
        )
        self.assertEqual(len(choices), 5)
        for question in choices:
            self.assertEqual(
                question.suggested_answer_ids.mapped("value"),
                ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied"],
            )
            self.assertEqual(
                question.suggested_answer_ids.mapped("qf_satisfaction"),
                ["satisfied", "satisfied", "neutral", "dissatisfied"],
            )
        text = self.survey.question_ids - choices
        self.assertEqual(text.question_type, "text_box")
        self.assertFalse(text.constr_mandatory)

    def test_template_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        zh = self.survey.with_context(lang="zh_CN")
        self.assertEqual(zh.title, "客户意见调查表")
        self.assertEqual(
            zh.question_ids[0].suggested_answer_ids.mapped("value"),
            ["很满意", "满意", "一般", "不满意"],
        )


class TestSurveySending(SurveyCase):
    def test_send_to_two_customers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.other_customer.lang = "zh_CN"
        template = self.env.ref("quality_feedback.mail_template_opinion_survey")
        template.with_context(lang="zh_CN").subject = "客户意见调查 {{ object.id }}"
        inputs = self._send(self.customer | self.other_customer)
        self.assertEqual(len(inputs), 2)
        self.assertEqual(inputs.partner_id, self.customer | self.other_customer)
        for user_input in inputs:
            self.assertEqual(user_input.email, user_input.partner_id.email)
            self.assertTrue(user_input.qf_invited)
            self.assertEqual(user_input.qf_company_id, self.env.company)
            self.assertEqual(user_input.state, "new")
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", inputs.partner_id.ids)]
        )
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(len(mails), 2, "one e-mail per customer")
        english = by_partner[self.customer]
        chinese = by_partner[self.other_customer]
        self.assertIn("Customer Opinion Survey", english.subject)
        self.assertEqual(
            chinese.subject,
            f"客户意见调查 {inputs.filtered(lambda i: i.partner_id == self.other_customer).id}",
        )
        for user_input in inputs:
            self.assertIn(
                user_input.access_token, by_partner[user_input.partner_id].body_html
            )

    def test_customer_without_email_sends_nothing(self):
        no_mail = self.env["res.partner"].create(
            {"name": "Wuxi Motor Plant", "is_company": True}
        )
        inputs_before = self.env["survey.user_input"].search_count([])
        mails_before = self.env["mail.mail"].search_count([])
        with self.assertRaisesRegex(UserError, "Wuxi Motor Plant"):
            self._send(self.customer | no_mail)
        self.assertEqual(self.env["survey.user_input"].search_count([]), inputs_before)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

    def test_from_the_customer_list(self):
        action = (
            self.env["quality.survey.send"]
            .with_user(self.user_officer)
            .with_context(active_model="res.partner", active_ids=self.customer.ids)
        )
        wizard = action.create({})
        self.assertEqual(wizard.partner_ids, self.customer)
        self.assertEqual(wizard.survey_id, self.survey)

    def test_sales_user_cannot_send(self):
        with self.assertRaises(AccessError):
            self._send(self.customer, user=self.user_sales)


class TestSurveyFollowUp(SurveyCase):
    def test_dissatisfied_answer_opens_one_complaint(self):
        self.env.company.partner_id.lang = "en_US"  # the language of the complaint
        user_input = self._send(self.customer)
        choices = dict(
            ALL_SATISFIED, delivery="dissatisfied", complaints="dissatisfied"
        )
        self._customer_answers(user_input, choices, suggestion="Call us back in time.")
        complaint = user_input.qf_followup_ticket_id
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.qf_state, "registered")
        self.assertEqual(complaint.qf_scope, "external")
        self.assertEqual(complaint.escalation_level, 1)
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("quality_feedback.channel_opinion_survey"),
        )
        self.assertIn("How satisfied are you with our delivery", complaint.description)
        self.assertIn("Call us back in time.", complaint.description)
        self.assertNotIn("quality of our products", complaint.description)
        # Completed again (or the follow-up looked for again): still one complaint.
        user_input.sudo()._mark_done()
        user_input._qf_follow_up_dissatisfied()
        tickets = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.customer.id), ("is_complaint", "=", True)]
        )
        self.assertEqual(tickets, complaint)

    def test_satisfied_answers_open_nothing(self):
        user_input = self._send(self.customer)
        self._customer_answers(user_input, dict(ALL_SATISFIED, service="neutral"))
        self.assertEqual(user_input.state, "done")
        self.assertFalse(user_input.qf_followup_ticket_id)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.id)])
        )

    def test_survey_about_a_closed_complaint_follows_it_up(self):
        complaint = self._closed_complaint()
        action = complaint.with_user(self.user_officer).action_qf_send_opinion_survey()
        wizard = self.env["quality.survey.send"].browse(action["res_id"])
        self.assertEqual(wizard.ticket_id, complaint)
        self.assertEqual(wizard.partner_ids, self.customer)
        wizard.with_user(self.user_officer).action_send()
        user_input = self.env["survey.user_input"].search(
            [("qf_ticket_id", "=", complaint.id)]
        )
        self.assertEqual(user_input.partner_id, self.customer)
        self._customer_answers(user_input, dict(ALL_SATISFIED, quality="dissatisfied"))
        followup = complaint.qf_dissatisfaction_followup_id
        self.assertTrue(followup)
        self.assertEqual(user_input.qf_followup_ticket_id, followup)
        self.assertEqual(followup.parent_complaint_id, complaint)
        self.assertEqual(followup.escalation_level, complaint.escalation_level + 1)
        self.assertEqual(complaint.followup_complaint_ids, followup)

    def test_survey_about_an_open_complaint_refused(self):
        complaint = self._new_complaint()
        with self.assertRaisesRegex(UserError, "once it is closed"):
            self._send(self.customer, ticket=complaint)
        closed = self._closed_complaint()
        with self.assertRaisesRegex(UserError, "to its customer only"):
            self._send(self.other_customer, ticket=closed)


class TestSurveySummary(SurveyCase):
    def test_per_customer_summary(self):
        first, second = self._send(self.customer), self._send(self.customer)
        self._send(self.other_customer)  # not answered: not counted
        self._customer_answers(first, ALL_SATISFIED)
        self._customer_answers(
            second,
            dict(
                ALL_SATISFIED,
                quality="neutral",
                delivery="dissatisfied",
                overall="dissatisfied",
            ),
        )
        contact = self.portal_user.partner_id  # a contact of the customer
        for customer in (self.customer, contact):
            partner = customer.with_user(self.user_officer)
            self.assertEqual(partner.qf_survey_count, 2)
            self.assertEqual(partner.qf_survey_rated_count, 10)
            self.assertEqual(partner.qf_survey_dissatisfied_count, 2)
            self.assertAlmostEqual(partner.qf_survey_satisfied_share, 70.0)
            self.assertEqual(partner.qf_survey_input_ids, first | second)
        other = self.other_customer.with_user(self.user_officer)
        self.assertEqual(other.qf_survey_count, 0)
        self.assertEqual(other.qf_survey_satisfied_share, 0.0)
        action = self.customer.with_user(self.user_officer).action_qf_view_surveys()
        self.assertEqual(
            self.env["survey.user_input"].search(action["domain"]), first | second
        )

    def test_summary_in_grouped_queries(self):
        partners = self.customer | self.other_customer
        self._customer_answers(self._send(self.customer), ALL_SATISFIED)
        partners.invalidate_recordset()
        with self.assertQueryCount(__system__=3):  # partners, surveys, answers
            partners.mapped("qf_survey_satisfied_share")
            partners.mapped("qf_survey_count")
            partners.mapped("qf_survey_dissatisfied_count")


class TestPeriodicSurvey(SurveyCase):
    def test_cron_sends_once_per_period(self):
        quiet = self.env["res.partner"].create(
            {"name": "Quiet Customer", "email": "quiet@example.com", "is_company": True}
        )
        Survey = self.env["survey.survey"]
        complaint = self._new_complaint()
        sent = Survey._qf_send_periodic_surveys()
        mine = sent.filtered(lambda i: i.partner_id == self.customer)
        self.assertEqual(mine.survey_id, self.survey)
        self.assertNotIn(quiet, sent.partner_id)
        self.assertFalse(
            Survey._qf_send_periodic_surveys().filtered(
                lambda i: i.partner_id == self.customer
            ),
            "surveyed once in the period",
        )
        # Thirteen months later, with a new complaint: asked again.
        self.env.cr.execute(
            "UPDATE survey_user_input SET create_date = create_date - interval '13 months'"
            " WHERE id = %s",
            [mine.id],
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET date_received = date_received - interval '13 months'"
            " WHERE id = %s",
            [complaint.id],
        )
        self.assertNotIn(self.customer, Survey._qf_send_periodic_surveys().partner_id)
        self._new_complaint()
        self.assertIn(self.customer, Survey._qf_send_periodic_surveys().partner_id)

    def _queries_of_a_run(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        sent = self.env["survey.survey"]._qf_send_periodic_surveys()
        return self.env.cr.sql_log_count - before, sent

    def test_cron_queries_flat(self):
        """With nothing to send, a run costs the same few queries whether 1 or 20
        customers with complaints were surveyed in the period."""
        self._new_complaint()
        self._queries_of_a_run()
        few, sent = self._queries_of_a_run()
        self.assertFalse(sent)
        customers = self.env["res.partner"].create(
            [{"name": f"Customer {n}", "email": f"c{n}@example.com"} for n in range(20)]
        )
        for customer in customers:
            self._new_complaint(partner_id=customer.id)
        _count, sent = self._queries_of_a_run()
        self.assertEqual(sent.partner_id, customers)
        many, sent = self._queries_of_a_run()
        self.assertFalse(sent)
        self.assertEqual(many, few)


class TestSurveyAttacks(SurveyCase):
    """Employees cannot fake a dissatisfied answer nor move the marks that open
    complaints (with_user, hostile context keys)."""

    def test_satisfaction_marks_of_others_surveys(self):
        answer = self.env.ref("quality_feedback.survey_answer_quality_very")
        for user in (self.user_officer, self.user_sales):
            with self.assertRaises(AccessError):
                answer.with_user(user).with_context(qf_force=True).write(
                    {"qf_satisfaction": "dissatisfied"}
                )
        self.assertEqual(answer.qf_satisfaction, "satisfied")
        # Renaming the dissatisfied answer would flip it just as well.
        dissatisfied = self.env.ref(
            "quality_feedback.survey_answer_quality_dissatisfied"
        )
        with self.assertRaises(AccessError):
            dissatisfied.with_user(self.user_officer).value = "Very satisfied"
        self.assertEqual(dissatisfied.value, "Dissatisfied")
        question = self.env.ref("quality_feedback.survey_question_quality")
        with self.assertRaises(AccessError):
            self.env["survey.question.answer"].with_user(self.user_officer).create(
                {
                    "question_id": question.id,
                    "value": "Bad",
                    "qf_satisfaction": "dissatisfied",
                }
            )
        # The survey manager may; an officer on the survey he created may.
        answer.with_user(self.user_manager).qf_satisfaction = "neutral"
        self.assertEqual(answer.qf_satisfaction, "neutral")
        own = (
            self.env["survey.survey"]
            .with_user(self.user_officer)
            .create(
                {
                    "title": "Officer's survey",
                    "question_and_page_ids": [
                        (
                            0,
                            0,
                            {
                                "title": "Happy?",
                                "question_type": "simple_choice",
                                "suggested_answer_ids": [
                                    (
                                        0,
                                        0,
                                        {
                                            "value": "No",
                                            "qf_satisfaction": "dissatisfied",
                                        },
                                    )
                                ],
                            },
                        )
                    ],
                }
            )
        )
        self.assertEqual(
            own.question_ids.suggested_answer_ids.qf_satisfaction, "dissatisfied"
        )

    def test_guarded_invitation_fields(self):
        user_input = self._send(self.customer)
        complaint = self._new_complaint()
        officer_input = user_input.with_user(self.user_manager).with_context(
            qf_force=True, default_qf_invited=True
        )
        for vals in (
            {"qf_followup_ticket_id": complaint.id},
            {"qf_ticket_id": complaint.id},
            {"qf_invited": False},
            {"partner_id": self.other_customer.id},
            {"state": "done"},
        ):
            with self.assertRaises(AccessError):
                officer_input.write(vals)
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.user_officer).create(
                {
                    "survey_id": self.survey.id,
                    "partner_id": self.customer.id,
                    "qf_invited": True,
                }
            )
        # A context default does not mark an invitation either.
        raw = (
            self.env["survey.user_input"]
            .with_user(self.user_officer)
            .with_context(
                default_qf_invited=True, default_qf_company_id=self.env.company.id
            )
            .create({"survey_id": self.survey.id, "partner_id": self.other_customer.id})
        )
        self.assertFalse(raw.qf_invited)
        self.assertFalse(user_input.qf_followup_ticket_id)
        self.assertEqual(user_input.partner_id, self.customer)
        self.assertEqual(user_input.state, "new")

    def test_employee_cannot_answer_for_the_customer(self):
        user_input = self._send(self.customer)
        answer = self.env.ref("quality_feedback.survey_answer_delivery_dissatisfied")
        line_vals = {
            "user_input_id": user_input.id,
            "question_id": answer.question_id.id,
            "answer_type": "suggestion",
            "suggested_answer_id": answer.id,
        }
        for user in (self.user_officer, self.user_manager):
            with self.assertRaises(AccessError):
                self.env["survey.user_input.line"].with_user(user).create(line_vals)
        self._customer_answers(user_input, ALL_SATISFIED)
        line = user_input.user_input_line_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.user_manager).write({"suggested_answer_id": answer.id})
        with self.assertRaises(AccessError):
            line.with_user(self.user_manager).unlink()
        self.assertFalse(user_input.qf_followup_ticket_id)

    def test_self_made_answers_open_no_complaint(self):
        """An employee's own answer record (not sent as an opinion survey), filled in
        and submitted through the survey's link, opens nothing."""
        raw = (
            self.env["survey.user_input"]
            .with_user(self.user_officer)
            .create({"survey_id": self.survey.id, "partner_id": self.other_customer.id})
        )
        self._customer_answers(raw, dict(ALL_SATISFIED, delivery="dissatisfied"))
        self.assertEqual(raw.state, "done")
        self.assertFalse(raw.qf_followup_ticket_id)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "=", self.other_customer.id)]
            )
        )

    def test_survey_about_a_complaint_one_cannot_read(self):
        closed = self._closed_complaint()
        officer = self.user_officer
        # A survey officer who is not in the quality office reads no complaint.
        outsider = self._new_user(
            "qf-survey-outsider", "group_qf_user", ",survey.group_survey_user"
        )
        self.assertTrue(officer)
        with self.assertRaises(AccessError):
            self._send(self.customer, user=outsider, ticket=closed)
