# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, sql_db
from odoo.exceptions import UserError

from odoo.addons.quality_feedback.models.quality_compensation import (
    chinese_amount_in_words,
)

from .common import QualityFeedbackCase, two_transactions


class CompensationCase(QualityFeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._new_user(
            "qf-sales-manager", "group_qf_user", ",sales_team.group_sale_manager"
        )
        cls.finance = cls._new_user(
            "qf-finance", "group_qf_user", ",account.group_account_invoice"
        )
        cls.env.company.write(
            {"qf_approval_limit_sales": 1000, "qf_approval_limit_gm": 5000}
        )
        cls.complaint = cls._new_complaint()

    def _request(self, amount, user=None, **values):
        return (
            self.env["quality.compensation"]
            .with_user(user or self.user_sales)
            .create(
                {
                    "ticket_id": values.pop("ticket_id", self.complaint.id),
                    "method": "allowance",
                    "amount": amount,
                    "reason": "Two pumps leaked; the customer keeps them with a discount.",
                    **values,
                }
            )
        )

    def _approver(self, level):
        return {1: self.sales_manager, 2: self.user_gm, 3: self.user_chairman}[level]


class TestCompensationApproval(CompensationCase):
    """R-302, R-303: the amount decides who approves; nothing is settled before."""

    def test_amount_bands(self):
        for amount, level in [
            (999.99, 1),
            (1000.00, 1),
            (1000.01, 2),
            (5000.00, 2),
            (5000.01, 3),
        ]:
            request = self._request(amount)
            self.assertEqual(request.approval_level, level, amount)
            request.action_submit()
            self.assertEqual(request.state, "to_approve")
            self.assertEqual(len(request.review_ids), 1)
            self.assertIn(self._approver(level), request.review_ids.reviewer_ids)
            for other in {1, 2, 3} - {level}:
                self.assertNotIn(self._approver(other), request.review_ids.reviewer_ids)

    def test_foreign_currency_converted_at_request_date(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        company_currency = self.env.company.currency_id
        self.env["res.currency.rate"].create(
            [
                {
                    "name": "2031-01-01",
                    "currency_id": eur.id,
                    "rate": 0.5,
                    "company_id": self.env.company.id,
                },
                {
                    "name": "2031-06-01",
                    "currency_id": eur.id,
                    "rate": 0.1,
                    "company_id": self.env.company.id,
                },
            ]
        )
        if company_currency == eur:
            self.skipTest("the company currency is EUR")
        self.env["res.currency.rate"].search(
            [
                ("currency_id", "=", company_currency.id),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        ).unlink()
        # 1 company unit = 0.5 EUR on 1 March: 600 EUR = 1,200 → general manager.
        request = self._request(600, currency_id=eur.id, date="2031-03-01")
        self.assertAlmostEqual(request.amount_company, 1200, places=2)
        self.assertEqual(request.approval_level, 2)
        # 1 company unit = 0.1 EUR in July: 600 EUR = 6,000 → chairman.
        request = self._request(600, currency_id=eur.id, date="2031-07-01")
        self.assertAlmostEqual(request.amount_company, 6000, places=2)
        self.assertEqual(request.approval_level, 3)

    def test_follow_up_needs_one_level_higher(self):
        followup = self._new_complaint(name="Follow-up")
        followup.sudo().escalation_level = 1
        self.assertEqual(self._request(500, ticket_id=followup.id).approval_level, 2)
        self.assertEqual(self._request(4000, ticket_id=followup.id).approval_level, 3)
        self.assertEqual(self._request(9000, ticket_id=followup.id).approval_level, 3)

    def test_approval_creates_exactly_one_credit_note(self):
        request = self._request(3000)
        request.action_submit()
        with self.assertRaisesRegex(UserError, "waits for another approver"):
            request.with_user(self.sales_manager).validate_tier()
        request.with_user(self.user_gm).validate_tier()
        self.assertEqual(request.state, "done")
        credit_note = request.move_id
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.partner_id, self.customer)
        self.assertEqual(credit_note.amount_total, 3000)
        self.assertEqual(credit_note.qf_compensation_id, request)
        self.assertEqual(credit_note.qf_ticket_id, self.complaint)
        with self.assertRaisesRegex(UserError, "already settled"):
            request.with_user(self.finance).action_settle()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("qf_compensation_id", "=", request.id)]
            ),
            1,
        )
        # Who decided, when (tier review), and a trace in the chatter.
        self.assertEqual(request.review_ids.done_by, self.user_gm)
        self.assertTrue(request.review_ids.reviewed_date)
        self.assertIn(
            "A review was accepted",
            " | ".join(request.sudo().message_ids.mapped("body")),
        )

    def test_compensation_payment_is_a_draft_outbound_payment(self):
        request = self._request(800, method="compensation")
        request.action_submit()
        request.with_user(self.sales_manager).validate_tier()
        payment = request.payment_id
        self.assertEqual(payment.payment_type, "outbound")
        self.assertEqual(payment.partner_type, "customer")
        self.assertEqual(payment.state, "draft")
        self.assertEqual(payment.amount, 800)
        self.assertEqual(payment.qf_compensation_id, request)

    def test_credit_note_linked_to_the_original_invoice(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "journal_id": journal.id,
                "invoice_line_ids": [
                    fields.Command.create({"name": "Pumps", "price_unit": 9000})
                ],
            }
        )
        invoice.action_post()
        request = self._request(200, invoice_id=invoice.id)
        request.action_submit()
        request.with_user(self.sales_manager).validate_tier()
        self.assertEqual(request.move_id.reversed_entry_id, invoice)

    def test_bypass_attempts_are_refused(self):
        request = self._request(3000)
        with self.assertRaisesRegex(UserError, "change only through its buttons"):
            request.with_user(self.user_gm).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "is not approved"):
            request.with_user(self.finance).action_settle()
        request.action_submit()
        with self.assertRaisesRegex(UserError, "Only a draft compensation request"):
            request.amount = 100
        with self.assertRaisesRegex(UserError, "change only through its buttons"):
            request.with_user(self.user_gm).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "Only finance settles"):
            request.with_user(self.user_gm).action_settle()
        self.assertFalse(request.move_id)
        request.with_user(self.user_gm).validate_tier()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            request.with_user(self.user_gm).validate_tier()  # approving twice

    def test_approving_after_cancel_is_refused(self):
        request = self._request(3000)
        request.action_submit()
        request.action_cancel()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            request.with_user(self.user_gm).validate_tier()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.move_id)

    def test_requester_cannot_approve_his_own_request(self):
        request = self._request(3000, user=self.user_gm)
        request.with_user(self.user_gm).action_submit()
        with self.assertRaisesRegex(UserError, "your own request"):
            request.with_user(self.user_gm).validate_tier()
        # Four eyes in the tier too: the requester is no reviewer.
        self.assertNotIn(self.user_gm, request.review_ids.reviewer_ids)

    def test_rejection(self):
        request = self._request(800)
        request.action_submit()
        request.with_user(self.sales_manager).reject_tier()
        self.assertEqual(request.state, "rejected")
        with self.assertRaisesRegex(UserError, "is not approved"):
            request.with_user(self.finance).action_settle()

    def test_no_promise_to_the_customer_before_approval(self):
        self.complaint.sudo().write({"customer_reply": "<p>We grant a discount.</p>"})
        request = self._request(800)
        request.action_submit()
        with self.assertRaisesRegex(UserError, "nothing may be promised"):
            self.complaint.with_user(self.user_officer).action_qf_send_customer_reply()
        request.with_user(self.sales_manager).validate_tier()
        self.assertTrue(
            self.complaint.with_user(self.user_officer).action_qf_send_customer_reply()
        )

    def test_only_drafts_are_deleted(self):
        request = self._request(800)
        request.action_submit()
        with self.assertRaisesRegex(UserError, "Only draft or cancelled"):
            request.unlink()

    def test_finance_reads_but_does_not_approve(self):
        request = self._request(800)
        request.action_submit()
        request.with_user(self.finance).read(["name", "amount"])
        with self.assertRaises(UserError):  # AccessError is a UserError
            request.with_user(self.finance).validate_tier()


