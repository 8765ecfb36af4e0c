# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityCompensation(models.Model):
    """A return slip's amount is approved as a compensation request of the 'return'
    kind (R-503): same tiers, same four eyes; its credit note is the slip's, for the
    quantities actually received, so approving it creates no accounting document."""

    _inherit = "quality.compensation"

    method = fields.Selection(
        selection_add=[("return", "Return of Goods")], ondelete={"return": "cascade"}
    )
    return_slip_ids = fields.One2many(
        comodel_name="quality.return.slip", inverse_name="compensation_id"
    )

    def _qf_after_approval(self):
        res = super()._qf_after_approval()
        # sudo: the approval lets the slip go on, whoever approved it.
        self.sudo().return_slip_ids.filtered(
            lambda s: s.state == "to_approve"
        )._qf_on_approved()
        return res
