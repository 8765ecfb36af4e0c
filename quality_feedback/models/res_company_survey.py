# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL


# One model split by concern (README, model map): res_company.py holds the rest.
class ResCompany(models.Model):
    """Periodic customer opinion surveys (R-802): which survey, how often."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    qf_opinion_survey_id = fields.Many2one(
        comodel_name="survey.survey",
        string="Customer Opinion Survey",
        help="Survey sent periodically to the customers; the shipped Customer "
        "Opinion Survey when empty.",
    )
    qf_survey_period_months = fields.Integer(
        string="Opinion Survey Every (months)",
        default=12,
        help="Customers who had a delivery or a complaint in this many months and "
        "were not asked in them get the opinion survey (R-802).",
    )

    _qf_survey_period_months_positive = models.Constraint(
        "CHECK (qf_survey_period_months > 0)",
        "The opinion survey period must be at least one month.",
    )

    def _qf_opinion_survey(self):
        self.ensure_one()
        survey = self.qf_opinion_survey_id or self.env.ref(
            "quality_feedback.survey_customer_opinion", raise_if_not_found=False
        )
        return survey if survey and survey.active else self.env["survey.survey"]

    def _qf_customers_to_survey(self, limit=200):
        """Customers (commercial partners with an e-mail) of this company with a
        delivery done or an external complaint received in the survey period and no
        opinion survey sent to them by this company in it: one query, on the
        indexed dates of deliveries and complaints."""
        self.ensure_one()
        since = fields.Datetime.now() - relativedelta(
            months=self.qf_survey_period_months
        )
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """WITH active_customer AS (
                        SELECT p.commercial_partner_id AS id
                          FROM stock_picking sp
                          JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
                          JOIN res_partner p ON p.id = sp.partner_id
                         WHERE sp.state = 'done' AND sp.date_done >= %(since)s
                           AND spt.code = 'outgoing' AND sp.company_id = %(company)s
                         UNION
                        SELECT t.commercial_partner_id
                          FROM helpdesk_ticket t
                         WHERE t.is_complaint AND t.qf_scope = 'external'
                           AND t.date_received >= %(since)s
                           AND t.company_id = %(company)s
                           AND t.commercial_partner_id IS NOT NULL
                   )
                   SELECT c.id
                     FROM active_customer ac
                     JOIN res_partner c ON c.id = ac.id
                    WHERE c.active AND COALESCE(c.email_normalized, '') != ''
                      AND NOT EXISTS (
                          SELECT 1
                            FROM res_partner contact
                            JOIN survey_user_input ui ON ui.partner_id = contact.id
                           WHERE contact.commercial_partner_id = c.id
                             AND ui.qf_invited AND ui.qf_company_id = %(company)s
                             AND ui.create_date >= %(since)s)
                 ORDER BY c.id
                    LIMIT %(limit)s""",
                since=since,
                company=self.id,
                limit=limit,
            )
        )
        return self.env["res.partner"].browse([row[0] for row in rows])
