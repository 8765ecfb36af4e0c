# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import errors

from odoo import fields
from odoo.tests import Form

from .common import QualityFeedbackCase

EMAIL = """From: Quality Buyer <buyer@hz-pump.example.com>
To: complaints@{domain}
Subject: Leaking pumps on order S00042
Message-ID: <qf-intake-test@hz-pump.example.com>
Date: Tue, 24 Nov 2026 08:00:00 +0000
Content-Type: text/plain; charset=UTF-8

Two pumps of lot LOT-2611-A leak at the flange.
"""


class TestComplaintIntake(QualityFeedbackCase):
    """R-101 entry points, R-103 register data, R-106 duplicates, R-107 deadline."""

    def test_new_complaint_from_customer_form(self):
        action = self.customer.with_user(self.user_sales).action_qf_new_complaint()
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        form = Form(
            self.env["helpdesk.ticket"]
            .with_user(self.user_sales)
            .with_context(**action["context"])
        )
        form.name = "Pump housing cracked"
        form.description = "Housing cracked during pressure test."
        form.product_id = self.product
        form.qty_affected = 1
        complaint = form.save()
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.partner_phone, self.customer.phone)
        self.assertTrue(complaint.number.startswith("QF"))
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        self.assertEqual(contact.qf_complaint_count, 1)
        view = contact.action_qf_view_complaints()
        self.assertEqual(self.env["helpdesk.ticket"].search(view["domain"]), complaint)

    def test_complaints_menu_opens_new_complaints_in_quality_team(self):
        defaults = (
            self.env["helpdesk.ticket"]
            .with_context(qf_new_complaint=1)
            .default_get(["team_id"])
        )
        self.assertEqual(defaults["team_id"], self.team.id)

    def test_complaint_from_sales_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [fields.Command.create({"product_id": self.product.id})],
            }
        )
        action = order.action_qf_new_complaint()
        complaint = (
            self.env["helpdesk.ticket"]
            .with_context(**action["context"])
            .create({"name": "Wrong seal fitted", "description": "x"})
        )
        self.assertEqual(complaint.sale_order_id, order)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(order.qf_complaint_count, 1)
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                order.action_qf_view_complaints()["domain"]
            ),
            complaint,
        )

    def test_complaint_from_product(self):
        complaint = self._new_complaint()
        self.assertEqual(self.product.helpdesk_ticket_count, 1)
        action = self.product.action_view_helpdesk_tickets()
        self.assertEqual(action["res_id"], complaint.id)

    def test_complaint_by_email_alias(self):
        domain = self.env["mail.alias.domain"].create({"name": "qf-test.example.com"})
        self.team.alias_id.alias_domain_id = domain
        ticket_id = self.env["mail.thread"].message_process(
            False, EMAIL.format(domain="qf-test.example.com")
        )
        complaint = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(complaint.team_id, self.team)
        self.assertTrue(complaint.number.startswith("QF"))
        self.assertEqual(complaint.qf_state, "registered")
        self.assertIn("buyer@hz-pump.example.com", complaint.partner_email)
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )

    def test_registration_time_recorded_against_receipt(self):
        received = datetime(2031, 3, 6, 9, 0)
        with freeze_time("2031-03-06 15:00:00"):
            complaint = self._new_complaint(date_received=received)
        self.assertEqual(complaint.date_received, received)
        self.assertEqual(complaint.date_registered, datetime(2031, 3, 6, 15, 0))
        registration = complaint.deadline_ids.filtered(
            lambda d: d.kind == "registration"
        )
        self.assertEqual(registration.date_start, received)
        self.assertEqual(registration.state, "on_time")

    def test_registration_time_cannot_be_forged(self):
        with freeze_time("2031-03-07 10:00:00"):
            complaint = self._new_complaint(date_registered="2020-01-01 00:00:00")
        self.assertEqual(complaint.date_registered, datetime(2031, 3, 7, 10, 0))

    def test_possible_duplicates(self):
        first = self._new_complaint(
            lot_id=self.lot.id, date_received="2031-03-01 09:00:00"
        )
        same_lot = self._new_complaint(
            product_id=False, lot_id=self.lot.id, date_received="2031-03-20 09:00:00"
        )
        too_late = self._new_complaint(date_received="2031-05-01 09:00:00")
        other_customer = self._new_complaint(
            partner_id=self.other_customer.id, date_received="2031-03-02 09:00:00"
        )
        self.assertEqual(first.possible_duplicate_ids, same_lot)
        self.assertEqual(same_lot.possible_duplicate_ids, first)
        self.assertFalse(too_late.possible_duplicate_ids)
        self.assertFalse(other_customer.possible_duplicate_ids)
        self.env.company.qf_duplicate_window_days = 90
        self.env.invalidate_all()
        self.assertEqual(too_late.possible_duplicate_ids, first)  # same product, no lot

    def test_negative_quantity_refused(self):
        with self.assertRaises(errors.CheckViolation), self.cr.savepoint():
            self._new_complaint(qty_affected=-1)

    def test_delivery_date_from_delivery(self):
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": self.env.ref("stock.picking_type_out").id,
            }
        )
        picking.date_done = "2031-02-27 08:00:00"
        complaint = self._new_complaint(picking_id=picking.id)
        self.assertEqual(complaint.delivery_date, fields.Date.to_date("2031-02-27"))
