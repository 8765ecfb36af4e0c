# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class QualitySupplierClaim(models.Model):
    """Cost of a complaint to recover from the supplier of a faulty purchased part
    (R-205)."""

    _name = "quality.supplier.claim"
    _description = "Supplier Claim"
    _inherit = ["quality.complaint.record"]
    _order = "id desc"
    _qf_guarded_fields = ("state",)

    supplier_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Amount to Recover", tracking=True)
    note = fields.Text()
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("claimed", "Claimed"),
            ("recovered", "Recovered"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        readonly=True,
        required=True,
        tracking=True,
    )

    _amount_positive = models.Constraint(
        "CHECK (amount >= 0)", "The amount to recover cannot be negative."
    )

    def _qf_move(self, source, target):
        if any(claim.state != source for claim in self):
            raise UserError(
                self.env._(
                    "Only %(state)s claims can be changed this way.",
                    state=dict(self._fields["state"].selection)[source],
                )
            )
        self.check_access("write")
        # sudo: the state is guarded; the caller's write access was checked above.
        self.sudo().state = target
        return True

    def action_claim(self):
        return self._qf_move("draft", "claimed")

    def action_recovered(self):
        return self._qf_move("claimed", "recovered")

    def action_rejected(self):
        return self._qf_move("claimed", "rejected")
