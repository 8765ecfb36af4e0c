# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    qf_customer_repair = fields.Boolean(
        string="Customer Products under Repair",
        readonly=True,
        index=True,
        help="Products customers left for repair (SPEC R-603): owned by them, never "
        "valued as company stock; the moves in and out of it are the customer-product "
        "in/out register.",
    )


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    qf_repair_location_id = fields.Many2one(
        comodel_name="stock.location",
        string="Customer Products under Repair",
        check_company=True,
        readonly=True,
        help="Products taken back by a technician against a receipt (R-603) stay here, "
        "owned by the customer, from hand-in to their return.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        warehouses._qf_ensure_repair_location()
        return warehouses

    @api.model
    def _qf_install_repair_locations(self):
        """Data hook: every existing warehouse gets its location (idempotent)."""
        self.with_context(active_test=False).search(
            [("qf_repair_location_id", "=", False)]
        )._qf_ensure_repair_location()

    def _qf_ensure_repair_location(self):
        """The warehouse's *Customer Products under Repair* location, created once."""
        for warehouse in self.filtered(lambda w: not w.qf_repair_location_id):
            # sudo: a technical location of the warehouse, set up once.
            warehouse.sudo().qf_repair_location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Customer Products under Repair"),
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "company_id": warehouse.company_id.id,
                        "qf_customer_repair": True,
                    }
                )
            )
        return self.qf_repair_location_id
