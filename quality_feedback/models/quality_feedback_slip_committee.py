# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_committee_review import COMMITTEE_FLAGS


class QualityFeedbackSlip(models.Model):
    """A slip flagged batch rework, batch scrap, major process error or batch
    inspection miss goes to the quality committee (R-702): the flag opens its
    review, and the slip closes only once the review is decided."""

    _inherit = "quality.feedback.slip"  # pylint: disable=consider-merging-classes-inherited

    committee_flag = fields.Selection(
        selection=COMMITTEE_FLAGS,
        string="Quality Committee",
        tracking=True,
        help="Batch rework, batch scrap, a major process error or a batch "
        "inspection miss: the quality committee reviews the slip before it closes. "
        "Set by the sender or the quality office, once.",
    )
    committee_review_ids = fields.One2many(
        comodel_name="quality.committee.review",
        inverse_name="slip_id",
        string="Committee Reviews",
        readonly=True,
    )
    committee_review_state = fields.Selection(
        related="committee_review_ids.state", string="Committee Review"
    )

    @api.model_create_multi
    def create(self, vals_list):
        slips = super().create(vals_list)
        if any(vals.get("committee_flag") for vals in vals_list):
            slips._qf_committee_flagged()
        return slips

    def write(self, vals):
        if "committee_flag" in vals and not self.env.su:
            self._qf_check_committee_flagger()
            self.env["quality.committee.review"]._qf_check_flag_fixed(
                self, vals, "committee_flag"
            )
        res = super().write(vals)
        if vals.get("committee_flag"):
            self._qf_committee_flagged()
        return res

    def _qf_check_committee_flagger(self):
        """The sender or the quality office flags an open slip."""
        self._qf_check_sender(self.env._("flag"))
        closed = self.filtered(lambda s: s.state in ("closed", "cancelled"))
        if closed:
            raise UserError(
                self.env._(
                    "Slips %(slips)s are closed or cancelled: they cannot go to the "
                    "quality committee any more.",
                    slips=", ".join(closed.mapped("name")),
                )
            )

    def _qf_committee_flagged(self):
        # sudo: reviews are created by the flag only; the flagger was checked.
        self.env["quality.committee.review"].sudo()._qf_open_for(
            self.sudo(), "slip_id", "committee_flag"
        )

    def _qf_check_committee_decided(self):
        """R-702: a flagged slip closes once its committee review is decided."""
        undecided = self.env["quality.committee.review"]._qf_undecided(
            self, "committee_flag", "committee_review_ids"
        )
        if undecided:
            raise UserError(
                self.env._(
                    "Slips %(slips)s wait for the quality committee's decision: "
                    "they close once their review is decided.",
                    slips=", ".join(undecided.mapped("name")),
                )
            )

    def action_open_committee_review(self):
        self.ensure_one()
        if not self.committee_review_ids:
            raise AccessError(self.env._("This slip has no committee review."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "quality.committee.review",
            "res_id": self.committee_review_ids.id,
            "view_mode": "form",
        }
