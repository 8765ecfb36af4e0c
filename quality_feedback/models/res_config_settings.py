# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qf_complaint_prefix = fields.Char(
        related="company_id.qf_complaint_prefix", readonly=False
    )
    qf_duplicate_window_days = fields.Integer(
        related="company_id.qf_duplicate_window_days", readonly=False
    )
    qf_calendar_id = fields.Many2one(
        related="company_id.qf_calendar_id", readonly=False
    )
    qf_risk_share = fields.Integer(related="company_id.qf_risk_share", readonly=False)
    qf_escalation_factor = fields.Float(
        related="company_id.qf_escalation_factor", readonly=False
    )
    qf_slip_immediate_hours = fields.Float(
        related="company_id.qf_slip_immediate_hours", readonly=False
    )
    qf_visit_leader_id = fields.Many2one(
        related="company_id.qf_visit_leader_id", readonly=False
    )
    qf_penalty_review_day = fields.Integer(
        related="company_id.qf_penalty_review_day", readonly=False
    )
    qf_warranty_months = fields.Integer(
        related="company_id.qf_warranty_months", readonly=False
    )
    qf_approval_limit_sales = fields.Monetary(
        related="company_id.qf_approval_limit_sales", readonly=False
    )
    qf_approval_limit_gm = fields.Monetary(
        related="company_id.qf_approval_limit_gm", readonly=False
    )
    qf_enforce_interval = fields.Integer(
        string="Check Deadlines Every (minutes)",
        compute="_compute_qf_enforce_interval",
        inverse="_inverse_qf_enforce_interval",
    )

    def _qf_enforce_cron(self):
        # sudo: the interval of one scheduled action is a setting of this page.
        return self.env.ref("quality_feedback.ir_cron_enforce_deadlines").sudo()

    def _compute_qf_enforce_interval(self):
        cron = self._qf_enforce_cron()
        minutes = {
            "minutes": 1,
            "hours": 60,
            "days": 1440,
            "weeks": 10080,
            "months": 43200,
        }
        for settings in self:
            settings.qf_enforce_interval = (
                cron.interval_number * minutes[cron.interval_type]
            )

    def _inverse_qf_enforce_interval(self):
        for settings in self:
            if settings.qf_enforce_interval < 1:
                raise UserError(
                    self.env._("Deadlines must be checked at least every minute.")
                )
            settings._qf_enforce_cron().write(
                {
                    "interval_number": settings.qf_enforce_interval,
                    "interval_type": "minutes",
                }
            )
