# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models


class ComplaintStatisticsXlsx(models.AbstractModel):
    """The "Technician Scores" sheet of the monthly workbook (R-801): each
    technician's average score (0-100) per month of the period, from his customers'
    ratings, with the number of ratings. One grouped query on
    ``quality.technician.score``."""

    _inherit = "report.quality_feedback.complaint_statistics_xlsx"  # pylint: disable=consider-merging-classes-inherited

    def generate_xlsx_report(self, workbook, data, objs):
        res = super().generate_xlsx_report(workbook, data, objs)
        if self.env["quality.technician.score"].has_access("read"):
            wizard = objs.ensure_one()
            self._qf_write_technician_scores(workbook, wizard)
        return res

    def _qf_write_technician_scores(self, workbook, wizard):
        formats = self._qf_formats(workbook)
        months = self._qf_months(wizard.date_from, wizard.date_to)
        sheet = workbook.add_worksheet(self.env._("Technician Scores"))
        headers = [self.env._("Technician")]
        headers += [month.strftime("%Y-%m") for month in months]
        headers += [self.env._("Period Score"), self.env._("Ratings")]
        self._qf_header(sheet, formats, headers, first_width=30)
        end = fields.Datetime.to_datetime(wizard.date_to) + timedelta(days=1)
        domain = [
            ("date", ">=", fields.Datetime.to_datetime(wizard.date_from)),
            ("date", "<", end),
        ]
        scores, weights = defaultdict(dict), defaultdict(int)
        for technician, month, score, count in self.env[
            "quality.technician.score"
        ]._read_group(
            domain, ["technician_id", "date:month"], ["score:avg", "__count"]
        ):
            scores[technician][month.date()] = (score, count)
            weights[technician] += count
        rows = sorted(scores, key=lambda t: (-weights[t], t.display_name))
        for row, technician in enumerate(rows, start=1):
            sheet.write_string(row, 0, technician.display_name, formats["text"])
            by_month = scores[technician]
            for col, month in enumerate(months, start=1):
                if month in by_month:
                    sheet.write_number(
                        row, col, by_month[month][0], formats["one_decimal"]
                    )
            period = sum(s * c for s, c in by_month.values()) / weights[technician]
            sheet.write_number(row, len(months) + 1, period, formats["one_decimal"])
            sheet.write_number(
                row, len(months) + 2, weights[technician], formats["integer"]
            )
