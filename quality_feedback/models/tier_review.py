# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class TierReview(models.Model):
    """base_tier_validation lets every employee create, write and delete reviews. The
    reviews of our approvals (R-303) are written by the validation engine only,
    called as superuser by the request's own methods after they checked the caller;
    a reviewer may still add his comment to his own pending review."""

    _inherit = "tier.review"

    @api.model
    def _qf_guarded_models(self):
        return {"quality.compensation"}

    def _qf_refuse(self):
        raise AccessError(
            self.env._(
                "Approvals of compensation requests are recorded by their Approve and "
                "Reject buttons only."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("model") in self._qf_guarded_models() for vals in vals_list
        ):
            self._qf_refuse()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            guarded = self.filtered(lambda r: r.model in self._qf_guarded_models())
            if vals.get("model") in self._qf_guarded_models() or (
                guarded
                and (
                    set(vals) != {"comment"}
                    or guarded.filtered(
                        lambda r: (
                            r.status != "pending" or self.env.user not in r.reviewer_ids
                        )
                    )
                )
            ):
                self._qf_refuse()
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self.filtered(
            lambda r: r.model in self._qf_guarded_models()
        ):
            self._qf_refuse()
        return super().unlink()

    def _update_review_status(self):
        # sudo: promoting the next tier to pending follows from the reviews
        # themselves, whoever looks at them (the systray counter calls this).
        return super(TierReview, self.sudo())._update_review_status()
