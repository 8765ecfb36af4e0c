# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourService(HttpCase):
    """R-602 in the browser, each role in turn: the clerk registers a request, the
    factory director dispatches, the technician has it signed on his phone and
    completes it, the quality department files the form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,quality_feedback."
        cls.clerk = new_test_user(
            cls.env, "qf-tour-clerk", groups + "group_qf_service_clerk"
        )
        cls.director = new_test_user(
            cls.env, "qf-tour-director", groups + "group_qf_factory_director"
        )
        cls.technician = new_test_user(
            cls.env, "qf-tour-technician", groups + "group_qf_technician"
        )
        cls.technician.partner_id.name = "Tour Technician"
        cls.env["fsm.person"].create({"partner_id": cls.technician.partner_id.id})
        cls.officer = new_test_user(
            cls.env, "qf-tour-quality", groups + "group_qf_officer"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Pumps Ltd", "is_company": True, "city": "Wuhan"}
        )
        cls.env["product.product"].create(
            {"name": "Tour Pump TP-1", "is_storable": True}
        )

    def test_register_dispatch_sign_file(self):
        action = self.env.ref("quality_feedback.action_quality_service_register")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "quality_feedback_service_register",
            login=self.clerk.login,
        )
        order = self.env["fsm.order"].search([("qf_partner_id", "=", self.customer.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.location_id.owner_id, self.customer)
        self.assertEqual(order.qf_service_type, "paid")

        url = f"/odoo/action-fieldservice.action_fsm_operation_order/{order.id}"
        self.start_tour(
            url, "quality_feedback_service_dispatch", login=self.director.login
        )
        self.assertEqual(
            order.stage_id, self.env.ref("quality_feedback.fsm_stage_dispatched")
        )

        my_orders = self.env.ref("quality_feedback.action_qf_my_service_orders")
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/action-{my_orders.id}",
            "quality_feedback_service_sign",
            login=self.technician.login,
        )
        self.assertEqual(order.signed_by, "Li Lei")
        self.assertEqual(
            order.stage_id, self.env.ref("fieldservice.fsm_stage_completed")
        )

        self.browser_size = "1366x768"
        self.touch_enabled = False
        self.start_tour(url, "quality_feedback_service_file", login=self.officer.login)
        self.assertEqual(
            order.stage_id, self.env.ref("quality_feedback.fsm_stage_filed")
        )
        self.assertEqual(order.qf_filed_by_id, self.officer)
