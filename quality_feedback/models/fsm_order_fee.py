# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .quality_reader import qf_for_company
from .quality_row_lock import qf_lock_for_update


class FSMOrder(models.Model):
    """A small fee of paid service collected on site (SPEC R-604, 2.4: 技术人员当场
    向用户收费, 回来将款交于财务部): the technician records that he collected it;
    finance registers the payment of the order's invoice with him as collector when
    he hands the money over."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    qf_fee_collected_by_id = fields.Many2one(
        comodel_name="res.users", string="Fee Collected By", readonly=True, copy=False
    )
    qf_date_fee_collected = fields.Datetime(
        string="Fee Collected On", readonly=True, copy=False
    )
    qf_fee_payment_id = fields.Many2one(
        comodel_name="account.payment",
        string="Fee Payment",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    qf_can_collect_fee = fields.Boolean(compute="_compute_qf_can_collect_fee")

    @api.depends("qf_service_type", "qf_fee_amount", "stage_id")
    @api.depends_context("uid")
    def _compute_qf_can_collect_fee(self):
        dispatched = self._qf_stages()["dispatched"]
        for order in self:
            order.qf_can_collect_fee = (
                order.qf_service_type == "paid"
                and order.qf_fee_amount > 0
                and not order.qf_fee_collected_by_id
                and order.stage_id == dispatched
                and self.env.user in order.qf_technician_user_ids
            )

    def action_qf_collect_fee(self):
        """The technician collected the fee from the customer on site."""
        self.ensure_one()
        self._qf_check_on_site(self.env._("paid on site"))
        if self.qf_service_type != "paid" or self.qf_fee_amount <= 0:
            raise UserError(
                self.env._(
                    "Only the fee of paid service (type A) is collected on site; "
                    "enter the fee of %(order)s first.",
                    order=self.name,
                )
            )
        if self.qf_fee_collected_by_id:
            raise UserError(
                self.env._(
                    "The fee of %(order)s was already collected by %(user)s.",
                    order=self.name,
                    user=self.qf_fee_collected_by_id.name,
                )
            )
        self.sudo().write(
            {
                "qf_fee_collected_by_id": self.env.uid,
                "qf_date_fee_collected": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=qf_for_company(self).env._(
                "Fee of %(amount)s collected on site by %(user)s.",
                amount=self.qf_currency_id.format(self.qf_fee_amount),
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _qf_register_fee(self, invoice):
        """Finance received the money: ``invoice`` (of this order) is posted and paid
        in the company's cash journal, the technician recorded as collector. Called
        by the invoice's button after its checks; the order is written in sudo."""
        self.ensure_one()
        qf_lock_for_update(
            self, self.env._("Someone else is registering this fee: try again.")
        )
        if not self.qf_fee_collected_by_id or self.qf_fee_payment_id:
            raise UserError(
                self.env._(
                    "No fee of %(order)s waits to be handed over to finance.",
                    order=self.name,
                )
            )
        if invoice.state == "draft":
            invoice.with_env(self.env(su=False)).action_post()
        payments = (
            self.env["account.payment.register"]
            .with_env(self.env(su=False))
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(self._qf_prepare_fee_payment_vals(self._qf_cash_journal()))
            ._create_payments()
        )
        # sudo: the links are guarded; finance just created the payment.
        payments.sudo().write(
            {
                "qf_collector_id": self.qf_fee_collected_by_id.id,
                "qf_fsm_order_id": self.id,
            }
        )
        self.sudo().qf_fee_payment_id = payments[:1]
        return payments

    def _qf_prepare_fee_payment_vals(self, journal):
        return {
            "journal_id": journal.id,
            "amount": self.qf_fee_amount,
            "payment_date": fields.Date.to_date(self.qf_date_fee_collected),
            "communication": self.env._(
                "%(order)s: collected on site by %(user)s",
                order=self.name,
                user=self.qf_fee_collected_by_id.name,
            ),
        }

    def _qf_cash_journal(self):
        """The company's cash journal, its bank journal when it keeps no cash book."""
        journals = self.env["account.journal"].search(
            [("type", "in", ("cash", "bank")), ("company_id", "=", self.company_id.id)]
        )
        journal = journals.filtered(lambda j: j.type == "cash")[:1] or journals[:1]
        if not journal:
            raise UserError(
                self.env._(
                    "Create a cash journal for %(company)s to register fees "
                    "collected on site.",
                    company=self.company_id.name,
                )
            )
        return journal