class TestAllowanceCertificate(CompensationCase):
    """R-304, R-903: the printed allowance certificate with the amount in words."""

    def test_chinese_amount_in_words(self):
        cases = {
            3000: "叁仟元整",
            1001: "壹仟零壹元整",
            10010: "壹万零壹拾元整",
            3005.5: "叁仟零伍元伍角",
            1000.01: "壹仟元零壹分",
            100100: "壹拾万零壹佰元整",
            0.05: "伍分",
            120000000.3: "壹亿贰仟万元叁角",
        }
        for amount, words in cases.items():
            self.assertEqual(chinese_amount_in_words(amount), words, amount)

    def test_certificate_prints_amount_in_words(self):
        request = self._request(3005.5)
        report = self.env.ref("quality_feedback.action_report_allowance_certificate")
        html = report._render_qweb_html(report.report_name, request.ids)[0].decode()
        self.assertIn("Sales Allowance Certificate", html)
        self.assertIn(request.name, html)
        self.assertIn(self.complaint.number, html)
        html_zh = (
            report.with_context(lang="zh_CN")
            ._render_qweb_html(report.report_name, request.ids)[0]
            .decode()
        )
        self.assertIn("叁仟零伍元伍角", html_zh)


class TestSettlementConcurrency(QualityFeedbackCase):
    """Two users settling the same approved request at once get one credit note:
    the second is told it is being settled. Runs on real transactions; what they
    commit is removed afterwards."""

    def test_two_settlements_at_once(self):
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            complaint = env["helpdesk.ticket"].create(
                {
                    "name": "Concurrent settlement",
                    "description": "x",
                    "team_id": env.ref("quality_feedback.team_quality_complaints").id,
                    "partner_id": env.ref("base.res_partner_2").id,
                }
            )
            request = env["quality.compensation"].create(
                {"ticket_id": complaint.id, "amount": 300, "reason": "Discount"}
            )
            request.with_context(
                qf_compensation_move=True, skip_validation_check=True
            ).write({"state": "approved"})
            ids = complaint.id, request.id
        self.addCleanup(self._remove_committed, dbname, *ids)

        with two_transactions(dbname) as (env_first, env_second):
            env_first["quality.compensation"].browse(ids[1]).action_settle()
            with self.assertRaisesRegex(UserError, "being settled by someone else"):
                env_second["quality.compensation"].browse(ids[1]).action_settle()
            env_second.cr.rollback()
            env_first.cr.commit()
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "already settled"):
                env_second["quality.compensation"].browse(ids[1]).action_settle()
            self.assertEqual(
                env_second["account.move"].search_count(
                    [("qf_compensation_id", "=", ids[1])]
                ),
                1,
            )

    def _remove_committed(self, dbname, complaint_id, request_id):
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            request = env["quality.compensation"].browse(request_id)
            request.move_id.unlink()
            cr.execute("DELETE FROM quality_compensation WHERE id = %s", [request_id])
            env["helpdesk.ticket"].browse(complaint_id).unlink()
