# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalComplaint(HttpCase):
    """R-101: a customer reports a quality problem from the portal, about his own
    purchases only, and follows it among his tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="qf-portal", groups="base.group_portal"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Customer", "is_company": True}
        )
        cls.portal.partner_id.parent_id = cls.customer
        cls.product = cls.env["product.product"].create({"name": "Portal Valve"})
        cls.foreign_product = cls.env["product.product"].create({"name": "Not Bought"})
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [fields.Command.create({"product_id": cls.product.id})],
            }
        )
        cls.order.action_confirm()

    def _submit(self, **data):
        page = self.url_open("/my/complaint/new")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Portal Valve", page.text)
        self.assertNotIn("Not Bought", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/my/complaint/submit",
            data={"csrf_token": token, **data},
            allow_redirects=False,
        )

    def test_customer_submits_complaint(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self._submit(
            subject="Valve leaks",
            description="Leaks at 6 bar.",
            sale_order_id=str(self.order.id),
            product_id=str(self.product.id),
            lot_name="UNKNOWN-LOT",
            qty_affected="4",
            customer_request="Send two new valves",
        )
        self.assertEqual(response.status_code, 302)
        complaint = self.env["helpdesk.ticket"].search([("name", "=", "Valve leaks")])
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(
            response.headers["Location"].split("/my/ticket/")[1], str(complaint.id)
        )
        self.assertEqual(complaint.partner_id, self.portal.partner_id)
        self.assertEqual(complaint.sale_order_id, self.order)
        self.assertEqual(complaint.product_id, self.product)
        self.assertEqual(complaint.qty_affected, 4)
        self.assertIn("UNKNOWN-LOT", complaint.description)
        self.assertIn(self.portal.partner_id, complaint.message_partner_ids)
        self.assertFalse(complaint.severity)

        page = self.url_open(f"/my/ticket/{complaint.id}")
        self.assertIn(complaint.number, page.text)
        self.assertIn("Send two new valves", page.text)

    def test_products_the_customer_did_not_buy_are_refused(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self._submit(
            subject="Sneaky", description="x", product_id=str(self.foreign_product.id)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("from your purchases", response.text)
        self.assertFalse(self.env["helpdesk.ticket"].search([("name", "=", "Sneaky")]))

    def test_negative_quantity_is_refused(self):
        self.authenticate(self.portal.login, self.portal.login)
        response = self._submit(subject="Negative", description="x", qty_affected="-3")
        self.assertIn("must be a positive number", response.text)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("name", "=", "Negative")])
        )
