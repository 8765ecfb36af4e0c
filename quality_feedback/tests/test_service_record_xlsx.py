# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.tests import tagged

from .service_common import ServiceCase

HEADERS = [
    "Number",
    "Requested On",
    "Customer",
    "Phone",
    "Address",
    "Product",
    "Model / Specification",
    "Lot/Serial Number",
    "Purchase Date",
    "Purchased From",
    "Service Type",
    "Stage",
    "Technician",
    "Dispatched On",
    "Signed By",
    "Signed On",
    "Filed On",
    "Service Fee",
    "Service Cost",
]


@tagged("post_install", "-at_install")
class TestServiceRecordXlsx(ServiceCase):
    """R-602: the after-sales service record (售后服务记录) of the selected orders,
    opened with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_clerk, cls.user_director, cls.user_officer):
            user.write({"tz": "UTC", "lang": "en_US"})
        cls.complaint = cls._new_complaint()
        cls.order = cls._register(
            user=cls.user_officer,
            contact_phone="0571-8888",
            specification="CP-40/2",
            purchase_date=cls._days_ago(30),
            purchase_place="SO0042 / Hangzhou branch",
            ticket_id=cls.complaint.id,
        )
        cls.env["quality.service.cost"].create(
            [
                {"order_id": cls.order.id, "kind": "travel", "unit_cost": 120.0},
                {
                    "order_id": cls.order.id,
                    "kind": "parts",
                    "quantity": 2,
                    "unit_cost": 35.5,
                },
            ]
        )
        cls.order.with_user(cls.user_clerk).qf_fee_amount = 300.0
        cls.new_order = cls._register(description="Motor overheats")

    def _sheet(self, user, orders):
        report = self.env.ref("quality_feedback.action_report_qf_service_record")
        report = report.with_user(user).with_context(lang=user.lang)
        content, extension = report._render_xlsx(report.report_name, orders.ids, None)
        self.assertEqual(extension, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True).worksheets[0]

    def test_rows_values_and_totals(self):
        self._dispatch(self.order)
        orders = self.order | self.new_order
        sheet = self._sheet(self.user_officer, orders)
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), [*HEADERS, "Complaint"])
        self.assertEqual(len(rows), 4)  # header, two orders, totals
        row = dict(zip(rows[0], rows[1], strict=True))
        order = self.order
        self.assertEqual(row["Number"], order.name)
        self.assertEqual(row["Requested On"], order.request_early)
        self.assertEqual(row["Customer"], "Hangzhou Pump Works")
        self.assertEqual(row["Phone"], "0571-8888")
        self.assertEqual(row["Address"], "1 Jiefang Road, Hangzhou")
        self.assertEqual(row["Product"], "Centrifugal Pump CP-40")
        self.assertEqual(row["Model / Specification"], "CP-40/2")
        self.assertEqual(row["Lot/Serial Number"], "LOT-2611-A")
        self.assertEqual(row["Purchase Date"].date(), self._days_ago(30))
        self.assertEqual(row["Purchased From"], "SO0042 / Hangzhou branch")
        self.assertEqual(row["Service Type"], "C - Free Service under Warranty")
        self.assertEqual(row["Stage"], "Dispatched")
        self.assertEqual(row["Technician"], self.technician.display_name)
        self.assertEqual(row["Dispatched On"], order.qf_date_dispatched)
        self.assertIsNone(row["Signed By"])
        self.assertIsNone(row["Filed On"])
        self.assertEqual(row["Service Fee"], 300.0)
        self.assertEqual(row["Service Cost"], 191.0)
        self.assertEqual(row["Complaint"], self.complaint.number)
        second = dict(zip(rows[0], rows[2], strict=True))
        self.assertEqual(second["Number"], self.new_order.name)
        self.assertEqual(second["Stage"], "New")
        self.assertIsNone(second["Technician"])
        self.assertEqual(second["Service Cost"], 0)
        self.assertIsNone(second["Complaint"])
        totals = dict(zip(rows[0], rows[3], strict=True))
        self.assertEqual(totals["Number"], "Total")
        self.assertEqual(totals["Service Fee"], 300.0)
        self.assertEqual(totals["Service Cost"], 191.0)

    def test_signed_and_filed(self):
        self._complete(self.order)
        self.order.with_user(self.user_officer).action_qf_file()
        sheet = self._sheet(self.user_officer, self.order)
        row = dict(zip(*sheet.iter_rows(max_row=2, values_only=True), strict=True))
        self.assertEqual(row["Stage"], "Filed")
        self.assertEqual(row["Signed By"], "Wang Wei")
        self.assertEqual(row["Signed On"], self.order.signed_on)
        self.assertEqual(row["Filed On"], self.order.qf_date_filed)

    def test_complaint_column_only_for_complaint_readers(self):
        """The clerk reads no complaints: no complaint column."""
        sheet = self._sheet(self.user_clerk, self.order)
        self.assertEqual([cell.value for cell in sheet[1]], HEADERS)

    def test_queries_do_not_grow_with_the_orders(self):
        more = self.new_order
        for _n in range(4):
            more |= self._register()
        counts = []
        # The first rendering fills the registry caches (rules, fields): not counted.
        for orders in (self.order, self.new_order, more):
            self.env.invalidate_all()
            queries = self.cr.sql_log_count
            self._sheet(self.user_clerk, orders)
            counts.append(self.cr.sql_log_count - queries)
        self.assertEqual(counts[1], counts[2])
