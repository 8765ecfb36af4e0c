# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Domain


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        """A document of a complaint (``_qf_complaint_field`` on its model) is seen by
        whoever sees its complaint, on top of its own rules: the complaint's rules
        apply to it as they would to an ``_inherits`` parent. Rule domains are
        searched as superuser, so a plain ``ticket_id.…`` path would not apply them."""
        domain = super()._compute_domain(model_name, mode)
        field_name = getattr(self.env[model_name], "_qf_complaint_field", None)
        if not field_name or self.env.su:
            return domain
        complaints = super()._compute_domain("helpdesk.ticket", "read")
        if complaints.is_true():
            return domain
        return (domain & Domain(field_name, "any", complaints)).optimize(
            self.env[model_name]
        )
