# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    qf_warranty_months = fields.Integer(
        string="Warranty (months)",
        help="Free service (type C) this many months from delivery; the company's "
        "default warranty when empty (R-601).",
    )

    _qf_warranty_months_positive = models.Constraint(
        "CHECK (qf_warranty_months IS NULL OR qf_warranty_months >= 0)",
        "The warranty cannot be negative.",
    )
