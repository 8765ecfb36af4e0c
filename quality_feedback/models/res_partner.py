# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .quality_guarded_mixin import qf_refuse_guarded, qf_without_guarded_defaults

# Set by the workflow only: a filed key-customer visit report dates it.
GUARDED_FIELDS = {"qf_last_visit_date"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    qf_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_qf_complaint_count"
    )

    qf_key_customer = fields.Boolean(
        string="Key Customer",
        help="Key customers get a visit led by the general manager every calendar "
        "year (R-803).",
    )
    qf_last_visit_date = fields.Date(
        string="Last Visit",
        readonly=True,
        copy=False,
        help="Date of the last key-customer visit, set when its report is filed.",
    )
    qf_supplier_claim_count = fields.Integer(
        string="Supplier Claims",
        compute="_compute_qf_supplier_claim_count",
        groups="quality_feedback.group_qf_officer",
    )

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, vals_list)
            model = qf_without_guarded_defaults(self, GUARDED_FIELDS)
        return super(ResPartner, model).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            qf_refuse_guarded(self, GUARDED_FIELDS, [vals])
        return super().write(vals)

    def _compute_qf_supplier_claim_count(self):
        """Claims against the vendor (R-205), visible from the vendor's form."""
        counts = dict(
            self.env["quality.supplier.claim"]._read_group(
                [("supplier_id", "in", self.commercial_partner_id.ids)],
                groupby=["supplier_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.qf_supplier_claim_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_qf_view_supplier_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_quality_supplier_claim"
        )
        action["domain"] = [("supplier_id", "=", self.commercial_partner_id.id)]
        return action

    def _compute_qf_complaint_count(self):
        """Complaints of the partner's commercial entity, in one grouped query."""
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [
                    ("is_complaint", "=", True),
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                ],
                groupby=["commercial_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.qf_complaint_count = counts.get(partner.commercial_partner_id, 0)

    def action_qf_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_complaints"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_qf_new_complaint(self):
        self.ensure_one()
        return self.env["helpdesk.ticket"]._qf_action_new_complaint(
            {"default_partner_id": self.id}
        )
