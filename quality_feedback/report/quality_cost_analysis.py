# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

# Each kind has a code: the row id is ``complaint id * 16 + code``, stable between
# queries. quality_feedback_returns adds the credited returns (3) and scrap (4).
COST_KINDS = {"loss": 1, "compensation": 2, "service": 5}


class QualityCostAnalysis(models.Model):
    """Cost of poor quality (质量损失成本, SPEC R-906), one row per complaint and
    kind of cost, in the company currency.

    A read-only SQL view: each kind is one grouped sub-query (``_qf_cost_parts``),
    so the pivot, graph and workbook roll the costs up by product, customer,
    supplier and department in one query, never per complaint. Other addons add
    kinds by extending ``_qf_cost_parts``.
    """

    _name = "quality.cost.analysis"
    _description = "Cost of Poor Quality"
    _auto = False
    _rec_name = "number"
    _order = "date desc, ticket_id desc, kind"
    _depends = {
        "helpdesk.ticket": [
            "number",
            "name",
            "date_received",
            "closed_date",
            "company_id",
            "product_id",
            "commercial_partner_id",
            "supplier_id",
            "responsible_department_id",
            "is_complaint",
            "loss_amount",
        ],
        "quality.compensation": [
            "ticket_id",
            "state",
            "method",
            "amount_company",
            "date",
        ],
        "quality.service.cost": ["order_id", "amount", "date"],
        "fsm.order": ["ticket_id"],
        "res.company": ["currency_id"],
    }

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Complaint", readonly=True
    )
    number = fields.Char(readonly=True)
    name = fields.Char(string="Title", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    cost_date = fields.Date(
        readonly=True, help="Date of the latest cost of this kind on the complaint."
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    supplier_id = fields.Many2one(
        comodel_name="res.partner", string="Supplier at Fault", readonly=True
    )
    department_id = fields.Many2one(
        comodel_name="quality.department",
        string="Responsible Department",
        readonly=True,
    )
    kind = fields.Selection(
        selection="_selection_kind", string="Kind of Cost", readonly=True
    )
    amount = fields.Monetary(string="Cost", readonly=True)

    def _selection_kind(self):
        return [
            ("loss", self.env._("Loss Charged to Departments")),
            ("compensation", self.env._("Approved Compensation")),
            ("service", self.env._("Service and Repair Cost")),
        ]

    @api.model
    def _qf_excluded_compensation_methods(self):
        """Compensation methods counted by another kind of cost (none here)."""
        return []

    @api.model
    def _qf_cost_parts(self):
        """One SQL per kind, each returning ``ticket_id, code, kind, amount,
        cost_date`` grouped by complaint, amounts in the company currency."""
        excluded = self._qf_excluded_compensation_methods() or [""]
        return [
            # the loss the investigation charged to the responsible department.
            SQL(
                """
                SELECT id AS ticket_id, %s AS code, 'loss' AS kind,
                       loss_amount AS amount, closed_date::date AS cost_date
                  FROM helpdesk_ticket
                 WHERE is_complaint AND loss_amount > 0
                """,
                COST_KINDS["loss"],
            ),
            # compensation approved or settled; draft, refused or cancelled
            # requests cost nothing.
            SQL(
                """
                SELECT ticket_id, %s AS code, 'compensation' AS kind,
                       SUM(amount_company) AS amount, MAX(date) AS cost_date
                  FROM quality_compensation
                 WHERE state IN ('approved', 'done') AND method NOT IN %s
              GROUP BY ticket_id
                """,
                COST_KINDS["compensation"],
                tuple(excluded),
            ),
            # travel, allowances, replaced parts and repair labour of the
            # service orders made for the complaint.
            SQL(
                """
                SELECT o.ticket_id, %s AS code, 'service' AS kind,
                       SUM(sc.amount) AS amount, MAX(sc.date) AS cost_date
                  FROM quality_service_cost sc
                  JOIN fsm_order o ON o.id = sc.order_id
                 WHERE o.ticket_id IS NOT NULL
              GROUP BY o.ticket_id
                """,
                COST_KINDS["service"],
            ),
        ]

    @property
    def _table_query(self):
        parts = SQL(" UNION ALL ").join(
            SQL("(%s)", part) for part in self._qf_cost_parts()
        )
        return SQL(
            """
            SELECT cost.ticket_id * 16 + cost.code AS id,
                   cost.ticket_id AS ticket_id,
                   t.number AS number,
                   t.name AS name,
                   t.date_received AS date,
                   cost.cost_date AS cost_date,
                   t.company_id AS company_id,
                   c.currency_id AS currency_id,
                   t.product_id AS product_id,
                   t.commercial_partner_id AS partner_id,
                   t.supplier_id AS supplier_id,
                   t.responsible_department_id AS department_id,
                   cost.kind AS kind,
                   cost.amount AS amount
              FROM (%s) cost
              JOIN helpdesk_ticket t ON t.id = cost.ticket_id
              JOIN res_company c ON c.id = t.company_id
             WHERE t.is_complaint AND cost.amount <> 0
            """,
            parts,
        )
