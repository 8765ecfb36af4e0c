# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields
from odoo.tests import new_test_user

from .common import QualityFeedbackCase

# A 1x1 PNG: what the signature pad sends.
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f80f0000010100a5b1f0d40000"
        "000049454e44ae426082"
    )
)


class ServiceCase(QualityFeedbackCase):
    """After-sales service (SPEC C6): one user per service role of R-606, two
    technicians with their field-service worker, a customer with a delivered unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_clerk = cls._new_service_user("qf-clerk", "group_qf_service_clerk")
        cls.user_director = cls._new_service_user(
            "qf-director", "group_qf_factory_director"
        )
        cls.user_technician = cls._new_service_user(
            "qf-technician", "group_qf_technician"
        )
        cls.user_technician_2 = cls._new_service_user(
            "qf-technician-2", "group_qf_technician"
        )
        cls.technician = cls.env["fsm.person"].create(
            {"partner_id": cls.user_technician.partner_id.id}
        )
        cls.technician_2 = cls.env["fsm.person"].create(
            {"partner_id": cls.user_technician_2.partner_id.id}
        )
        cls.customer.write({"street": "1 Jiefang Road", "city": "Hangzhou"})
        cls.stages = cls.env["fsm.order"]._qf_stages()

    @classmethod
    def _new_service_user(cls, login, group):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,quality_feedback.{group}",
        )

    @classmethod
    def _register(cls, user=None, **values):
        """A service request registered by the clerk (or ``user``)."""
        wizard_vals = {
            "partner_id": cls.customer.id,
            "product_id": cls.product.id,
            "lot_id": cls.lot.id,
            "description": "Pump makes a grinding noise",
            **values,
        }
        wizard = (
            cls.env["quality.service.register"]
            .with_user(user or cls.user_clerk)
            .create(wizard_vals)
        )
        action = wizard.action_register()
        return cls.env["fsm.order"].browse(action["res_id"])

    def _dispatch(self, order, person=None):
        self.env["quality.service.dispatch"].with_user(self.user_director).create(
            {
                "order_ids": [(6, 0, order.ids)],
                "person_id": (person or self.technician).id,
            }
        ).action_dispatch()

    def _sign(self, order, user=None):
        self.env["fsm.order.sign.wizard"].with_user(
            user or self.user_technician
        ).with_context(active_id=order.id).create(
            {"signed_by": "Wang Wei", "signature": SIGNATURE}
        ).action_sign()

    def _complete(self, order):
        """Dispatched, signed and completed by the technician."""
        self._dispatch(order)
        self._sign(order)
        order.with_user(self.user_technician).action_complete()
        return order

    @staticmethod
    def _days_ago(days):
        return fields.Date.subtract(fields.Date.today(), days=days)
