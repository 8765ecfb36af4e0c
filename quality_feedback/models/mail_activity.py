# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A handling step is done when its owner marks its to-do activity done
        (R-201); the feedback becomes the step's result when it has none."""
        step_type = self.env.ref(
            "quality_feedback.mail_activity_type_handling_step",
            raise_if_not_found=False,
        )
        step_ids = [
            activity.res_id
            for activity in self
            if activity.res_model == "quality.handling.step"
            and activity.activity_type_id == step_type
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if step_ids:
            self.env["quality.handling.step"].browse(step_ids)._qf_done_from_activity(
                feedback
            )
        return result
