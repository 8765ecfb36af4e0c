# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .service_common import ServiceCase


class TestServiceDispatch(ServiceCase):
    """R-602: the factory director dispatches; undispatched orders come first."""

    def test_only_the_director_dispatches(self):
        order = self._register()
        for user in (self.user_clerk, self.user_technician, self.user_officer):
            with self.assertRaises(AccessError):
                order.with_user(user)._qf_dispatch(self.technician)
            with self.assertRaises(AccessError):
                order.with_user(user).write({"person_id": self.technician.id})
        self.assertFalse(order.person_id)
        self._dispatch(order)
        self.assertEqual(order.person_id, self.technician)
        self.assertEqual(order.stage_id, self.stages["dispatched"])
        self.assertEqual(order.qf_dispatched_by_id, self.user_director)
        # The notice is done, the technician has his visit on his to-do list.
        visit_type = self.env.ref("quality_feedback.mail_activity_type_service_visit")
        notice_type = self.env.ref("quality_feedback.mail_activity_type_service_notice")
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == notice_type)
        )
        visit = order.activity_ids.filtered(lambda a: a.activity_type_id == visit_type)
        self.assertEqual(visit.user_id, self.user_technician)

    def test_end_of_day_flags_once_and_only_undispatched(self):
        model = self.env["fsm.order"]
        late, dispatched, today = self._register(), self._register(), self._register()
        self._dispatch(dispatched)
        yesterday = fields.Datetime.now() - timedelta(days=1)
        self.env.cr.execute(
            "UPDATE fsm_order SET create_date = %s WHERE id IN %s",
            (yesterday, tuple((late | dispatched).ids)),
        )
        model.invalidate_model(["create_date"])
        self.assertEqual(model._cron_qf_flag_undispatched(), 1)
        self.assertTrue(late.qf_priority_dispatch)
        self.assertFalse(dispatched.qf_priority_dispatch)
        self.assertFalse(today.qf_priority_dispatch)
        notice_type = self.env.ref("quality_feedback.mail_activity_type_service_notice")
        reminders = self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", notice_type.id),
                ("summary", "like", "not dispatched"),
            ]
        )
        self.assertEqual(
            len(reminders.filtered(lambda a: a.user_id == self.user_director)), 1
        )
        # Run twice: nothing more.
        self.assertEqual(model._cron_qf_flag_undispatched(), 0)
        self.assertEqual(
            len(
                self.env["mail.activity"].search(
                    [
                        ("activity_type_id", "=", notice_type.id),
                        ("summary", "like", "not dispatched"),
                    ]
                )
            ),
            len(reminders),
        )
        # Flagged orders come first on the director's list; dispatching clears it.
        listed = model.with_user(self.user_director).search(
            [("stage_id", "=", self.stages["new"].id)],
            order="qf_priority_dispatch desc, request_early desc",
        )
        self.assertEqual(listed[:1], late)
        self._dispatch(late)
        self.assertFalse(late.qf_priority_dispatch)

    def test_start_of_day_in_the_company_time_zone(self):
        calendar = self.env.company.resource_calendar_id
        calendar.tz = "Asia/Shanghai"
        start = self.env["fsm.order"]._qf_start_of_day(datetime(2026, 12, 1, 17, 0))
        # 01:00 on 2 December in Shanghai: the day began at 16:00 UTC on 1 December.
        self.assertEqual(start, datetime(2026, 12, 1, 16, 0))


