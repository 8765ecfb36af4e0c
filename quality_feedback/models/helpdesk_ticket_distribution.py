# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

FORM_REPORT = "quality_feedback.report_complaint_form"


# One model split by concern (README, model map): helpdesk_ticket.py holds the rest.
class HelpdeskTicket(models.Model):
    """R-212: the signed-off handling form (经核签结案的客户投诉处理单) is kept by the
    quality department and distributed to the GM office, production, R&D, finance and
    sales (分发各部门). Closing a complaint is its sign-off: the managers and members
    of the departments marked *Receives Handling Forms* follow the complaint and get
    one internal note with the form's PDF, which the customer never sees (R-207)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    qf_form_distributed_date = fields.Datetime(
        string="Handling Form Distributed On",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.model
    def _qf_writable_when_locked(self, field_name):
        return (
            field_name == "qf_form_distributed_date"
            or super()._qf_writable_when_locked(field_name)
        )

    def _qf_after_move(self):
        res = super()._qf_after_move()
        closed = self.filtered(lambda t: t.qf_state == "closed")
        if closed:
            closed._qf_distribute_handling_form()
        return res

    def _qf_distribute_handling_form(self):
        """Post the signed-off form of each closed complaint to the departments that
        receive handling forms, once per sign-off (a reopened complaint is signed off
        and distributed again when it closes)."""
        # sudo: the receiving departments and their people are configuration the
        # closing manager need not read; they are only told.
        departments = (
            self.env["quality.department"]
            .sudo()
            .search(
                [
                    ("receives_handling_forms", "=", True),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        by_company = departments.grouped("company_id")
        now = fields.Datetime.now()
        for ticket in self:
            receiving = by_company.get(ticket.company_id, departments.browse())
            readers = (receiving.manager_id | receiving.member_ids).filtered(
                lambda u: u.active and not u.share
            )
            # One note to several readers: in the company's language.
            lang = ticket._qf_company_lang()
            local = ticket.with_context(lang=lang)
            content, report_type = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_pdf(FORM_REPORT, ticket.ids)
            )
            title = local.env._("Complaint Handling Form")
            filename = f"{title} {ticket.number}.{report_type}"
            body = (
                local.env._(
                    "Signed-off complaint handling form, distributed to: %s.",
                    ", ".join(receiving.with_context(lang=lang).mapped("name")),
                )
                if receiving
                else local.env._(
                    "Signed-off complaint handling form, kept by the quality "
                    "department; no department is set to receive handling forms."
                )
            )
            # sudo: the receivers follow the complaint (and so read it) whatever the
            # closing manager may change on their subscriptions.
            target = ticket.sudo()
            target.message_subscribe(partner_ids=readers.partner_id.ids)
            message = target.message_post(
                body=Markup("<p>%s</p>") % body,
                attachments=[(filename, content)],
                partner_ids=readers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
            # The form is internal: its file is read through the internal
            # note, not through the complaint, which the customer reads on the portal.
            message.attachment_ids.write(
                {"res_model": "mail.message", "res_id": message.id}
            )
            target.qf_form_distributed_date = now
