# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

# Ratings of these documents decide a technician's monthly score and open follow-ups
# only the customer's rating link or portal (run as superuser by
# Odoo's rating controller) writes them.
RATED_MODELS = ("helpdesk.ticket", "fsm.order")


class RatingRating(models.Model):
    _inherit = "rating.rating"

    @api.model_create_multi
    def create(self, vals_list):
        ratings = super().create(vals_list)
        if not self.env.su and ratings.filtered(lambda r: r.res_model in RATED_MODELS):
            # Refused after the insert, whichever field named the document: the
            # error rolls the whole call back.
            self._qf_refuse()
        return ratings

    def write(self, vals):
        if not self.env.su and self.filtered(lambda r: r.res_model in RATED_MODELS):
            self._qf_refuse()
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self.filtered(lambda r: r.res_model in RATED_MODELS):
            self._qf_refuse()
        return super().unlink()

    def _qf_refuse(self):
        raise AccessError(
            self.env._("Only the customer rates a complaint or a service order.")
        )