class TestServiceOnSite(ServiceCase):
    """R-602: signed on site, completed, filed by the quality department."""

    def test_completion_needs_the_signature(self):
        order = self._register()
        self._dispatch(order)
        with self.assertRaisesRegex(UserError, "has not signed"):
            order.with_user(self.user_technician).action_complete()
        with self.assertRaises(AccessError):
            order.with_user(self.user_technician).write(
                {"signature": b"aGVsbG8=", "signed_by": "Me"}
            )
        self._sign(order)
        self.assertEqual(order.signed_by, "Wang Wei")
        order.with_user(self.user_technician).action_complete()
        self.assertEqual(order.stage_id, self.stages["completed"])
        self.assertTrue(order.date_end)
        self.assertFalse(order.activity_ids, "the technician's visit is done")
        self.assertFalse(order.is_closed, "only filed orders count as closed")

    def test_only_his_technician_signs_and_completes(self):
        order = self._register()
        self._dispatch(order)
        with self.assertRaises(AccessError):
            self._sign(order, user=self.user_technician_2)
        self._sign(order)
        with self.assertRaises(AccessError):
            order.with_user(self.user_technician_2).action_complete()

    def test_no_signature_on_a_cancelled_or_new_order(self):
        order = self._register()
        with self.assertRaisesRegex(UserError, "cannot be signed"):
            self._sign(order, user=self.user_director)
        order.with_user(self.user_clerk).action_cancel()
        self.assertEqual(order.stage_id, self.stages["cancelled"])
        with self.assertRaisesRegex(UserError, "cannot be signed"):
            self._sign(order, user=self.user_director)
        self.assertFalse(order.signature)

    def test_quality_files_the_signed_form(self):
        order = self._register()
        with self.assertRaisesRegex(UserError, "only completed orders"):
            order.with_user(self.user_officer).action_qf_file()
        self._complete(order)
        for user in (self.user_technician, self.user_clerk, self.user_director):
            with self.assertRaises(AccessError):
                order.with_user(user).action_qf_file()
        order.with_user(self.user_officer).action_qf_file()
        self.assertEqual(order.stage_id, self.stages["filed"])
        self.assertEqual(order.qf_filed_by_id, self.user_officer)
        self.assertTrue(order.qf_date_filed)
        self.assertTrue(order.is_closed)
        # A filed form is a record.
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            order.with_user(self.user_director).write({"resolution": "<p>Changed</p>"})
        with self.assertRaises(UserError):
            order.with_user(self.user_director).unlink()

    def test_technician_reads_only_his_orders(self):
        mine, other = self._register(), self._register()
        self._dispatch(mine)
        self._dispatch(other, self.technician_2)
        orders = self.env["fsm.order"].with_user(self.user_technician)
        self.assertEqual(orders.search([("id", "in", (mine | other).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.user_technician).read(["name"])
        costs = self.env["quality.service.cost"]
        cost = costs.create({"order_id": other.id, "kind": "travel", "unit_cost": 80})
        self.assertFalse(
            costs.with_user(self.user_technician).search([("id", "=", cost.id)])
        )

    def test_complaint_closes_only_with_its_service_orders_filed(self):
        complaint = self._new_complaint()
        order = self._register(user=self.user_officer, ticket_id=complaint.id)
        self.assertEqual(order.ticket_id, complaint)
        self._complete(order)
        self.assertFalse(order.is_closed)
        order.with_user(self.user_officer).action_qf_file()
        self.assertTrue(all(complaint.fsm_order_ids.mapped("is_closed")))


class TestServiceMoney(ServiceCase):
    """R-604: paid service invoiced from the signed form, costs per order."""

    def test_only_paid_service_is_invoiced(self):
        paid = self._register()
        self.assertEqual(paid.qf_service_type, "paid")
        self._dispatch(paid)
        paid.with_user(self.user_technician).write({"qf_fee_amount": 150})
        with self.assertRaisesRegex(UserError, "complete it first"):
            paid.with_user(self.user_clerk).action_qf_create_invoice()
        self._sign(paid)
        paid.with_user(self.user_technician).action_complete()
        with self.assertRaises(AccessError):
            paid.with_user(self.user_technician).action_qf_create_invoice()
        paid.with_user(self.user_clerk).action_qf_create_invoice()
        invoice = paid.invoice_ids
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.amount_untaxed, 150)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            paid.with_user(self.user_clerk).action_qf_create_invoice()
        warranty = self._register(purchase_date=fields.Date.today())
        self.assertEqual(warranty.qf_service_type, "warranty")
        self._complete(warranty)
        with self.assertRaisesRegex(UserError, "Only paid service"):
            warranty.with_user(self.user_clerk).action_qf_create_invoice()
        self.assertFalse(warranty.invoice_ids)

    def test_costs_by_product_customer_and_technician(self):
        paid = self._register()
        warranty = self._register(purchase_date=fields.Date.today())
        self._dispatch(paid)
        self._dispatch(warranty, self.technician_2)
        costs = self.env["quality.service.cost"]
        costs.with_user(self.user_technician).create(
            [
                {"order_id": paid.id, "kind": "travel", "unit_cost": 120},
                {"order_id": paid.id, "kind": "labour", "quantity": 2, "unit_cost": 50},
            ]
        )
        costs.with_user(self.user_technician_2).create(
            {
                "order_id": warranty.id,
                "kind": "parts",
                "product_id": self.product.id,
                "quantity": 1,
                "unit_cost": 300,
            }
        )
        self.assertEqual(paid.qf_cost_total, 220)
        by_person = dict(
            costs._read_group(
                [("order_id", "in", (paid | warranty).ids)],
                ["person_id"],
                ["amount:sum"],
            )
        )
        self.assertEqual(by_person[self.technician], 220)
        self.assertEqual(by_person[self.technician_2], 300)
        by_type = dict(
            costs._read_group(
                [("order_id", "in", (paid | warranty).ids)],
                ["cost_type"],
                ["amount:sum"],
            )
        )
        self.assertEqual(by_type, {"service": 220, "warranty": 300})
        by_product = dict(
            costs._read_group(
                [("order_id", "=", paid.id)], ["service_product_id"], ["amount:sum"]
            )
        )
        self.assertEqual(by_product[self.product], 220)

    def test_bad_amounts_refused(self):
        order = self._register()
        self._dispatch(order)
        costs = self.env["quality.service.cost"].with_user(self.user_technician)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            costs.create({"order_id": order.id, "kind": "travel", "unit_cost": -5})
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            costs.create(
                {"order_id": order.id, "kind": "travel", "quantity": -1, "unit_cost": 5}
            )
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            order.with_user(self.user_technician).write({"qf_fee_amount": -10})
        with self.assertRaises(AccessError):
            costs.create(
                {"order_id": order.id, "kind": "travel", "unit_cost": 5, "amount": 1}
            )
        self.assertFalse(order.qf_cost_ids)


class TestServiceFeeOnSite(ServiceCase):
    """R-604 (2.4): a small fee collected on site is handed over to finance, who
    registers the payment with the technician as collector."""

    def test_collect_on_site_then_finance_registers(self):
        finance = new_test_user(
            self.env,
            "qf-finance-fee",
            groups="base.group_user,account.group_account_invoice",
        )
        order = self._register()
        self._dispatch(order)
        technician = order.with_user(self.user_technician)
        with self.assertRaisesRegex(UserError, "enter the fee"):
            technician.action_qf_collect_fee()
        technician.write({"qf_fee_amount": 80})
        with self.assertRaises(AccessError):
            order.with_user(self.user_technician_2).action_qf_collect_fee()
        technician.action_qf_collect_fee()
        self.assertEqual(order.qf_fee_collected_by_id, self.user_technician)
        with self.assertRaisesRegex(UserError, "already collected"):
            technician.action_qf_collect_fee()
        self._sign(order)
        technician.action_complete()
        order.with_user(self.user_clerk).action_qf_create_invoice()
        invoice = order.invoice_ids
        self.assertEqual(
            invoice.with_user(finance).qf_fee_collector_id, self.user_technician
        )
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_clerk).action_qf_register_fee()
        invoice.with_user(finance).action_qf_register_fee()
        payment = order.qf_fee_payment_id
        self.assertEqual(payment.qf_collector_id, self.user_technician)
        self.assertEqual(payment.amount, 80)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertFalse(invoice.with_user(finance).qf_fee_collector_id)
        with self.assertRaisesRegex(UserError, "No service fee"):
            invoice.with_user(finance).action_qf_register_fee()

    def test_no_collection_for_free_service(self):
        order = self._register(purchase_date=fields.Date.today())
        self._dispatch(order)
        order.with_user(self.user_technician).write({"qf_fee_amount": 50})
        with self.assertRaisesRegex(UserError, "paid service"):
            order.with_user(self.user_technician).action_qf_collect_fee()
