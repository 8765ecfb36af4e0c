# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    """A customer's service contract (R-601, type B) and his service orders."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    qf_service_contract_ref = fields.Char(
        string="Service Contract",
        help="Reference of the sales contract whose terms cover after-sales service "
        "(contract service, type B) while it runs.",
    )
    qf_service_contract_end = fields.Date(
        string="Service Contract Until",
        help="Last day the service contract covers; service requests up to this "
        "day are proposed as contract service (B).",
    )
    qf_service_order_count = fields.Integer(
        string="Service Orders",
        compute="_compute_qf_service_order_count",
        groups="fieldservice.group_fsm_user_own",
    )

    def _qf_has_running_contract(self, on_date):
        self.ensure_one()
        return bool(
            self.qf_service_contract_ref
            and self.qf_service_contract_end
            and on_date <= self.qf_service_contract_end
        )

    def _compute_qf_service_order_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("qf_partner_id", "child_of", self.commercial_partner_id.ids)],
                groupby=["qf_partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.qf_service_order_count = sum(
                count
                for customer, count in counts.items()
                if customer.commercial_partner_id == partner.commercial_partner_id
            )

    def action_qf_view_service_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_feedback.action_qf_service_record"
        )
        action["domain"] = [
            ("qf_partner_id", "child_of", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_qf_partner_id": self.id}
        return action

    def action_qf_register_service(self):
        self.ensure_one()
        return self.env["quality.service.register"]._qf_open({"partner_id": self.id})
