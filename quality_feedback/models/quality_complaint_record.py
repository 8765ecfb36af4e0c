# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class QualityComplaintRecord(models.AbstractModel):
    """A document that belongs to one complaint (step, action, claim, objection,
    compensation): the complaint, its company for the multi-company rules, and a
    chatter. Whoever reads it must be able to read its complaint (``ir.rule``), it
    never moves to another complaint, and its workflow fields are guarded."""

    _name = "quality.complaint.record"
    _description = "Document of a Complaint"
    _inherit = ["quality.guarded.mixin", "mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _qf_complaint_field = "ticket_id"
    _qf_fixed_fields = ("ticket_id",)

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
    # complaint is closed or cancelled (R-1002): not created, changed or deleted by
    # users; claims and objections go on after.
    _frozen_with_complaint = False

    @api.model_create_multi
    def create(self, vals_list):
        if self._frozen_with_complaint and not self.env.su:
            tickets = self.env["helpdesk.ticket"].browse(
                {vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")}
            )
            tickets._qf_check_locked_children(self, {"ticket_id": True})
        return super().create(vals_list)

    def write(self, vals):
        if self._frozen_with_complaint and not self.env.su:
            self.ticket_id._qf_check_locked_children(self, vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_complaint(self):
        if self._frozen_with_complaint:
            self.ticket_id._qf_check_locked_children(self, {"ticket_id": True})
