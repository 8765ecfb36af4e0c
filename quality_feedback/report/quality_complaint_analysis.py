# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class QualityComplaintAnalysis(models.Model):
    """Monthly statistics of complaints (SPEC R-902), one row per complaint.

    A read-only SQL view like Odoo's ``sale.report``: the on-time rate and the days to
    close are NULL while a complaint is undecided or open, so the ``avg`` measures of
    the pivot and graph views count only decided complaints, which stored fields on
    the ticket cannot do (a stored float is never NULL).
    """

    _name = "quality.complaint.analysis"
    _description = "Complaint Statistics"
    _auto = False
    _rec_name = "number"
    _order = "date_received desc"
    # The columns the view reads: flushed before it is queried.
    _depends = {
        "helpdesk.ticket": [
            "number",
            "name",
            "company_id",
            "date_received",
            "closed_date",
            "commercial_partner_id",
            "product_id",
            "category_id",
            "channel_id",
            "responsible_department_id",
            "user_id",
            "abnormality_type",
            "non_quality_kind",
            "severity",
            "qf_state",
            "loss_amount",
            "is_complaint",
        ],
        "res.company": ["currency_id"],
        "quality.deadline": ["ticket_id", "kind", "state"],
        "quality.compensation": ["ticket_id", "state", "amount_company"],
    }

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    number = fields.Char(readonly=True)
    name = fields.Char(string="Title", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    closed_date = fields.Datetime(string="Closed On", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        readonly=True,
        help="How the complaint came in: letter, phone, visit, return, e-mail (R-905).",
    )
    department_id = fields.Many2one(
        comodel_name="quality.department",
        string="Responsible Department",
        readonly=True,
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Owner", readonly=True)
    cause = fields.Selection(selection="_selection_cause", readonly=True)
    severity = fields.Selection(
        selection=lambda self: self._ticket_selection("severity"), readonly=True
    )
    qf_state = fields.Selection(
        selection=lambda self: self._ticket_selection("qf_state"),
        string="Complaint State",
        readonly=True,
    )
    is_closed = fields.Integer(string="Closed", readonly=True)
    closed_on_time = fields.Integer(string="Closed on Time", readonly=True)
    on_time_rate = fields.Float(
        string="On-Time Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the decided complaints closed within their closure deadline.",
    )
    days_to_close = fields.Float(
        aggregator="avg", readonly=True, help="Calendar days from receipt to closure."
    )
    loss_amount = fields.Monetary(readonly=True)
    compensation_amount = fields.Monetary(
        readonly=True,
        help="Approved and settled compensation, in the company currency.",
    )

    def _ticket_selection(self, fname):
        return (
            self.env["helpdesk.ticket"]._fields[fname]._description_selection(self.env)
        )

    def _selection_cause(self):
        """The Pareto categories of R-902: a quality abnormality is one cause, a
        non-quality one counts by its kind; unclassified complaints form their own."""
        return [
            ("quality", self.env._("Product Quality")),
            *self._ticket_selection("non_quality_kind"),
            ("unclassified", self.env._("Not Classified")),
        ]

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   t.number AS number,
                   t.name AS name,
                   t.company_id AS company_id,
                   c.currency_id AS currency_id,
                   t.date_received AS date_received,
                   t.closed_date AS closed_date,
                   t.commercial_partner_id AS partner_id,
                   t.product_id AS product_id,
                   t.category_id AS category_id,
                   t.channel_id AS channel_id,
                   t.responsible_department_id AS department_id,
                   t.user_id AS user_id,
                   CASE
                       WHEN t.abnormality_type = 'quality' THEN 'quality'
                       WHEN t.abnormality_type = 'non_quality'
                            AND t.non_quality_kind IS NOT NULL
                           THEN t.non_quality_kind
                       ELSE 'unclassified'
                   END AS cause,
                   t.severity AS severity,
                   t.qf_state AS qf_state,
                   (t.qf_state = 'closed')::int AS is_closed,
                   COALESCE(closure.met, FALSE)::int AS closed_on_time,
                   CASE WHEN closure.met THEN 100.0
                        WHEN NOT closure.met THEN 0.0 END AS on_time_rate,
                   CASE WHEN t.closed_date IS NOT NULL
                        THEN EXTRACT(EPOCH FROM t.closed_date - t.date_received)
                             / 86400.0 END AS days_to_close,
                   COALESCE(t.loss_amount, 0) AS loss_amount,
                   COALESCE(paid.amount, 0) AS compensation_amount
              FROM helpdesk_ticket t
              JOIN res_company c ON c.id = t.company_id
         LEFT JOIN (SELECT ticket_id, bool_and(state = 'met') AS met
                      FROM quality_deadline
                     WHERE kind = 'closure' AND state IN ('met', 'missed')
                  GROUP BY ticket_id) closure ON closure.ticket_id = t.id
         LEFT JOIN (SELECT ticket_id, SUM(amount_company) AS amount
                      FROM quality_compensation
                     WHERE state IN ('approved', 'done')
                  GROUP BY ticket_id) paid ON paid.ticket_id = t.id
             WHERE t.is_complaint
            """
        )
