# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_guarded_mixin import qf_refuse_guarded


class RepairOrder(models.Model):
    """A repair of a product taken back against a receipt (SPEC R-603): made by the
    material return note, finished by production, then inspected by quality."""

    _inherit = "repair.order"

    qf_receipt_id = fields.Many2one(
        comodel_name="quality.service.receipt",
        string="Take-Back Receipt",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            qf_refuse_guarded(self, {"qf_receipt_id"}, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, {"qf_receipt_id"}, [vals])
        return super().write(vals)

    def action_repair_done(self):
        res = super().action_repair_done()
        # sudo: the repair's end moves its receipt on to the quality inspector.
        self.sudo().qf_receipt_id._qf_repair_done(self.sudo())
        return res
