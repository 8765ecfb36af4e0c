# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

# Row codes next to those of quality_feedback (loss 1, compensation 2, service 5).
RETURN_KINDS = {"return": 3, "scrap": 4}


class QualityCostAnalysis(models.Model):
    """The returns' part of the cost of poor quality (R-906): what the posted credit
    notes of a complaint's return slips credited, and the cost value of the
    returned goods scrapped at re-inspection (R-505)."""

    _inherit = "quality.cost.analysis"
    _depends = {
        "account.move.line": ["qf_return_line_id", "parent_state", "balance", "date"],
        "quality.return.slip.line": [
            "slip_id",
            "inspection",
            "qty_received",
            "product_id",
        ],
        "quality.return.slip": ["ticket_id", "company_id"],
    }

    def _selection_kind(self):
        return [
            *super()._selection_kind(),
            ("return", self.env._("Credited Returns")),
            ("scrap", self.env._("Scrapped Returns")),
        ]

    @api.model
    def _qf_excluded_compensation_methods(self):
        """A return's approved amount counts once credited, for what came back."""
        return [*super()._qf_excluded_compensation_methods(), "return"]

    @api.model
    def _qf_cost_parts(self):
        return [
            *super()._qf_cost_parts(),
            # the untaxed amount of the posted credit notes, company currency.
            SQL(
                """
                SELECT s.ticket_id, %s AS code, 'return' AS kind,
                       SUM(aml.balance) AS amount, MAX(aml.date) AS cost_date
                  FROM account_move_line aml
                  JOIN quality_return_slip_line l ON l.id = aml.qf_return_line_id
                  JOIN quality_return_slip s ON s.id = l.slip_id
                 WHERE aml.parent_state = 'posted' AND s.ticket_id IS NOT NULL
              GROUP BY s.ticket_id
                """,
                RETURN_KINDS["return"],
            ),
            # scrapped goods at the product's cost in the slip's company.
            SQL(
                """
                SELECT s.ticket_id, %s AS code, 'scrap' AS kind,
                       SUM(l.qty_received * COALESCE(
                           (p.standard_price ->> s.company_id::text)::numeric, 0
                       )) AS amount,
                       MAX(l.write_date)::date AS cost_date
                  FROM quality_return_slip_line l
                  JOIN quality_return_slip s ON s.id = l.slip_id
                  JOIN product_product p ON p.id = l.product_id
                 WHERE l.inspection = 'scrap' AND s.ticket_id IS NOT NULL
              GROUP BY s.ticket_id
                """,
                RETURN_KINDS["scrap"],
            ),
        ]
