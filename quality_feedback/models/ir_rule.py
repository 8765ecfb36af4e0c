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
        searched as superuser, so a plain ``ticket_id.…`` path would not apply them.
        ``_qf_parent_fields`` ({field: model}) does the same for documents whose
        parent is one of several models; ``_qf_parent_owner_field`` names the user
        who sees his own documents whatever their parent."""
        domain = super()._compute_domain(model_name, mode)
        model = self.env[model_name]
        parents = getattr(model, "_qf_parent_fields", None) or {}
        if field_name := getattr(model, "_qf_complaint_field", None):
            parents = {field_name: "helpdesk.ticket"}
        if not parents or self.env.su:
            return domain
        # A document of several kinds of parent (a deadline of a complaint, a service
        # order or a slip) is seen through the parent it has; not at all through a
        # parent model the user may not read (its rule could not even be searched).
        rules = {
            field: super()._compute_domain(comodel, "read")
            for field, comodel in parents.items()
            if self.env[comodel].has_access("read")
        }
        if len(rules) == len(parents) and all(r.is_true() for r in rules.values()):
            return domain
        seen = Domain.OR(
            Domain(field, "!=", False) if rule.is_true() else Domain(field, "any", rule)
            for field, rule in rules.items()
        )
        if owner_field := getattr(model, "_qf_parent_owner_field", None):
            seen |= Domain(owner_field, "=", self.env.uid)
        return (domain & seen).optimize(model)
