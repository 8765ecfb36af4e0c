# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from xlsxwriter.utility import xl_col_to_name

from odoo import models

NUMERIC = ("number", "integer", "amount")


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

    def _qf_write_table(self, workbook, title, columns, rows, count_label):
        """One sheet ``title``: a frozen header of ``columns`` (dicts with header,
        kind, width), the ``rows`` streamed as they come, a totals row (``count_label``
        in the second column, a SUBTOTAL of each numeric column from the third on) and
        an auto-filter."""
        formats = self._qf_formats(workbook)
        sheet = workbook.add_worksheet(title)
        for col, column in enumerate(columns):
            sheet.set_column(col, col, column["width"])
            sheet.write_string(0, col, column["header"], formats["header"])
        sheet.freeze_panes(1, 1)
        sheet.set_row(0, 30)
        totals = defaultdict(float)
        row = 0
        for row, values in enumerate(rows, start=1):
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                if value is None or value == "":
                    continue
                kind = column["kind"]
                if kind in NUMERIC:
                    sheet.write_number(row, col, value, formats[kind])
                    totals[col] += value
                elif kind in ("date", "datetime"):
                    sheet.write_datetime(row, col, value, formats[kind])
                else:
                    sheet.write_string(row, col, value, formats["text"])
        total_row = row + 1
        sheet.write_string(total_row, 0, self.env._("Total"), formats["total"])
        sheet.write_string(total_row, 1, count_label, formats["total"])
        for col, column in enumerate(columns):
            if column["kind"] in NUMERIC and col > 1:
                letter = xl_col_to_name(col)
                sheet.write_formula(
                    total_row,
                    col,
                    f"=SUBTOTAL(9,{letter}2:{letter}{total_row})",
                    formats[f"total_{column['kind']}"],
                    totals[col],
                )
        sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)
        return sheet
