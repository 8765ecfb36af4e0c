# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults

FINANCE_GROUP = "account.group_account_invoice"


class AccountMove(models.Model):
    """Finance registers a service fee collected on site (R-604) from the invoice
    of the service order: finance works in Accounting, not in Field Service."""

    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    # Computed in sudo: finance edits service invoices without field-service rights.
    fsm_order_ids = fields.Many2many(compute_sudo=True)
    fsm_order_count = fields.Integer(compute_sudo=True)
    qf_fee_collector_id = fields.Many2one(
        comodel_name="res.users",
        string="Fee Collected On Site By",
        compute="_compute_qf_fee_collector_id",
        compute_sudo=True,
        help="The technician who collected the service fee on site and hands the "
        "money over to finance.",
    )

    @api.depends(
        "fsm_order_ids.qf_fee_collected_by_id", "fsm_order_ids.qf_fee_payment_id"
    )
    def _compute_qf_fee_collector_id(self):
        for move in self:
            orders = move._qf_orders_with_fee_to_register()
            move.qf_fee_collector_id = orders[:1].qf_fee_collected_by_id

    def _qf_orders_with_fee_to_register(self):
        return self.sudo().fsm_order_ids.filtered(
            lambda o: o.qf_fee_collected_by_id and not o.qf_fee_payment_id
        )

    def action_qf_register_fee(self):
        self.ensure_one()
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only finance registers payments."))
        orders = self._qf_orders_with_fee_to_register()
        if self.move_type != "out_invoice" or not orders:
            raise UserError(
                self.env._("No service fee collected on site waits on %s.", self.name)
            )
        # sudo: finance reads no service orders; the order checks the fee and
        # registers the payment as the finance user.
        orders[:1].with_user(self.env.user).sudo()._qf_register_fee(self)
        return True


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = self
        if not self.env.su:
            # The link to the service orders decides whether an order is invoiced:
            # set by the order's own button only (fieldservice_account's relation).
            qf_refuse_guarded(self, {"fsm_order_ids"}, vals_list)
            lines = qf_without_guarded_defaults(self, {"fsm_order_ids"})
        return super(AccountMoveLine, lines).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, {"fsm_order_ids"}, [vals])
        return super().write(vals)
