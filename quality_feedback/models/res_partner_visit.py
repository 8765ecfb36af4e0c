# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


# One model split by concern (README, model map): the customer visits.
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    qf_visit_count = fields.Integer(
        string="Visits",
        compute="_compute_qf_visit_count",
        groups="quality_feedback.group_qf_user",
    )

    def init(self):
        """The yearly planning (R-803) reads the key customers only."""
        res = super().init()
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS res_partner_qf_key_customer_idx
                   ON res_partner (id) WHERE qf_key_customer"""
        )
        return res

    def _compute_qf_visit_count(self):
        """Visits of the partner's commercial entity (R-803), one grouped query."""
        counts = dict(
            self.env["quality.visit"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.qf_visit_count = counts.get(partner.commercial_partner_id, 0)

    def action_qf_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_quality_visit"
        )
        customer = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", customer.id)]
        action["context"] = {"default_partner_id": customer.id}
        return action
