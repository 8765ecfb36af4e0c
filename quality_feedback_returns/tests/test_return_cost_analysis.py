# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import ReturnsCase


class TestReturnCostAnalysis(ReturnsCase):
    """R-906: a complaint's returns count in the cost of poor quality once credited
    (posted credit notes, untaxed) and, when scrapped, at the goods' cost; the
    approved return request is not counted a second time as compensation."""

    def _costs(self):
        rows = (
            self.env["quality.cost.analysis"]
            .with_user(self.user_officer)
            .search([("ticket_id", "=", self.complaint.id)])
        )
        return {row.kind: row.amount for row in rows}

    def test_credited_and_scrapped_returns(self):
        self.order._create_invoices().action_post()
        self.pump.standard_price = 70
        slip = self._approved_slip(4)
        self.assertIn(slip.compensation_id.state, ("approved", "done"))
        self._receive(slip.picking_ids, 4, backorder=False)
        # Approved and received, not credited yet: no cost so far.
        self.assertEqual(self._costs(), {})
        action = slip.with_user(self.finance).action_create_credit_note()
        credit_note = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(self._costs(), {}, "a draft credit note credits nothing")
        credit_note.with_user(self.finance).action_post()
        self.assertEqual(self._costs(), {"return": 480})
        slip.line_ids.with_user(self.user_officer).action_inspect_scrap()
        self.assertEqual(self._costs(), {"return": 480, "scrap": 280})
        totals = dict(
            self.env["quality.cost.analysis"]
            .with_user(self.user_manager)
            ._read_group(
                [("ticket_id", "=", self.complaint.id)], ["product_id"], ["amount:sum"]
            )
        )
        self.assertEqual(totals, {self.pump: 760})
        # Cancelling the credit note takes the credited amount out again.
        credit_note.sudo().button_draft()
        credit_note.sudo().button_cancel()
        self.assertEqual(self._costs(), {"scrap": 280})
