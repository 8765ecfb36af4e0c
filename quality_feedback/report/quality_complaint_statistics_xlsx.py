# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models
from odoo.fields import Domain


class ComplaintStatisticsXlsx(models.AbstractModel):
    """The monthly statistics workbook (R-902) of the wizard's period and filters.

    Every sheet comes from grouped queries on ``quality.complaint.analysis``
    restricted to the complaints the user may read; nothing is read per complaint.
    The internal feedback sheet counts slips per receiving department (R-701) with
    four grouped queries.
    """

    _name = "report.quality_feedback.complaint_statistics_xlsx"
    _inherit = "report.quality_feedback.complaint_xlsx"
    _description = "Complaint Statistics (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        domain = Domain("ticket_id", "any", wizard._qf_ticket_domain())
        months = self._qf_months(wizard.date_from, wizard.date_to)
        formats = self._qf_formats(workbook)
        self._qf_write_trend(workbook, formats, domain, months)
        for dimension, title in self._qf_dimensions():
            self._qf_write_dimension(
                workbook, formats, domain, months, dimension=dimension, title=title
            )
        self._qf_write_pareto(workbook, formats, domain)
        self._qf_write_quarters(workbook, formats, domain)
        if self.env["quality.feedback.slip"].has_access("read"):
            self._qf_write_slips(workbook, formats, wizard)

    def _qf_dimensions(self):
        """Sheets with one row per value of a dimension and one column per month."""
        by_department = self.env._("By Department")
        by_category = self.env._("By Category")
        by_product = self.env._("By Product")
        by_cause = self.env._("By Cause")
        by_customer = self.env._("By Customer")
        by_channel = self.env._("By Channel")
        return [
            ("department_id", by_department),
            ("category_id", by_category),
            ("product_id", by_product),
            ("cause", by_cause),
            ("partner_id", by_customer),
            ("channel_id", by_channel),
        ]

    # --- data -------------------------------------------------------------------------
    def _qf_group(self, domain, groupby, aggregates):
        return self.env["quality.complaint.analysis"]._read_group(
            domain, groupby, aggregates
        )

    @staticmethod
    def _qf_months(date_from, date_to):
        months, month = [], date_from.replace(day=1)
        while month <= date_to:
            months.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return months

    def _qf_label(self, dimension, value):
        if not value:
            return self.env._("Undefined")
        if dimension == "cause":
            field = self.env["quality.complaint.analysis"]._fields["cause"]
            return dict(field._description_selection(self.env))[value]
        return value.display_name

    # --- sheets -----------------------------------------------------------------------
    def _qf_write_trend(self, workbook, formats, domain, months):
        """Month by month: received, closed, on-time rate, days to close, costs, and a
        line chart of the received and closed complaints."""
        sheet = workbook.add_worksheet(self.env._("Trend"))
        headers = [
            self.env._("Month"),
            self.env._("Received"),
            self.env._("Closed"),
            self.env._("On-Time Rate (%)"),
            self.env._("Average Days to Close"),
            self.env._("Loss"),
            self.env._("Compensation"),
        ]
        self._qf_header(sheet, formats, headers, first_width=12)
        by_month = {
            month.date(): values
            for month, *values in self._qf_group(
                domain,
                ["date_received:month"],
                [
                    "__count",
                    "is_closed:sum",
                    "on_time_rate:avg",
                    "days_to_close:avg",
                    "loss_amount:sum",
                    "compensation_amount:sum",
                ],
            )
        }
        for row, month in enumerate(months, start=1):
            values = by_month.get(month, [0, 0, None, None, 0.0, 0.0])
            sheet.write_datetime(row, 0, month, formats["month"])
            for col, (value, fmt) in enumerate(
                zip(
                    values,
                    (
                        "integer",
                        "integer",
                        "one_decimal",
                        "one_decimal",
                        "amount",
                        "amount",
                    ),
                    strict=True,
                ),
                start=1,
            ):
                if value is not None and value is not False:  # no decided complaint
                    sheet.write_number(row, col, value, formats[fmt])
        chart = workbook.add_chart({"type": "line"})
        for col in (1, 2):
            chart.add_series(
                {
                    "name": [sheet.name, 0, col],
                    "categories": [sheet.name, 1, 0, len(months), 0],
                    "values": [sheet.name, 1, col, len(months), col],
                    "marker": {"type": "circle"},
                }
            )
        chart.set_title({"name": self.env._("Complaints per Month")})
        chart.set_x_axis({"num_format": "yyyy-mm"})
        chart.set_y_axis({"min": 0})
        sheet.insert_chart(1, len(headers) + 1, chart, {"x_scale": 1.5, "y_scale": 1.3})

    def _qf_write_dimension(
        self, workbook, formats, domain, months, *, dimension, title
    ):
        """One row per department/category/… (most complaints first), one column per
        month of the period, and the row total."""
        sheet = workbook.add_worksheet(title)
        field = self.env["quality.complaint.analysis"]._fields[dimension]
        headers = [field._description_string(self.env)]
        headers += [month.strftime("%Y-%m") for month in months]
        headers.append(self.env._("Total"))
        self._qf_header(sheet, formats, headers, first_width=30)
        counts = defaultdict(dict)
        for value, month, count in self._qf_group(
            domain, [dimension, "date_received:month"], ["__count"]
        ):
            counts[value][month.date()] = count
        rows = sorted(
            counts.items(),
            key=lambda item: (
                -sum(item[1].values()),
                self._qf_label(dimension, item[0]),
            ),
        )
        for row, (value, by_month) in enumerate(rows, start=1):
            sheet.write_string(
                row, 0, self._qf_label(dimension, value), formats["text"]
            )
            for col, month in enumerate(months, start=1):
                sheet.write_number(row, col, by_month.get(month, 0), formats["integer"])
            sheet.write_number(
                row, len(months) + 1, sum(by_month.values()), formats["total_integer"]
            )
        totals = {
            col: sum(by_month.get(month, 0) for _value, by_month in rows)
            for col, month in enumerate(months, start=1)
        }
        totals[len(months) + 1] = sum(totals.values())
        self._qf_total_row(sheet, formats, len(rows) + 1, totals)

    def _qf_write_pareto(self, workbook, formats, domain):
        """Causes by number of complaints with the cumulative share, and the Pareto
        chart: columns for the counts, a line for the cumulative share."""
        sheet = workbook.add_worksheet(self.env._("Pareto of Causes"))
        headers = [
            self.env._("Cause"),
            self.env._("Complaints"),
            self.env._("Share (%)"),
            self.env._("Cumulative (%)"),
        ]
        self._qf_header(sheet, formats, headers, first_width=24)
        rows = sorted(
            self._qf_group(domain, ["cause"], ["__count"]), key=lambda r: -r[1]
        )
        total = sum(count for _cause, count in rows) or 1
        cumulative = 0
        for row, (cause, count) in enumerate(rows, start=1):
            cumulative += count
            sheet.write_string(row, 0, self._qf_label("cause", cause), formats["text"])
            sheet.write_number(row, 1, count, formats["integer"])
            sheet.write_number(row, 2, 100.0 * count / total, formats["one_decimal"])
            sheet.write_number(
                row, 3, 100.0 * cumulative / total, formats["one_decimal"]
            )
        last = max(len(rows), 1)
        chart = workbook.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": [sheet.name, 0, 1],
                "categories": [sheet.name, 1, 0, last, 0],
                "values": [sheet.name, 1, 1, last, 1],
                "gap": 40,
            }
        )
        line = workbook.add_chart({"type": "line"})
        line.add_series(
            {
                "name": [sheet.name, 0, 3],
                "categories": [sheet.name, 1, 0, last, 0],
                "values": [sheet.name, 1, 3, last, 3],
                "y2_axis": True,
                "marker": {"type": "diamond"},
            }
        )
        chart.combine(line)
        chart.set_title({"name": self.env._("Pareto of Causes")})
        chart.set_y_axis({"min": 0})
        line.set_y2_axis({"min": 0, "max": 100})
        sheet.insert_chart(1, len(headers) + 1, chart, {"x_scale": 1.5, "y_scale": 1.3})

    def _qf_write_quarters(self, workbook, formats, domain):
        """Per responsible department and quarter: complaints, on-time rate, losses
        (loss charged plus compensation)."""
        sheet = workbook.add_worksheet(self.env._("Departments per Quarter"))
        groups = self._qf_group(
            domain,
            ["department_id", "date_received:quarter"],
            [
                "__count",
                "on_time_rate:avg",
                "loss_amount:sum",
                "compensation_amount:sum",
            ],
        )
        quarters = sorted({quarter for _dept, quarter, *_values in groups})
        labels = [
            self.env._("Complaints"),
            self.env._("On-Time Rate (%)"),
            self.env._("Losses"),
        ]
        headers = [self.env._("Responsible Department")]
        for quarter in quarters:
            name = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
            headers += [f"{name} {label}" for label in labels]
        self._qf_header(sheet, formats, headers, first_width=30)
        table = defaultdict(dict)
        for department, quarter, count, rate, loss, compensation in groups:
            table[department][quarter] = (count, rate, loss + compensation)
        departments = sorted(table, key=lambda d: self._qf_label("department_id", d))
        for row, department in enumerate(departments, start=1):
            sheet.write_string(
                row, 0, self._qf_label("department_id", department), formats["text"]
            )
            for index, quarter in enumerate(quarters):
                count, rate, losses = table[department].get(quarter, (0, None, 0.0))
                col = 1 + 3 * index
                sheet.write_number(row, col, count, formats["integer"])
                if rate is not None and rate is not False:
                    sheet.write_number(row, col + 1, rate, formats["one_decimal"])
                sheet.write_number(row, col + 2, losses, formats["amount"])

    def _qf_write_slips(self, workbook, formats, wizard):
        """Internal feedback per receiving department (R-701): slips received in
        the period (sent or passed up to it), answered in the period, late (answered
        late in the period, or sent by its end and overdue now) and open (sent by
        the period's end and still waiting for its answer)."""
        sheet = workbook.add_worksheet(self.env._("Internal Feedback"))
        headers = [
            self.env._("Receiving Department"),
            self.env._("Received"),
            self.env._("Answered"),
            self.env._("Late"),
            self.env._("Open"),
        ]
        self._qf_header(sheet, formats, headers, first_width=30)
        slip_domain = wizard._qf_slip_domain()
        table = defaultdict(lambda: [0, 0, 0, 0])
        if not slip_domain.is_false():
            start, end = wizard._qf_utc_bounds()
            in_period = Domain("date_from", ">=", start) & Domain("date_from", "<", end)
            received = self.env["quality.feedback.slip.hop"]._read_group(
                in_period & self._qf_slip_departments(wizard, "to_department_id"),
                ["to_department_id"],
                ["__count"],
            )
            slips = self.env["quality.feedback.slip"]
            mine = self._qf_slip_departments(wizard, "department_id")
            sent_by_end = Domain("date_sent", "<", end)
            answered_in = Domain("answered_on", ">=", start) & Domain(
                "answered_on", "<", end
            )
            queries = (
                answered_in,
                (answered_in & Domain("answered_late", "=", True))
                | (sent_by_end & Domain("is_overdue", "=", True)),
                sent_by_end & Domain("state", "=", "sent"),
            )
            groups = [received] + [
                slips._read_group(query & mine, ["department_id"], ["__count"])
                for query in queries
            ]
            for col, rows in enumerate(groups):
                for department, count in rows:
                    table[department][col] = count
        departments = sorted(
            table,
            key=lambda d: (-table[d][0], self._qf_label("department_id", d)),
        )
        for row, department in enumerate(departments, start=1):
            sheet.write_string(
                row, 0, self._qf_label("department_id", department), formats["text"]
            )
            for col, count in enumerate(table[department], start=1):
                sheet.write_number(row, col, count, formats["integer"])
        totals = {
            col: sum(table[d][col - 1] for d in departments)
            for col in range(1, len(headers))
        }
        self._qf_total_row(sheet, formats, len(departments) + 1, totals)

    @staticmethod
    def _qf_slip_departments(wizard, field):
        """Only the wizard's departments, when it names some."""
        if wizard.department_ids:
            return Domain(field, "in", wizard.department_ids.ids)
        return Domain.TRUE

    # --- helpers ----------------------------------------------------------------------
    def _qf_header(self, sheet, formats, headers, first_width):
        sheet.set_column(0, 0, first_width)
        sheet.set_column(1, len(headers) - 1, 13)
        sheet.set_row(0, 30)
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, formats["header"])
        sheet.freeze_panes(1, 1)

    def _qf_total_row(self, sheet, formats, row, totals):
        """Sum formulas (cached with their values) under the columns of ``totals``."""
        sheet.write_string(row, 0, self.env._("Total"), formats["total"])
        for col, total in totals.items():
            first = xl_rowcol_to_cell(1, col)
            last = xl_rowcol_to_cell(max(row - 1, 1), col)
            sheet.write_formula(
                row, col, f"=SUM({first}:{last})", formats["total_integer"], total
            )
