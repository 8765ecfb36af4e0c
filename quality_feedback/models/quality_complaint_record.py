# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QualityComplaintRecord(models.AbstractModel):
    """A document that belongs to one complaint (step, action, claim, objection):
    the complaint, its company for the multi-company rules, and a chatter."""

    _name = "quality.complaint.record"
    _description = "Document of a Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)

    # Documents that are part of the complaint's record are frozen with it once the
    # complaint is closed or cancelled (R-1002); claims and objections go on after.
    _frozen_with_complaint = False

    def write(self, vals):
        if self._frozen_with_complaint:
            self.ticket_id._qf_check_locked_children(self, vals)
        return super().write(vals)
