# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""After-sales service as an attacker sends it from the browser's console (README,
"How rules are enforced"): guarded fields on create and write, context keys, the
related models, and two real transactions where money moves."""

from odoo import Command, api, fields, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .attack_common import HOSTILE_CONTEXT
from .common import two_transactions
from .service_common import SIGNATURE, ServiceCase

SERVICE_CONTEXT = {
    **HOSTILE_CONTEXT,
    "bypass_order_completed_stage": True,
    "mail_activity_automation_skip": True,
}
ORDER_FIELDS = [
    "stage_id",
    "person_id",
    "qf_service_type",
    "signature",
    "signed_by",
    "qf_filed_by_id",
    "qf_date_filed",
    "qf_priority_dispatch",
    "qf_dispatched_by_id",
    "qf_fee_collected_by_id",
    "invoice_lines",
    "ticket_id",
    "qf_partner_id",
]


class TestServiceAttacks(ServiceCase):
    def attacker(self, records, user):
        return records.with_user(user).with_context(**SERVICE_CONTEXT)

    def assertRefused(self, exception, call, records, regex=None):
        before = self.snapshot(records)
        with self.assertRaises(exception) as caught:
            call()
        if regex:
            self.assertRegex(str(caught.exception), regex)
        self.assertEqual(self.snapshot(records), before)

    def snapshot(self, records):
        records.invalidate_recordset()
        return [{name: rec.sudo()[name] for name in ORDER_FIELDS} for rec in records]

    def test_guarded_fields_refused_on_create(self):
        orders = self.env["fsm.order"]
        location = self._register().location_id
        guarded = {
            "stage_id": self.stages["filed"].id,
            "person_id": self.technician.id,
            "qf_service_type": "warranty",
            "signature": SIGNATURE,
            "signed_by": "Forged",
            "qf_filed_by_id": self.user_officer.id,
            "qf_priority_dispatch": True,
            "qf_dispatched_by_id": self.user_director.id,
            "qf_fee_collected_by_id": self.user_technician.id,
            "create_date": "2020-01-01 00:00:00",
        }
        for user in (self.user_clerk, self.user_director, self.user_officer):
            for name, value in guarded.items():
                with self.subTest(user=user.login, field=name):
                    with self.assertRaisesRegex(AccessError, "change only through"):
                        self.attacker(orders, user).create(
                            {"location_id": location.id, name: value}
                        )
        # Context defaults of guarded fields are dropped, not applied.
        order = (
            orders.with_user(self.user_director)
            .with_context(
                default_stage_id=self.stages["filed"].id,
                default_person_id=self.technician.id,
                default_qf_service_type="warranty",
                default_signed_by="Forged",
            )
            .create({"location_id": location.id, "qf_partner_id": self.customer.id})
        )
        self.assertEqual(order.stage_id, self.stages["new"])
        self.assertFalse(order.person_id)
        self.assertFalse(order.signed_by)
        self.assertEqual(order.qf_service_type, "paid")

    def test_guarded_fields_refused_on_write(self):
        order = self._register()
        self._dispatch(order)
        values = {
            "stage_id": self.stages["completed"].id,
            "person_id": self.technician_2.id,
            "qf_service_type": "warranty",
            "signature": SIGNATURE,
            "qf_filed_by_id": self.user_officer.id,
            "qf_date_filed": fields.Datetime.now(),
            "qf_priority_dispatch": True,
            "qf_fee_collected_by_id": self.user_technician.id,
            "invoice_lines": [Command.set([])],
            "ticket_id": self._new_complaint().id,
            "qf_partner_id": self.other_customer.id,
        }
        users = (
            self.user_technician,
            self.user_clerk,
            self.user_director,
            self.user_officer,
        )
        for user in users:
            for name, value in values.items():
                with self.subTest(user=user.login, field=name):
                    self.assertRefused(
                        AccessError,
                        lambda u=user, n=name, v=value: self.attacker(order, u).write(
                            {n: v}
                        ),
                        order,
                        "change only through",
                    )

    def test_other_technicians_order_refused(self):
        order = self._register()
        self._dispatch(order, self.technician_2)
        attacker = self.attacker(order, self.user_technician)
        self.assertRefused(
            AccessError, lambda: attacker.write({"resolution": "<p>x</p>"}), order
        )
        self.assertRefused(AccessError, attacker.action_complete, order)
        self.assertRefused(
            AccessError,
            lambda: self.attacker(
                self.env["quality.service.cost"], self.user_technician
            ).create({"order_id": order.id, "kind": "travel", "unit_cost": 10}),
            order,
        )
        self.assertRefused(AccessError, attacker.action_qf_collect_fee, order)

    def test_buttons_refused_to_the_wrong_role(self):
        order = self._register()
        for user in (self.user_technician, self.user_clerk, self.user_officer):
            self.assertRefused(
                AccessError,
                lambda u=user: self.attacker(order, u)._qf_dispatch(self.technician),
                order,
            )
        self._complete(order)
        for user in (self.user_technician, self.user_clerk, self.user_director):
            self.assertRefused(
                AccessError,
                lambda u=user: self.attacker(order, u).action_qf_file(),
                order,
            )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(
                order, self.user_technician
            ).action_qf_create_invoice(),
            order,
        )
        self.assertRefused(
            AccessError,
            lambda: self.attacker(order, self.user_technician).action_cancel(),
            order,
        )

    def test_completed_and_filed_orders_are_records(self):
        order = self._register()
        self._complete(order)
        for user in (self.user_technician, self.user_director, self.user_clerk):
            self.assertRefused(
                UserError,
                lambda u=user: self.attacker(order, u).write(
                    {"resolution": "<p>Later</p>"}
                ),
                order,
                "can no longer be changed",
            )
        self.assertRefused(
            UserError,
            lambda: self.attacker(order, self.user_clerk)._qf_set_service_type(
                "other", "x"
            ),
            order,
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(order, self.user_director).action_cancel(),
            order,
            "cannot be cancelled",
        )
        self.assertRefused(
            UserError, lambda: self._sign(order), order, "cannot be signed"
        )
        order.with_user(self.user_officer).action_qf_file()
        self.assertRefused(
            UserError,
            lambda: self.attacker(
                self.env["quality.service.cost"], self.user_clerk
            ).create({"order_id": order.id, "kind": "travel", "unit_cost": 10}),
            order,
            "can no longer be changed",
        )
        self.assertRefused(
            UserError,
            lambda: self.attacker(order, self.user_officer).action_qf_file(),
            order,
        )

    def test_costs_and_links_refused(self):
        order = self._register()
        self._dispatch(order)
        cost = self.env["quality.service.cost"].create(
            {"order_id": order.id, "kind": "parts", "unit_cost": 40}
        )
        other = self._register()
        technician_costs = self.attacker(cost, self.user_technician)
        for values in ({"amount": 1}, {"cost_type": "service"}, {"order_id": other.id}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                technician_costs.write(values)
        self.assertEqual((cost.amount, cost.order_id), (40, order))
        # The relation that says an order is invoiced, from the invoice side.
        finance = new_test_user(
            self.env,
            "qf-finance-attack",
            # Finance who also reads service orders: only the guard stops the link.
            groups="base.group_user,account.group_account_invoice,"
            "fieldservice.group_fsm_user",
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [Command.create({"name": "x", "price_unit": 1})],
            }
        )
        line = invoice.invoice_line_ids
        with self.assertRaises(AccessError):
            self.attacker(line, finance).write(
                {"fsm_order_ids": [Command.link(order.id)]}
            )
        self.assertFalse(order.invoice_lines)
        with self.assertRaises(AccessError):
            self.attacker(self.env["account.payment"], finance).create(
                {
                    "payment_type": "inbound",
                    "partner_id": self.customer.id,
                    "amount": 10,
                    "qf_collector_id": self.user_technician.id,
                    "qf_fsm_order_id": order.id,
                }
            )
        # Deadlines are the engine's: no one writes or creates them.
        with self.assertRaises(AccessError):
            self.attacker(self.env["quality.deadline"], self.user_director).create(
                {
                    "fsm_order_id": order.id,
                    "kind": "service",
                    "date_start": fields.Datetime.now(),
                    "date_deadline": fields.Datetime.now(),
                    "date_risk": fields.Datetime.now(),
                    "date_escalate": fields.Datetime.now(),
                }
            )


class TestServiceMoneyConcurrency(ServiceCase):
    """Two real transactions: one invoice per order, one payment per collected fee."""

    def _committed_order(self, **extra):
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            stage = env.ref("fieldservice.fsm_stage_completed")
            order = env["fsm.order"].create(
                {
                    "qf_partner_id": env.ref("base.res_partner_2").id,
                    "qf_fee_amount": 120,
                    "qf_service_type": "paid",
                    **extra,
                }
            )
            order.with_context(bypass_order_completed_stage=True).write(
                {"stage_id": stage.id, "signature": SIGNATURE, "signed_by": "X"}
            )
            order_id = order.id
        self.addCleanup(self._remove_committed, dbname, order_id)
        return dbname, order_id

    def _remove_committed(self, dbname, order_id):
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["fsm.order"].browse(order_id)
            payments = env["account.payment"].search(
                [("qf_fsm_order_id", "=", order_id)]
            )
            invoices = order.invoice_ids
            invoices.filtered(lambda m: m.state == "posted").button_draft()
            payments.action_draft()
            payments.unlink()
            invoices.with_context(force_delete=True).unlink()
            cr.execute("DELETE FROM fsm_order WHERE id = %s", [order_id])

    def test_two_invoices_at_once(self):
        dbname, order_id = self._committed_order()
        admin = self.env.ref("base.user_admin").id
        with two_transactions(dbname) as (env_first, env_second):
            first = env_first(user=admin)["fsm.order"].browse(order_id)
            second = env_second(user=admin)["fsm.order"].browse(order_id)
            first.action_qf_create_invoice()
            with self.assertRaisesRegex(UserError, "Someone else is invoicing"):
                second.action_qf_create_invoice()
            env_second.cr.rollback()
            env_first.cr.commit()
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "already invoiced"):
                second.action_qf_create_invoice()
            self.assertEqual(len(second.sudo().invoice_ids), 1)

    def test_collected_fee_registered_once(self):
        technician = self.env.ref("base.user_admin")
        dbname, order_id = self._committed_order(
            qf_fee_collected_by_id=technician.id,
            qf_date_fee_collected=fields.Datetime.now(),
        )
        admin = technician.id
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, admin, {})
            env["fsm.order"].browse(order_id).action_qf_create_invoice()
            invoice_id = env["fsm.order"].browse(order_id).invoice_ids.id
        with two_transactions(dbname) as (env_first, env_second):
            env_first(user=admin)["account.move"].browse(
                invoice_id
            ).action_qf_register_fee()
            with self.assertRaisesRegex(UserError, "Someone else is registering"):
                env_second(user=admin)["account.move"].browse(
                    invoice_id
                ).action_qf_register_fee()
            env_second.cr.rollback()
            env_first.cr.commit()
            env_second.invalidate_all()
            with self.assertRaisesRegex(UserError, "No service fee"):
                env_second(user=admin)["account.move"].browse(
                    invoice_id
                ).action_qf_register_fee()
            payments = env_second["account.payment"].search(
                [("qf_fsm_order_id", "=", order_id)]
            )
            self.assertEqual(len(payments), 1)
            self.assertEqual(payments.qf_collector_id.id, admin)
            self.assertIn(
                env_second["account.move"].browse(invoice_id).payment_state,
                ("paid", "in_payment"),
            )
