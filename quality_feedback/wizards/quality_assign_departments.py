# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class QualityAssignDepartments(models.TransientModel):
    """The quality manager routes an accepted complaint to one or more responsible
    departments; each gets a handling step with its deadline (R-201, R-202)."""

    _name = "quality.assign.departments"
    _description = "Assign Departments to a Complaint"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", required=True)
    company_id = fields.Many2one(related="ticket_id.company_id")
    department_ids = fields.Many2many(
        comodel_name="quality.department",
        string="Departments",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    instructions = fields.Text(help="What the departments are asked to do.")

    @api.constrains("ticket_id")
    def _check_ticket_state(self):
        for wizard in self:
            if wizard.ticket_id.qf_state not in ("accepted", "investigating"):
                raise UserError(
                    self.env._(
                        "Departments are assigned to accepted complaints under "
                        "investigation; %s is not.",
                        wizard.ticket_id.number,
                    )
                )

    def action_assign(self):
        self.ensure_one()
        if not self.env.user.has_group("quality_feedback.group_qf_manager"):
            raise AccessError(self.env._("Only a quality manager assigns departments."))
        already = self.ticket_id.step_ids.filtered(
            lambda s: s.state == "open"
        ).department_id
        new_departments = self.department_ids - already
        if not new_departments:
            raise UserError(self.env._("These departments already have an open step."))
        self.env["quality.handling.step"].create(
            [
                {
                    "ticket_id": self.ticket_id.id,
                    "department_id": department.id,
                    "instructions": self.instructions,
                }
                for department in new_departments
            ]
        )
        return {"type": "ir.actions.act_window_close"}
