# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models
from odoo.fields import Domain


class ComplaintStatisticsXlsx(models.AbstractModel):
    """The "Cost of Poor Quality" sheet of the monthly workbook (R-906): totals by
    kind of cost, then by responsible department, product, customer and supplier,
    one column per kind. One grouped query per table on ``quality.cost.analysis``,
    whatever the number of complaints."""

    _inherit = "report.quality_feedback.complaint_statistics_xlsx"

    def generate_xlsx_report(self, workbook, data, objs):
        res = super().generate_xlsx_report(workbook, data, objs)
        if self.env["quality.cost.analysis"].has_access("read"):
            wizard = objs.ensure_one()
            domain = Domain("ticket_id", "any", wizard._qf_ticket_domain())
            self._qf_write_costs(workbook, self._qf_formats(workbook), domain)
        return res

    def _qf_cost_dimensions(self):
        return [
            ("department_id", self.env._("By Responsible Department")),
            ("product_id", self.env._("By Product")),
            ("partner_id", self.env._("By Customer")),
            ("supplier_id", self.env._("By Supplier")),
        ]

    def _qf_write_costs(self, workbook, formats, domain):
        costs = self.env["quality.cost.analysis"]
        sheet = workbook.add_worksheet(self.env._("Cost of Poor Quality"))
        kinds = costs._fields["kind"]._description_selection(self.env)
        by_kind = dict(costs._read_group(domain, ["kind"], ["amount:sum"]))
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, len(kinds) + 1, 16)
        sheet.write_string(0, 0, self.env._("Kind of Cost"), formats["header"])
        sheet.write_string(0, 1, self.env._("Cost"), formats["header"])
        row = 1
        for kind, label in kinds:
            sheet.write_string(row, 0, label, formats["text"])
            sheet.write_number(row, 1, by_kind.get(kind, 0.0), formats["amount"])
            row += 1
        sheet.write_string(row, 0, self.env._("Total"), formats["total"])
        sheet.write_number(row, 1, sum(by_kind.values()), formats["total_amount"])
        for dimension, title in self._qf_cost_dimensions():
            row = self._qf_write_cost_table(
                sheet,
                formats,
                domain,
                kinds,
                row=row + 2,
                dimension=dimension,
                title=title,
            )

    def _qf_write_cost_table(
        self, sheet, formats, domain, kinds, *, row, dimension, title
    ):
        """Rows: the values of ``dimension``, highest cost first; columns: the kinds
        and the total. Returns the last row written."""
        table = defaultdict(dict)
        for value, kind, amount in self.env["quality.cost.analysis"]._read_group(
            domain, [dimension, "kind"], ["amount:sum"]
        ):
            table[value][kind] = amount
        headers = [title] + [label for _kind, label in kinds] + [self.env._("Total")]
        sheet.set_row(row, 30)
        for col, header in enumerate(headers):
            sheet.write_string(row, col, header, formats["header"])
        values = sorted(
            table,
            key=lambda v: (-sum(table[v].values()), self._qf_label(dimension, v)),
        )
        for value in values:
            row += 1
            sheet.write_string(
                row, 0, self._qf_label(dimension, value), formats["text"]
            )
            for col, (kind, _label) in enumerate(kinds, start=1):
                sheet.write_number(
                    row, col, table[value].get(kind, 0.0), formats["amount"]
                )
            sheet.write_number(
                row, len(kinds) + 1, sum(table[value].values()), formats["total_amount"]
            )
        return row
