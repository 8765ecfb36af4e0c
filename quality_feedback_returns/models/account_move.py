# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.quality_feedback.models.quality_guarded_mixin import (
    qf_refuse_guarded,
    qf_without_guarded_defaults,
)

# Set in sudo by the slip's credit note button only.
GUARDED_LINE_LINKS = {"qf_return_line_id"}


class AccountMove(models.Model):
    _inherit = "account.move"

    qf_return_slip_id = fields.Many2one(
        comodel_name="quality.return.slip",
        string="Return Slip",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The return slip this credit note credits (R-506).",
    )

    @api.model
    def _qf_guarded_links(self):
        return super()._qf_guarded_links() | {"qf_return_slip_id"}

    @api.constrains("state", "currency_id")
    def _qf_check_return_credit(self):
        """A credit note set back to draft counts again, and its currency prices its
        lines: neither may credit more than the slip received, or at a higher price."""
        self.line_ids._qf_check_return_credit()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    qf_return_line_id = fields.Many2one(
        comodel_name="quality.return.slip.line",
        string="Return Slip Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_LINE_LINKS, vals_list)
            lines = qf_without_guarded_defaults(self, GUARDED_LINE_LINKS)
        return super(AccountMoveLine, lines).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_LINE_LINKS, [vals])
        return super().write(vals)

    @api.constrains(
        "quantity", "price_unit", "discount", "product_uom_id", "qf_return_line_id"
    )
    def _qf_check_return_credit(self):
        """Finance edits the draft credit note of a slip, within what the slip
        received and at no more than its price (R-506)."""
        # sudo: the slip decides, whoever edits the credit note.
        credits = self.sudo().filtered(
            lambda line: line.qf_return_line_id and line.parent_state != "cancel"
        )
        credits.qf_return_line_id._qf_check_credited()
        for credit in credits:
            slip_line = credit.qf_return_line_id
            move = credit.move_id
            price = credit.product_uom_id._compute_price(
                credit.price_unit * (1 - (credit.discount or 0.0) / 100.0),
                slip_line.uom_id,
            )
            price = move.currency_id._convert(
                price,
                slip_line.currency_id,
                slip_line.company_id,
                move.invoice_date or move.date or fields.Date.context_today(self),
            )
            if slip_line.currency_id.compare_amounts(price, slip_line.price_unit) > 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s is credited at most at %(price)s a unit, the "
                        "price of return slip %(slip)s.",
                        product=slip_line.product_id.display_name,
                        price=slip_line.price_unit,
                        slip=slip_line.slip_id.name,
                    )
                )
