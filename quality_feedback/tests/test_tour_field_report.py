# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourFieldReport(HttpCase):
    """R-703 in the browser: the technician files his repair report from his
    dispatched service order and submits it; a quality officer acknowledges it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,quality_feedback."
        cls.clerk = new_test_user(
            cls.env, "qf-tour-fr-clerk", groups + "group_qf_service_clerk"
        )
        cls.director = new_test_user(
            cls.env, "qf-tour-fr-director", groups + "group_qf_factory_director"
        )
        cls.technician = new_test_user(
            cls.env,
            "qf-tour-fr-technician",
            groups + "group_qf_technician",
            lang="en_US",
        )
        person = cls.env["fsm.person"].create(
            {"partner_id": cls.technician.partner_id.id}
        )
        cls.officer = new_test_user(
            cls.env, "qf-tour-fr-officer", groups + "group_qf_officer", lang="en_US"
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "Tour Boilers Ltd",
                "email": "service@tour-boilers.example.com",
                "is_company": True,
                "city": "Suzhou",
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Tour Boiler TB-2", "is_storable": True}
        )
        action = (
            cls.env["quality.service.register"]
            .with_user(cls.clerk)
            .create(
                {
                    "partner_id": customer.id,
                    "product_id": product.id,
                    "description": "The boiler trips after ten minutes.",
                }
            )
            .action_register()
        )
        cls.order = cls.env["fsm.order"].browse(action["res_id"])
        cls.env["quality.service.dispatch"].with_user(cls.director).create(
            {"order_ids": [(6, 0, cls.order.ids)], "person_id": person.id}
        ).action_dispatch()

    def test_technician_files_quality_office_acknowledges(self):
        my_orders = self.env.ref("quality_feedback.action_qf_my_service_orders")
        self.start_tour(
            f"/odoo/action-{my_orders.id}/{self.order.id}",
            "quality_feedback_field_report_file",
            login=self.technician.login,
        )
        report = self.env["quality.field.report"].search(
            [("fsm_order_id", "=", self.order.id)]
        )
        self.assertEqual(len(report), 1)
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.user_id, self.technician)
        self.assertEqual(report.kind, "commissioning")
        self.assertEqual(report.date_from, date(2025, 3, 3))
        self.assertEqual(report.date_to, date(2025, 3, 4))
        self.assertEqual(report.place, "Boiler room, building 3")
        self.assertEqual(report.work_done, "Replaced the flame sensor.")
        self.assertEqual(report.problems_found, "Flame sensor covered with soot.")
        self.assertEqual(report.causes, "Burner badly adjusted.")
        self.assertEqual(report.parts_used, "1 flame sensor FS-10")
        self.assertEqual(report.travel_expense, 180.0)
        self.assertTrue(report.date_submitted)
        self.assertTrue(report.blocks_expense_claim)
        self.assertFalse(report.acknowledged_by_id)

        self.start_tour(
            f"/odoo/field-reports/{report.id}",
            "quality_feedback_field_report_acknowledge",
            login=self.officer.login,
        )
        self.env.invalidate_all()
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, self.officer)
        self.assertTrue(report.acknowledged_on)
        self.assertEqual(report.acknowledge_comment, "Sensor type noted for spares.")
        self.assertFalse(report.blocks_expense_claim)
