# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.quality_feedback.models.quality_row_lock import qf_lock_for_update


class QualityReturnSlip(models.Model):
    """R-506: finance credits what was received and not credited yet."""

    _inherit = "quality.return.slip"

    credit_note_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="qf_return_slip_id",
        string="Credit Notes",
    )
    credit_note_count = fields.Integer(compute="_compute_credit_note_count")
    to_credit = fields.Boolean(
        compute="_compute_to_credit",
        store=True,
        help="Received goods not credited yet.",
    )

    @api.depends("state", "line_ids.qty_received", "line_ids.qty_credited")
    def _compute_to_credit(self):
        for slip in self:
            slip.to_credit = slip.state == "received" and any(
                line.uom_id.compare(line.qty_received, line.qty_credited) > 0
                for line in slip.line_ids
            )

    def _compute_credit_note_count(self):
        counts = self._qf_count_linked("account.move")
        for slip in self:
            slip.credit_note_count = counts.get(slip, 0)

    def action_create_credit_note(self):
        """Finance credits what was received and not credited yet, at the sold price,
        against the original invoice. The slip is locked first: two users crediting
        at once get one credit note."""
        self.ensure_one()
        self._qf_check_caller(
            "read",
            group="account.group_account_invoice",
            refusal=self.env._("Only finance creates credit notes."),
        )
        qf_lock_for_update(
            self,
            self.env._("%s is being credited by someone else right now.", self.name),
        )
        self.line_ids.invalidate_recordset()
        self._qf_check_creditable()
        lines = self.line_ids.filtered(
            lambda line: line.uom_id.compare(line.qty_received, line.qty_credited) > 0
        )
        if not lines:
            raise UserError(
                self.env._("Everything received on %s is already credited.", self.name)
            )
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [("type", "=", "sale"), ("company_id", "=", self.company_id.id)],
                limit=1,
            )
        )
        # sudo: finance was checked above; the links to the slip are guarded. The
        # credit note stays a draft that finance reviews and posts.
        credit_note = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": self.partner_id.id,
                    "journal_id": journal.id,
                    "invoice_date": fields.Date.context_today(self),
                    "reversed_entry_id": self._qf_original_invoice().id,
                    "invoice_origin": self.name,
                    "ref": self.name,
                    "qf_return_slip_id": self.id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            line._qf_credit_note_line_values(
                                line.qty_received - line.qty_credited
                            )
                        )
                        for line in lines
                    ],
                }
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": credit_note.id,
            "view_mode": "form",
        }

    def _qf_check_creditable(self):
        """Only a slip whose received quantities match the approved ones, or whose
        difference was acknowledged, is credited; the error names the lines."""
        if self.state == "received":
            return
        if self.state == "difference":
            lines = self.line_ids.filtered(
                lambda line: (
                    line.uom_id.compare(line.qty_received, line.qty_approved) != 0
                )
            )
            raise UserError(
                self.env._(
                    "%(name)s cannot be credited: received and approved quantities differ "
                    "for %(lines)s, and a sales manager has not acknowledged it.",
                    name=self.name,
                    lines=", ".join(
                        f"{line.product_id.display_name} "
                        f"({line.qty_received} / {line.qty_approved})"
                        for line in lines
                    ),
                )
            )
        raise UserError(
            self.env._("%s is not received yet: nothing to credit.", self.name)
        )

    def _qf_original_invoice(self):
        """The posted customer invoice of the slip's order lines, if any."""
        invoices = self.line_ids.sale_line_id.invoice_lines.move_id
        return invoices.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).sorted("invoice_date")[-1:]

    def action_view_credit_notes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action["domain"] = [("qf_return_slip_id", "=", self.id)]
        action["context"] = {"create": False, "default_move_type": "out_refund"}
        # sudo: the slip shows its credit notes' number, whoever opens it.
        credit_notes = self.sudo().credit_note_ids
        if len(credit_notes) == 1:
            action.update(views=[(False, "form")], res_id=credit_notes.id)
        return action
