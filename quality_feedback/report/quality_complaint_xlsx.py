# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ComplaintXlsx(models.AbstractModel):
    """What the complaint workbooks share: streamed writing and one set of cell
    formats (amounts with the company currency's decimals)."""

    _name = "report.quality_feedback.complaint_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Complaint Workbook (XLSX)"

    def get_workbook_options(self):
        # Rows go to disk as they are written: memory does not grow with the rows.
        return {"constant_memory": True}

    def _qf_formats(self, workbook):
        currency = self.env.company.currency_id
        amount = "#,##0." + "0" * currency.decimal_places
        base = {"valign": "top", "font_size": 10}
        total = {**base, "bold": True, "top": 1}
        return {
            "header": workbook.add_format(
                {**base, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True}
            ),
            "text": workbook.add_format(base),
            "number": workbook.add_format({**base, "num_format": "#,##0.##"}),
            "one_decimal": workbook.add_format({**base, "num_format": "0.0"}),
            "integer": workbook.add_format({**base, "num_format": "0"}),
            "amount": workbook.add_format({**base, "num_format": amount}),
            "date": workbook.add_format({**base, "num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({**base, "num_format": "yyyy-mm-dd hh:mm"}),
            "month": workbook.add_format({**base, "num_format": "yyyy-mm"}),
            "total": workbook.add_format(total),
            "total_number": workbook.add_format({**total, "num_format": "#,##0.##"}),
            "total_integer": workbook.add_format({**total, "num_format": "0"}),
            "total_amount": workbook.add_format({**total, "num_format": amount}),
        }
