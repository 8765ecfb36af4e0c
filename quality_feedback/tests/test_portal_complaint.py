# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import QualityFeedbackCase

QTY_ERROR = "The quantity affected must be a number from 0 to 1,000,000,000."
PURCHASE_ERROR = "Please choose an order and a product from your purchases."


@tagged("post_install", "-at_install")
class TestPortalComplaint(QualityFeedbackCase, HttpCase):
    """R-101: a customer reports a quality problem from the portal, about his own
    purchases only, and follows it among his tickets. R-X3: whatever a hostile
    customer posts gives a message in the form and creates nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.valve = cls.env["product.product"].create({"name": "Portal Valve"})
        cls.foreign_product = cls.env["product.product"].create({"name": "Not Bought"})
        cls.order = cls._confirmed_order(cls.customer, cls.valve)
        cls.foreign_order = cls._confirmed_order(
            cls.other_customer, cls.foreign_product
        )

    @classmethod
    def _confirmed_order(cls, customer, product):
        order = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [fields.Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        return order

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_user.login, self.portal_user.login)

    def _tickets(self):
        return self.env["helpdesk.ticket"].sudo().search_count([])

    def _submit(self, files=None, **data):
        page = self.url_open("/my/complaint/new")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/my/complaint/submit",
            data={"csrf_token": token, **data},
            files=files,
            allow_redirects=False,
        )

    def assertRefused(self, error, files=None, **data):
        """Posting ``data`` re-renders the form with ``error``, keeps what the
        customer typed, and creates no ticket."""
        before = self._tickets()
        response = self._submit(
            files=files,
            **{"subject": "Hostile", "description": "Typed with care", **data},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(error, response.text)
        self.assertIn("Typed with care</textarea>", response.text)
        self.assertEqual(self._tickets(), before)

    def test_form_shows_both_textareas_empty(self):
        page = self.url_open("/my/complaint/new")
        self.assertIn("Portal Valve", page.text)
        self.assertNotIn("Not Bought", page.text)
        self.assertRegex(
            page.text, r'<textarea[^>]*name="description"[^>]*></textarea>'
        )
        self.assertRegex(
            page.text, r'<textarea[^>]*name="customer_request"[^>]*></textarea>'
        )

    def test_customer_submits_complaint(self):
        response = self._submit(
            subject="Valve leaks",
            description="Leaks at 6 bar.",
            sale_order_id=str(self.order.id),
            product_id=str(self.valve.id),
            lot_name="UNKNOWN-LOT",
            qty_affected="4",
            customer_request="Send two new valves",
            # What a browser sends for a photo, and for a file input left empty.
            files=[
                ("attachment", ("leak.png", b"\x89PNG photo", "image/png")),
                ("attachment", ("", b"", "application/octet-stream")),
            ],
        )
        self.assertEqual(response.status_code, 302)
        complaint = self.env["helpdesk.ticket"].search([("name", "=", "Valve leaks")])
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(
            response.headers["Location"].split("/my/ticket/")[1], str(complaint.id)
        )
        self.assertEqual(complaint.partner_id, self.portal_user.partner_id)
        self.assertEqual(complaint.sale_order_id, self.order)
        self.assertEqual(complaint.product_id, self.valve)
        self.assertEqual(complaint.qty_affected, 4)
        self.assertIn("UNKNOWN-LOT", complaint.description)
        self.assertIn(self.portal_user.partner_id, complaint.message_partner_ids)
        self.assertFalse(complaint.severity)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["leak.png"])

        page = self.url_open(f"/my/ticket/{complaint.id}")
        self.assertIn(complaint.number, page.text)
        self.assertIn("Send two new valves", page.text)

    def test_largest_quantity_is_accepted(self):
        response = self._submit(
            subject="Big order", description="x", qty_affected="1e9"
        )
        self.assertEqual(response.status_code, 302)
        complaint = self.env["helpdesk.ticket"].search([("name", "=", "Big order")])
        self.assertEqual(complaint.qty_affected, 1e9)

    # Quantities: finite, not negative, bounded.
    def test_quantity_nan_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="nan")

    def test_quantity_inf_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="inf")

    def test_quantity_minus_inf_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="-inf")

    def test_quantity_overflowing_to_inf_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="1e400")

    def test_quantity_above_the_bound_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="1000000001")

    def test_negative_quantity_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="-1")

    def test_quantity_not_a_number_is_refused(self):
        self.assertRefused(QTY_ERROR, qty_affected="abc")

    # Orders and products: the customer's own purchases only.
    def test_order_of_another_customer_is_refused(self):
        self.assertRefused(PURCHASE_ERROR, sale_order_id=str(self.foreign_order.id))

    def test_order_not_a_number_is_refused(self):
        self.assertRefused(PURCHASE_ERROR, sale_order_id="1 OR 1=1")

    def test_product_the_customer_did_not_buy_is_refused(self):
        self.assertRefused(PURCHASE_ERROR, product_id=str(self.foreign_product.id))

    def test_product_not_a_number_is_refused(self):
        self.assertRefused(PURCHASE_ERROR, product_id="abc")

    # Texts: bounded.
    def test_overlong_subject_is_refused(self):
        self.assertRefused(
            "Subject is too long: at most 200 characters, please.",
            subject="S" * 201,
        )

    def test_overlong_lot_name_is_refused(self):
        self.assertRefused(
            "Lot/Serial Number is too long: at most 100 characters, please.",
            lot_name="L" * 101,
        )

    def test_overlong_customer_request_is_refused(self):
        self.assertRefused(
            "What Do You Ask For? is too long: at most 2000 characters, please.",
            customer_request="R" * 2001,
        )

    def test_text_sent_as_a_file_is_refused(self):
        before = self._tickets()
        response = self._submit(
            description="Typed with care",
            files=[("subject", ("subject.txt", b"Hostile", "text/plain"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please give a subject and describe the problem.", response.text)
        self.assertEqual(self._tickets(), before)

    # Files: a photo without a name is refused, not dropped silently.
    def test_file_without_name_is_refused(self):
        self.assertRefused(
            "Every attached file needs a file name.",
            files=[("attachment", ("", b"\x89PNG photo", "image/png"))],
        )
