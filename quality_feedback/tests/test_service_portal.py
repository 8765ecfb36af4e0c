# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .service_common import ServiceCase


@tagged("post_install", "-at_install")
class TestServicePortal(ServiceCase, HttpCase):
    """R-602 on the portal: a customer sees his own service orders, their state and
    his signed service form; never another customer's, nor their count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._register()
        cls.theirs = cls._register(partner_id=cls.other_customer.id)

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_user.login, self.portal_user.login)

    def test_own_orders_only(self):
        page = self.url_open("/my/fsm_orders?filterby=all")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.mine.name, page.text)
        self.assertNotIn(self.theirs.name, page.text)
        page = self.url_open(f"/my/fsm_order/{self.mine.id}")
        self.assertIn(self.mine.name, page.text)
        self.assertIn("A - Paid Service", page.text)
        other = self.url_open(f"/my/fsm_order/{self.theirs.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)

    def test_home_counts_only_his_orders(self):
        response = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["fsm_order_count"]}
        )
        mine = self.env["fsm.order"].with_user(self.portal_user).search_count([])
        self.assertEqual(response["fsm_order_count"], mine)
        self.assertLess(mine, self.env["fsm.order"].search_count([]))

    def test_signed_form_as_pdf(self):
        unsigned = self.url_open(
            f"/my/fsm_order/{self.mine.id}/service_form", allow_redirects=False
        )
        self.assertEqual(unsigned.status_code, 303)
        self._dispatch(self.mine)
        self._sign(self.mine)
        page = self.url_open(f"/my/fsm_order/{self.mine.id}")
        self.assertIn("<span>Wang Wei</span>", page.text)
        self.assertIn(f"/my/fsm_order/{self.mine.id}/service_form", page.text)
        pdf = self.url_open(f"/my/fsm_order/{self.mine.id}/service_form")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self._dispatch(self.theirs)
        self._sign(self.theirs)
        other = self.url_open(
            f"/my/fsm_order/{self.theirs.id}/service_form", allow_redirects=False
        )
        self.assertEqual(other.status_code, 303)
