# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    qf_return_location_id = fields.Many2one(
        comodel_name="stock.location",
        string="Customer Returns Location",
        check_company=True,
        help="Goods customers send back against a return slip arrive here, to be "
        "inspected before they go back to stock, to scrap, repair or the vendor (R-504).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        warehouses._qf_ensure_return_location()
        return warehouses

    def _qf_ensure_return_location(self):
        for warehouse in self.filtered(lambda w: not w.qf_return_location_id):
            # sudo: a technical location of the warehouse, set up once.
            warehouse.sudo().qf_return_location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Customer Returns"),
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "company_id": warehouse.company_id.id,
                    }
                )
            )
