# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""R-303 against any caller: states, requester, approval inputs and the tier reviews
themselves, tried over the ORM as each user would over RPC (issue #12, classes 1-5)."""

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .attack_common import AttackCase

STATE_FIELDS = ("state", "move_id", "payment_id", "approval_level", "user_id")


class TestCompensationAttacks(AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._new_user(
            "qf-att-sales-manager", "group_qf_user", ",sales_team.group_sale_manager"
        )
        cls.env.company.write(
            {"qf_approval_limit_sales": 1000, "qf_approval_limit_gm": 5000}
        )
        cls.complaint = cls._new_complaint(user=cls.user_sales)
        cls.Compensation = cls.env["quality.compensation"]

    def _request(self, amount, user=None, **values):
        return self.Compensation.with_user(user or self.user_sales).create(
            {
                "ticket_id": self.complaint.id,
                "method": "allowance",
                "amount": amount,
                "reason": "Scratched housings",
                **values,
            }
        )

    def _submitted(self, amount, user=None):
        request = self._request(amount, user=user)
        request.action_submit()
        return request

    # --- class 1: context keys ------------------------------------------------------
    def test_state_written_with_the_internal_context_key(self):
        request = self._submitted(6000)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).write(
                {"state": "approved"}
            ),
            request,
            STATE_FIELDS,
            regex="change only through its buttons",
        )

    def test_settle_with_context_keys_before_approval(self):
        request = self._submitted(6000)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).action_settle(),
            request,
            STATE_FIELDS,
            regex="Only finance settles",
        )

    def test_finance_cannot_settle_an_unapproved_request(self):
        finance = self._new_user(
            "qf-att-fin", "group_qf_user", ",account.group_account_invoice"
        )
        request = self._submitted(600)
        self.assertRefused(
            UserError,
            lambda: self.attacker(request, finance).action_settle(),
            request,
            STATE_FIELDS,
            regex="is not approved",
        )

    # --- class 2: create ------------------------------------------------------------
    def test_create_approved(self):
        count = self.Compensation.search_count([])
        self.assertRefused(
            AccessError,
            lambda: self._request(6000, user=self.user_sales, state="approved"),
            regex="State",
        )
        self.assertEqual(self.Compensation.search_count([]), count)

    def test_default_state_in_context_is_ignored(self):
        request = (
            self.Compensation.with_user(self.user_sales)
            .with_context(default_state="approved", default_approval_level=1)
            .create(
                {
                    "ticket_id": self.complaint.id,
                    "amount": 6000,
                    "reason": "Context defaults",
                }
            )
        )
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.approval_level, 3)

    def test_create_in_someone_elses_name(self):
        self.assertRefused(
            AccessError,
            lambda: self._request(3000, user=self.user_gm, user_id=self.user_sales.id),
            regex="Requested By",
        )

    def test_create_with_a_number_or_a_document(self):
        self.assertRefused(
            AccessError, lambda: self._request(500, name="QC-FORGED"), regex="Name"
        )
        move = self.env["account.move"].search([], limit=1)
        self.assertRefused(
            AccessError,
            lambda: self._request(500, move_id=move.id),
            regex="Credit Note",
        )

    # --- class 3: decision inputs ---------------------------------------------------
    def test_write_approval_level_and_company_amount(self):
        request = self._request(6000)
        for values in ({"approval_level": 1}, {"amount_company": 10}):
            self.assertRefused(
                AccessError,
                lambda values=values: self.attacker(request, self.user_sales).write(
                    values
                ),
                request,
                ("approval_level", "amount_company"),
            )

    def test_what_was_approved_is_fixed_once_submitted(self):
        request = self._submitted(6000)
        for values in (
            {"amount": 10},
            {"reason": "Something else than what the chairman reads"},
            {"invoice_id": self.env["account.move"].search([], limit=1).id},
        ):
            self.assertRefused(
                UserError,
                lambda values=values: self.attacker(request, self.user_sales).write(
                    values
                ),
                request,
                ("amount", "approval_level", "reason", "invoice_id"),
                regex="Only a draft",
            )

    def test_write_the_requester(self):
        request = self._submitted(3000)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).write(
                {"user_id": self.user_chairman.id}
            ),
            request,
            STATE_FIELDS,
        )

    # --- class 4: the approval records ----------------------------------------------
    def test_requester_rewrites_his_review(self):
        request = self._submitted(6000)
        review = request.review_ids
        sales_tier = self.env.ref("quality_feedback.tier_compensation_sales_manager")
        for values in (
            {"status": "approved"},
            {"definition_id": sales_tier.id},
            {"done_by": self.user_chairman.id, "reviewed_date": fields.Datetime.now()},
            {"requested_by": self.user_gm.id},
            {"sequence": 99},
        ):
            self.assertRefused(
                AccessError,
                lambda values=values: self.attacker(review, self.user_sales).write(
                    values
                ),
                review,
                ("status", "definition_id", "done_by", "requested_by", "sequence"),
                regex="Approve and Reject buttons",
            )
        self.assertEqual(request.state, "to_approve")

    def test_requester_creates_or_deletes_reviews(self):
        request = self._submitted(6000)
        review = request.review_ids
        Review = self.attacker(self.env["tier.review"], self.user_sales)
        self.assertRefused(
            AccessError,
            lambda: Review.create(
                {
                    "model": "quality.compensation",
                    "res_id": request.id,
                    "definition_id": self.env.ref(
                        "quality_feedback.tier_compensation_sales_manager"
                    ).id,
                    "status": "approved",
                }
            ),
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(review, self.user_sales).unlink(),
            request,
            ("state",),
        )
        self.assertTrue(review.exists())

    def test_review_of_another_model_turned_into_ours(self):
        request = self._submitted(6000)
        other = (
            self.env["tier.review"]
            .sudo()
            .create({"model": "res.partner", "res_id": self.customer.id})
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(other, self.user_sales).write(
                {"model": "quality.compensation", "res_id": request.id}
            ),
            other,
            ("model", "res_id"),
        )

    def test_restart_or_request_validation_again(self):
        request = self._submitted(6000)
        reviews = request.review_ids
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).restart_validation(),
            request,
            STATE_FIELDS,
            regex="cannot be restarted",
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_sales).request_validation(),
            request,
            STATE_FIELDS,
        )
        self.assertEqual(request.review_ids, reviews)

    def test_comment_wizard_rejects_for_someone_else(self):
        request = self._submitted(3000)  # waits for the general manager
        for user, verdict in (
            (self.sales_manager, "reject"),
            (self.user_department, "validate"),
            (self.user_sales, "validate"),
        ):
            wizard = self.attacker(self.env["comment.wizard"], user).create(
                {
                    "res_model": "quality.compensation",
                    "res_id": request.id,
                    "review_ids": [fields.Command.set(request.review_ids.ids)],
                    "validate_reject": verdict,
                    "comment": "Not on my watch",
                }
            )
            self.assertRefused(
                AccessError,
                wizard.add_comment,
                request,
                STATE_FIELDS,
            )
        self.assertEqual(request.review_ids.status, "pending")
        self.assertFalse(request.review_ids.comment)

    def test_reviewer_adds_a_comment_to_his_own_review(self):
        request = self._submitted(3000)
        request.review_ids.with_user(self.user_gm).write({"comment": "Checked"})
        self.assertEqual(request.review_ids.comment, "Checked")

    def test_reviewer_decides_only_with_the_buttons(self):
        """His own pending review takes his comment, nothing else: no verdict written
        past _validate_tier, which checks the four eyes and settles the request."""
        request = self._submitted(3000)  # the general manager's
        review = request.review_ids
        for values in (
            {"status": "approved"},
            {"comment": "Fine", "status": "approved"},
            {"done_by": self.user_gm.id, "reviewed_date": fields.Datetime.now()},
        ):
            self.assertRefused(
                AccessError,
                lambda values=values: self.attacker(review, self.user_gm).write(values),
                review,
                ("status", "done_by", "comment"),
                regex="Approve and Reject buttons",
            )
        self.assertEqual(request.state, "to_approve")

    def test_approver_cannot_approve_his_own_request(self):
        request = self._submitted(3000, user=self.user_gm)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_gm).validate_tier(),
            request,
            STATE_FIELDS,
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_gm)._validate_tier(),
            request,
            STATE_FIELDS,
            regex="your own request",
        )

    def test_creator_cannot_approve_a_request_filed_for_another(self):
        """Four eyes hold for whoever created the request, not only for the requester
        it names: no path files a request in another's name today (user_id is
        guarded), this is for the code that would."""
        request = self._request(3000, user=self.user_gm)
        request.sudo().write({"user_id": self.user_sales.id})
        request.with_user(self.user_sales).action_submit()
        self.assertIn(self.user_gm, request.review_ids.reviewer_ids)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(request, self.user_gm).validate_tier(),
            request,
            STATE_FIELDS,
            regex="your own request",
        )

    def test_lower_approver_cannot_decide(self):
        request = self._submitted(6000)  # chairman
        for call in (
            "validate_tier",
            "reject_tier",
            "_validate_tier",
            "_rejected_tier",
        ):
            self.assertRefused(
                AccessError,
                lambda call=call: getattr(self.attacker(request, self.user_gm), call)(),
                request,
                STATE_FIELDS,
                regex="waits for another approver",
            )

    def test_only_the_requester_submits_and_cancels(self):
        request = self._request(500)
        colleague = self._new_user("qf-att-colleague", "group_qf_user")
        request.sudo().ticket_id.user_id = colleague  # he sees the complaint's requests
        for call in ("action_submit", "action_cancel"):
            self.assertRefused(
                AccessError,
                lambda call=call: getattr(self.attacker(request, colleague), call)(),
                request,
                STATE_FIELDS,
                regex="Only the requester",
            )

    def test_portal_customer_reads_no_approval(self):
        request = self._submitted(3000)
        self.complaint.sudo().message_subscribe(
            partner_ids=self.portal_user.partner_id.ids
        )
        reviews = self.env["tier.review"].with_user(self.portal_user)
        self.assertFalse(reviews.search([("res_id", "=", request.id)]))
        with self.assertRaises(AccessError):
            request.review_ids.with_user(self.portal_user).read(["comment", "done_by"])

    # --- class 5: currencies without a rate -----------------------------------------
    def test_currency_without_rate_is_refused(self):
        currency = self.env["res.currency"].create(
            {"name": "QFX", "symbol": "Q", "rate_ids": False}
        )
        if currency == self.env.company.currency_id:
            self.skipTest("the company currency")
        count = self.Compensation.search_count([])
        self.assertRefused(
            ValidationError,
            lambda: self._request(900, currency_id=currency.id),
            regex="has no exchange rate",
        )
        self.assertEqual(self.Compensation.search_count([]), count)


