# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class QualityTechnicianScore(models.Model):
    """Ratings of technicians by their customers (R-801: 对技术员的品评), one row per
    answered rating of a service order, for the monthly technician score.

    A read-only SQL view over Odoo's ``rating.rating``: the score of a row is the
    rating on a 0-100 scale (5 → 100, 3 → 60, 1 → 20), so the pivot's average per
    technician and month is his monthly score. The technician is the rated operator
    of the rating request (the order's technician when it was filed); the month is
    the month the work was filed, whenever the customer answered."""

    _name = "quality.technician.score"
    _description = "Technician Rating Score"
    _auto = False
    _order = "date desc"
    _depends = {
        "rating.rating": [
            "res_model",
            "res_id",
            "rated_partner_id",
            "partner_id",
            "rating",
            "consumed",
            "write_date",
        ],
        "fsm.order": ["company_id", "qf_date_filed"],
    }

    rating_id = fields.Many2one(comodel_name="rating.rating", readonly=True)
    order_id = fields.Many2one(
        comodel_name="fsm.order", string="Service Order", readonly=True
    )
    technician_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    customer_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    date = fields.Datetime(string="Service Filed On", readonly=True)
    rating = fields.Float(string="Rating (1-5)", readonly=True, aggregator="avg")
    score = fields.Float(string="Score (0-100)", readonly=True, aggregator="avg")
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT r.id AS id,
                   r.id AS rating_id,
                   o.id AS order_id,
                   r.rated_partner_id AS technician_id,
                   r.partner_id AS customer_id,
                   o.company_id AS company_id,
                   COALESCE(o.qf_date_filed, r.write_date) AS date,
                   r.rating AS rating,
                   r.rating * 20 AS score,
                   (r.rating >= 4)::int AS satisfied_count,
                   (r.rating <= 2)::int AS dissatisfied_count,
                   1 AS rating_count
              FROM rating_rating r
              JOIN fsm_order o ON o.id = r.res_id
             WHERE r.res_model = 'fsm.order'
               AND r.consumed
               AND r.rating > 0
               AND r.rated_partner_id IS NOT NULL
            """
        )
