# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class QualityServiceReceiptSign(models.TransientModel):
    """The customer signs the receipt (SPEC R-603): when the technician takes the
    product, and again when he gets it back, which voids the receipt. The receipt's
    own methods check the caller and write the guarded signature."""

    _name = "quality.service.receipt.sign"
    _description = "Customer Signs a Take-Back Receipt"

    receipt_id = fields.Many2one(
        comodel_name="quality.service.receipt",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.context.get("active_id"),
    )
    mode = fields.Selection(
        selection=[("take", "Product Taken"), ("return", "Product Returned")],
        required=True,
        default="take",
    )
    signed_by = fields.Char(string="Name", required=True)
    signature = fields.Image(required=True, max_width=1024)

    @api.onchange("receipt_id")
    def _onchange_receipt_id(self):
        if self.receipt_id and not self.signed_by:
            self.signed_by = self.receipt_id.signed_by

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "take":
            self.receipt_id._qf_sign(self.signed_by, self.signature)
        else:
            self.receipt_id._qf_return(self.signed_by, self.signature)
        return {"type": "ir.actions.act_window_close"}


class QualityServiceReceiptRefuse(models.TransientModel):
    """The quality inspector refuses a repair (质检员验收, SPEC R-603) with a reason:
    the product goes back to production."""

    _name = "quality.service.receipt.refuse"
    _description = "Refuse a Repair"

    receipt_id = fields.Many2one(
        comodel_name="quality.service.receipt",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.context.get("active_id"),
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.receipt_id._qf_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
