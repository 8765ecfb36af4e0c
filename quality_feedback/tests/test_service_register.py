# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .service_common import ServiceCase


class TestServiceRegister(ServiceCase):
    """R-602: the clerk registers a request in seconds; R-601: the service type."""

    def test_register_creates_the_location_silently(self):
        self.assertFalse(self.customer.service_location_id)
        order = self._register(contact_phone="0571-8888")
        location = order.location_id
        self.assertTrue(location)
        self.assertEqual(location.owner_id, self.customer)
        self.assertEqual(location.street, "1 Jiefang Road")
        self.assertEqual(self.customer.service_location_id, location)
        self.assertEqual(order.qf_partner_id, self.customer)
        self.assertEqual(order.qf_registered_by_id, self.user_clerk)
        self.assertEqual(order.stage_id, self.stages["new"])
        # The second request reuses it; another address gets its own.
        self.assertEqual(self._register().location_id, location)
        elsewhere = self._register(street="88 Harbour Road", city="Ningbo")
        self.assertNotEqual(elsewhere.location_id, location)
        self.assertEqual(elsewhere.location_id.city, "Ningbo")

    def test_service_notice_goes_to_the_factory_director(self):
        order = self._register()
        notice = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("quality_feedback.mail_activity_type_service_notice")
            )
        )
        mine = notice.filtered(lambda a: a.user_id == self.user_director)
        self.assertEqual(len(mine), 1)
        self.assertIn(order.name, mine.summary)

    def test_purchase_date_proposed_from_the_delivery(self):
        delivery_date = fields.Datetime.now() - relativedelta(months=3)
        picking = self._deliver(delivery_date)
        wizard = (
            self.env["quality.service.register"]
            .with_user(self.user_clerk)
            .new({"partner_id": self.customer.id, "product_id": self.product.id})
        )
        wizard.lot_id = self.lot
        wizard._onchange_unit()
        self.assertEqual(wizard.purchase_date, delivery_date.date())
        self.assertIn(picking.name, wizard.purchase_place)
        self.assertEqual(wizard.proposed_type, "warranty")

    def _deliver(self, when):
        stock = self.env.ref("stock.stock_location_stock")
        self.env["stock.quant"]._update_available_quantity(
            self.product, stock, 1, lot_id=self.lot
        )
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": self.env.ref("stock.picking_type_out").id,
                "location_id": stock.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "location_id": stock.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.write({"lot_id": self.lot.id, "quantity": 1})
        picking.move_ids.picked = True
        picking._action_done()
        picking.date_done = when
        return picking

    # --- the type at the warranty boundary ---------------------------------------
    def test_warranty_boundary(self):
        """12 months: the 365th day from delivery is covered, the 366th is not."""
        today = fields.Date.today()
        on_day_365 = today - relativedelta(days=364)
        order = self._register(purchase_date=today - relativedelta(months=12))
        self.assertEqual(order.qf_warranty_end, today - relativedelta(days=1))
        self.assertEqual(order.qf_service_type, "paid")
        order_365 = self._register(purchase_date=on_day_365 - relativedelta(days=0))
        warranty_end = order_365.qf_warranty_end
        self.assertEqual(warranty_end, on_day_365 + relativedelta(months=12, days=-1))
        self.assertEqual(order_365.qf_service_type, "warranty")
        # Exactly the boundary: delivered so that today is the last covered day...
        last_day = self._register(
            purchase_date=today - relativedelta(months=12, days=-1)
        )
        self.assertEqual(last_day.qf_warranty_end, today)
        self.assertEqual(last_day.qf_service_type, "warranty")
        # ... and the day after it.
        day_after = self._register(purchase_date=today - relativedelta(months=12))
        self.assertEqual(day_after.qf_service_type, "paid")

    def test_warranty_per_product(self):
        self.product.qf_warranty_months = 24
        order = self._register(
            purchase_date=fields.Date.today() - relativedelta(months=18)
        )
        self.assertEqual(order.qf_service_type, "warranty")
        self.product.qf_warranty_months = 0  # the company's 12 months again
        self.env.company.qf_warranty_months = 6
        order = self._register(
            purchase_date=fields.Date.today() - relativedelta(months=8)
        )
        self.assertEqual(order.qf_service_type, "paid")

    def test_running_contract_proposes_contract_service(self):
        self.customer.write(
            {
                "qf_service_contract_ref": "HT-2026-018",
                "qf_service_contract_end": fields.Date.today(),
            }
        )
        old = fields.Date.today() - relativedelta(years=3)
        self.assertEqual(self._register(purchase_date=old).qf_service_type, "contract")
        self.customer.qf_service_contract_end = fields.Date.today() - relativedelta(
            days=1
        )
        self.assertEqual(self._register(purchase_date=old).qf_service_type, "paid")

    def test_override_needs_a_reason_logged_in_the_chatter(self):
        with self.assertRaisesRegex(UserError, "give the reason"):
            self._register(service_type="other", type_reason="  ")
        order = self._register(service_type="other", type_reason="Usage advice only")
        self.assertEqual(order.qf_service_type, "other")
        self.assertEqual(order.qf_type_reason, "Usage advice only")
        self.assertIn("Usage advice only", order.message_ids[:3].mapped("body")[0])
        # Changing it later goes through the same rule.
        wizard = self.env["quality.service.type"].with_user(self.user_clerk)
        with self.assertRaisesRegex(UserError, "give the reason"):
            wizard.create(
                {"order_id": order.id, "service_type": "warranty"}
            ).action_apply()
        self.assertEqual(order.qf_service_type, "other")

    def test_type_set_only_by_the_office(self):
        order = self._register()
        self._dispatch(order)
        with self.assertRaises(AccessError):
            order.with_user(self.user_technician)._qf_set_service_type(
                "other", "I say so"
            )
        with self.assertRaises(AccessError):
            order.with_user(self.user_clerk).write({"qf_service_type": "other"})

    def test_register_from_complaint_customer_and_sales_order(self):
        complaint = self._new_complaint(lot_id=self.lot.id)
        action = complaint.action_create_order()
        self.assertEqual(action["res_model"], "quality.service.register")
        self.assertEqual(action["context"]["default_ticket_id"], complaint.id)
        self.assertEqual(action["context"]["default_lot_id"], self.lot.id)
        # The quality officer registers from the complaint he handles; a clerk who
        # cannot read the complaint cannot link it.
        with self.assertRaises(AccessError):
            self._register(ticket_id=complaint.id)
        order = self._register(user=self.user_officer, ticket_id=complaint.id)
        self.assertEqual(complaint.fsm_order_ids, order)
        self.assertEqual(
            complaint.with_user(self.user_officer).qf_service_order_count, 1
        )
        action = self.customer.with_user(self.user_clerk).action_qf_register_service()
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        self.assertEqual(
            self.customer.with_user(self.user_clerk).qf_service_order_count, 1
        )
