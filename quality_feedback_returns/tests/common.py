# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import Form, new_test_user

from odoo.addons.quality_feedback.tests.attack_common import AttackCase
from odoo.addons.quality_feedback.tests.common import QualityFeedbackCase


class ReturnsCase(QualityFeedbackCase):
    """A customer who bought and received 10 pumps (order line priced 120), a
    complaint about them, and the users who confirm, approve, receive and credit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rnd_head = new_test_user(
            cls.env,
            login="qf-rnd-head-2",
            groups="base.group_user,quality_feedback_returns.group_qf_rnd_head",
        )
        cls.sales_manager = cls._new_user(
            "qf-sales-manager-2", "group_qf_user", ",sales_team.group_sale_manager"
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="qf-warehouse",
            groups="base.group_user,stock.group_stock_user",
        )
        cls.finance = new_test_user(
            cls.env,
            login="qf-finance-2",
            groups="base.group_user,account.group_account_invoice",
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.pump = cls.env["product.product"].create(
            {"name": "Booster Pump BP-7", "is_storable": True, "list_price": 150}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.pump, cls.warehouse.lot_stock_id, 50
        )
        cls.order = cls._deliver_order(cls.pump, 10, 120)
        cls.sale_line = cls.order.order_line
        cls.complaint = cls._new_complaint(
            product_id=cls.pump.id, sale_order_id=cls.order.id, qty_affected=4
        )

    @classmethod
    def _deliver_order(cls, product, quantity, price):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        picking.button_validate()
        return order

    def _slip(self, quantity, reason="quality", user=None, **values):
        slips = self.env["quality.return.slip"]
        if user:
            slips = slips.with_user(user)
        return slips.create(
            {
                "partner_id": self.customer.id,
                "ticket_id": self.complaint.id,
                "sale_order_id": self.order.id,
                "reason": reason,
                "line_ids": [
                    fields.Command.create(
                        {
                            "sale_line_id": self.sale_line.id,
                            "product_id": self.pump.id,
                            "qty_requested": quantity,
                            "price_unit": 120,
                        }
                    )
                ],
                **values,
            }
        )

    def _receive(self, picking, quantity, backorder=True, user=None):
        """The warehouse receives ``quantity``; the rest is kept for a backorder, or
        dropped (the goods differ from the slip)."""
        picking = picking.with_user(user or self.warehouse_user)
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        result = picking.button_validate()
        if (
            isinstance(result, dict)
            and result.get("res_model") == "stock.backorder.confirmation"
        ):
            wizard = Form(
                self.env[result["res_model"]]
                .with_user(user or self.warehouse_user)
                .with_context(**result["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        return picking

    def _approved_slip(self, quantity):
        slip = self._slip(quantity)
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        approver = self.sales_manager if slip.amount_total <= 1000 else self.user_gm
        slip.compensation_id.with_user(approver).validate_tier()
        return slip


class ReturnsAttackCase(ReturnsCase, AttackCase):
    """Attempts as real users over RPC (issue #12): fixtures made through the buttons."""

    def _received(self, quantity, received=None, **values):
        slip = self._slip(quantity, **values)
        slip.with_user(self.user_officer).action_confirm()
        slip.with_user(self.user_sales).action_request_approval()
        slip.compensation_id.with_user(self.sales_manager).validate_tier()
        self._receive(
            slip.picking_ids, quantity if received is None else received, False
        )
        return slip

    def _credited(self, quantity):
        slip = self._received(quantity)
        action = slip.with_user(self.finance).action_create_credit_note()
        return slip, self.env["account.move"].browse(action["res_id"])

    def _order_of(self, customer):
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [
                    fields.Command.create(
                        {"product_id": self.pump.id, "product_uom_qty": 10}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def _line_vals(self, quantity, sale_line=None, price=120):
        sale_line = sale_line or self.sale_line
        return {
            "sale_line_id": sale_line.id,
            "product_id": sale_line.product_id.id,
            "qty_requested": quantity,
            "price_unit": price,
        }