class TestCompensationFunctional(AttackCase):
    """Defects met on the way: approvers without helpdesk rights, other companies."""

    def test_sales_manager_without_helpdesk_rights_approves(self):
        self.env.company.qf_approval_limit_sales = 1000
        manager = self.env["res.users"].create(
            {
                "name": "Plain Sales Manager",
                "login": "qf-att-plain-sm",
                "group_ids": [
                    fields.Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("sales_team.group_sale_manager").id,
                        ]
                    )
                ],
            }
        )
        self.assertFalse(manager.has_group("helpdesk_mgmt.group_helpdesk_user_own"))
        complaint = self._new_complaint(user=self.user_sales)
        request = (
            self.env["quality.compensation"]
            .with_user(self.user_sales)
            .create({"ticket_id": complaint.id, "amount": 800, "reason": "Discount"})
        )
        request.action_submit()
        request.with_user(manager).validate_tier()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.move_id.move_type, "out_refund")
        self.assertEqual(request.review_ids.done_by, manager)

    def test_second_company_requests_get_their_review(self):
        company = self.env["res.company"].create({"name": "QF Second Plant"})
        company.write({"qf_approval_limit_sales": 1000, "qf_approval_limit_gm": 5000})
        team = self.team.sudo().copy({"company_id": company.id, "name": "QF 2"})
        users = self.user_sales | self.user_gm
        users.write({"company_ids": [fields.Command.link(company.id)]})
        complaint = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_sales)
            .with_company(company)
            .create(
                {
                    "name": "Second plant complaint",
                    "description": "x",
                    "team_id": team.id,
                    "company_id": company.id,
                }
            )
        )
        request = (
            self.env["quality.compensation"]
            .with_user(self.user_sales)
            .with_company(company)
            .create(
                {
                    "ticket_id": complaint.id,
                    "amount": 3000,
                    "method": "free_repair",  # no journal in the new company
                    "reason": "Repair",
                }
            )
        )
        request.action_submit()
        self.assertEqual(len(request.review_ids), 1)
        self.assertIn(self.user_gm, request.review_ids.reviewer_ids)
        request.with_user(self.user_gm).with_company(company).validate_tier()
        self.assertEqual(request.validation_status, "validated")
