# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class QualityGuardedMixin(models.AbstractModel):
    """Fields that only the model's own methods change (README, "How rules are
    enforced"): states, approval inputs, quantities, verifications, links to the
    documents a workflow created.

    ``create`` and ``write`` refuse them unless the environment is superuser: the
    model's methods check the caller's rights, then write with ``sudo()``. No context
    key lifts the guard, and ``default_<field>`` context keys are dropped for them.
    Stored computed fields without an inverse are guarded too: they decide approvals
    and amounts and are never typed in. ``_qf_fixed_fields`` are given at creation
    and never changed afterwards (the complaint a document belongs to)."""

    _name = "quality.guarded.mixin"
    _description = "Fields Changed Only by the Workflow"

    _qf_guarded_fields = ()
    _qf_fixed_fields = ()

    @api.model
    def _qf_guarded(self):
        return qf_guarded_field_names(self)

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            guarded = self._qf_guarded()
            qf_refuse_guarded(self, guarded, vals_list)
            model = qf_without_guarded_defaults(self, guarded)
        return super(QualityGuardedMixin, model).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            fixed = qf_collect(self, "_qf_fixed_fields")
            qf_refuse_guarded(self, self._qf_guarded() | fixed, [vals])
        return super().write(vals)


def qf_collect(model, attribute):
    """The names listed in ``attribute`` by every class of ``model``: a model adds
    to what its parents (e.g. quality.complaint.record) declare."""
    return {
        name for cls in type(model).mro() for name in cls.__dict__.get(attribute, ())
    }


def qf_guarded_field_names(model):
    """The explicit guarded fields of ``model`` and its stored computed fields that
    have no inverse (related fields included: writing one would write through)."""
    names = qf_collect(model, "_qf_guarded_fields")
    names.update(
        name
        for name, field in model._fields.items()
        if field.store and field.compute and field.readonly and not field.inverse
    )
    return names


def qf_refuse_guarded(records, guarded, vals_list):
    """Raise if any of ``vals_list`` sets a guarded field; nothing is written."""
    touched = {name for vals in vals_list for name in vals} & guarded
    if touched:
        raise AccessError(
            records.env._(
                "%(fields)s of %(document)s change only through its buttons.",
                fields=", ".join(sorted(records._fields[n].string for n in touched)),
                document=records._description,
            )
        )


def qf_without_guarded_defaults(records, guarded):
    """``records`` with the context's ``default_<guarded field>`` keys removed."""
    context = records.env.context
    keys = {f"default_{name}" for name in guarded}
    if keys.isdisjoint(context):
        return records
    # Keys are removed, not set: only a new dict can drop them.
    return records.with_context(  # pylint: disable=context-overridden
        {key: value for key, value in context.items() if key not in keys}
    )
