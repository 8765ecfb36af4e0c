# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_committee_review import COMMITTEE_FLAGS, OFFICER_GROUP


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """A complaint flagged batch rework, batch scrap, major process error or batch
    inspection miss goes to the quality committee (R-702): the quality office sets
    the flag, which opens the review; the complaint closes only once the review is
    decided (``_qf_guard_closed``)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_committee_flag = fields.Selection(
        selection=COMMITTEE_FLAGS,
        string="Quality Committee",
        tracking=True,
        help="Batch rework, batch scrap, a major process error or a batch "
        "inspection miss: the quality committee reviews the complaint before it "
        "closes. Set by the quality office, once.",
    )
    qf_committee_review_ids = fields.One2many(
        comodel_name="quality.committee.review",
        inverse_name="ticket_id",
        string="Committee Reviews",
        readonly=True,
    )
    qf_committee_review_state = fields.Selection(
        related="qf_committee_review_ids.state", string="Committee Review"
    )

    @api.model_create_multi
    def create(self, vals_list):
        flagged = any(vals.get("qf_committee_flag") for vals in vals_list)
        if flagged:
            self._qf_check_committee_flagger()
        tickets = super().create(vals_list)
        if flagged:
            tickets._qf_committee_flagged()
        return tickets

    def write(self, vals):
        if "qf_committee_flag" in vals and not self.env.su:
            self._qf_check_committee_flagger()
            self.env["quality.committee.review"]._qf_check_flag_fixed(
                self, vals, "qf_committee_flag"
            )
        res = super().write(vals)
        if vals.get("qf_committee_flag"):
            self._qf_committee_flagged()
        return res

    @api.model
    def _qf_check_committee_flagger(self):
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._("Only the quality office sends complaints to the committee.")
            )

    def _qf_committee_flagged(self):
        complaints = self.filtered("is_complaint")
        if self.filtered("qf_committee_flag") - complaints:
            raise UserError(self.env._("Only complaints go to the quality committee."))
        # sudo: reviews are created by the flag only; the quality office was checked.
        self.env["quality.committee.review"].sudo()._qf_open_for(
            complaints.sudo(), "ticket_id", "qf_committee_flag"
        )

    def _qf_committee_undecided(self):
        return self.env["quality.committee.review"]._qf_undecided(
            self, "qf_committee_flag", "qf_committee_review_ids"
        )

    def action_qf_open_committee_review(self):
        self.ensure_one()
        if not self.qf_committee_review_ids:
            raise AccessError(self.env._("This complaint has no committee review."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "quality.committee.review",
            "res_id": self.qf_committee_review_ids.id,
            "view_mode": "form",
        }
