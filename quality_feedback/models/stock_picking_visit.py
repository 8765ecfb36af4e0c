# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


# One model split by concern (README, model map): the customer visits.
class StockPicking(models.Model):
    _inherit = "stock.picking"  # pylint: disable=consider-merging-classes-inherited

    def init(self):
        """The return-visit planning (R-803) reads done transfers by date: a partial
        index keeps it a range scan however many transfers there are."""
        res = super().init()
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS stock_picking_qf_done_date_idx
                   ON stock_picking (date_done) WHERE state = 'done'"""
        )
        return res
