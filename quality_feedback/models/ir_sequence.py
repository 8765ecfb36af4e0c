# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _create_date_range_seq(self, date):
        """Serialise the creation of a sequence's date ranges (R-104).

        Two transactions may both miss the range of a new period (the complaint
        sequence restarts every month, see OCA ``sequence_reset_period``) and create
        one each: every number of that period would then be handed out twice.
        Updating the sequence row first makes the second transaction fail with a
        serialization error, which Odoo retries; the retry finds the first range.
        """
        self.env.cr.execute(
            "UPDATE ir_sequence SET write_date = write_date WHERE id = %s", [self.id]
        )
        return super()._create_date_range_seq(date)
