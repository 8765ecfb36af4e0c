# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults

# Set in sudo by the compensation or the service order that creates the payment,
# never by users.
GUARDED_LINKS = {"qf_compensation_id", "qf_collector_id", "qf_fsm_order_id"}


class AccountPayment(models.Model):
    _inherit = "account.payment"

    qf_compensation_id = fields.Many2one(
        comodel_name="quality.compensation",
        string="Compensation Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The approved compensation request this payment settles (R-304).",
    )
    qf_ticket_id = fields.Many2one(
        related="qf_compensation_id.ticket_id", string="Complaint"
    )
    qf_fsm_order_id = fields.Many2one(
        comodel_name="fsm.order",
        string="Service Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The paid service whose fee this payment registers (R-604).",
    )
    qf_collector_id = fields.Many2one(
        comodel_name="res.users",
        string="Collected By",
        readonly=True,
        copy=False,
        help="The technician who collected the money on site and handed it over.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        payments = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_LINKS, vals_list)
            payments = qf_without_guarded_defaults(self, GUARDED_LINKS)
        return super(AccountPayment, payments).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_LINKS, [vals])
        return super().write(vals)
