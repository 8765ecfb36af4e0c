# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl
import xlsxwriter

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Domain

from .service_common import ServiceCase
from .test_compensation import CompensationCase


class TestCostAnalysis(CompensationCase, ServiceCase):
    """R-906: the cost of poor quality per complaint and kind, rolled up by product,
    customer, supplier and department in the views and the monthly workbook."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "Foundry Supplier Ltd"})
        cls.other_product = cls.env["product.product"].create({"name": "Valve V-2"})

    def _costly_complaint(self, loss=0.0, **values):
        complaint = self._new_complaint(**values)
        complaint.sudo().write(
            {
                "loss_amount": loss,
                "responsible_department_id": self.department_production.id,
                "supplier_id": self.supplier.id,
            }
        )
        return complaint

    def _approved(self, complaint, amount):
        request = self._request(amount, ticket_id=complaint.id)
        request.action_submit()
        request.with_user(self.sales_manager).validate_tier()
        self.assertIn(request.state, ("approved", "done"))
        return request

    def _service_cost(self, complaint, *costs):
        order = self._register(user=self.env.user, ticket_id=complaint.id)
        self.env["quality.service.cost"].sudo().create(
            [
                {"order_id": order.id, "kind": kind, "unit_cost": cost}
                for kind, cost in costs
            ]
        )
        return order

    def _rows(self, complaints):
        rows = (
            self.env["quality.cost.analysis"]
            .with_user(self.user_officer)
            .search([("ticket_id", "in", complaints.ids)])
        )
        return {(row.ticket_id, row.kind): row.amount for row in rows}

    def test_costs_per_complaint_and_kind(self):
        complaint = self._costly_complaint(loss=300)
        self._approved(complaint, 800)
        refused = self._request(500, ticket_id=complaint.id)
        refused.action_submit()
        refused.with_user(self.sales_manager).reject_tier()
        self.assertEqual(refused.state, "rejected")
        self._request(200, ticket_id=complaint.id)  # a draft costs nothing either
        self._service_cost(complaint, ("travel", 120), ("labour", 80))
        nothing = self._costly_complaint()
        self.assertEqual(
            self._rows(complaint | nothing),
            {
                (complaint, "loss"): 300,
                (complaint, "compensation"): 800,
                (complaint, "service"): 200,
            },
        )
        row = (
            self.env["quality.cost.analysis"]
            .with_user(self.user_manager)
            .search([("ticket_id", "=", complaint.id), ("kind", "=", "loss")])
        )
        self.assertEqual(row.department_id, self.department_production)
        self.assertEqual(row.supplier_id, self.supplier)
        self.assertEqual(row.partner_id, self.customer)
        self.assertEqual(row.product_id, self.product)
        self.assertEqual(row.currency_id, self.env.company.currency_id)
        self.assertEqual(row.number, complaint.number)

    def test_rolled_up_by_product_customer_supplier_department(self):
        first = self._costly_complaint(loss=300)
        self._approved(first, 800)
        second = self._costly_complaint(
            loss=100,
            product_id=self.other_product.id,
            partner_id=self.other_customer.id,
        )
        second.sudo().responsible_department_id = self.department_rnd
        self._service_cost(second, ("parts", 50))
        costs = self.env["quality.cost.analysis"].with_user(self.user_officer)
        domain = [("ticket_id", "in", (first | second).ids)]

        def totals(groupby):
            return dict(costs._read_group(domain, [groupby], ["amount:sum"]))

        self.assertEqual(
            totals("kind"), {"loss": 400, "compensation": 800, "service": 50}
        )
        self.assertEqual(
            totals("department_id"),
            {self.department_production: 1100, self.department_rnd: 150},
        )
        self.assertEqual(
            totals("product_id"), {self.product: 1100, self.other_product: 150}
        )
        self.assertEqual(
            totals("partner_id"), {self.customer: 1100, self.other_customer: 150}
        )
        self.assertEqual(totals("supplier_id"), {self.supplier: 1250})

    def test_only_quality_officers_read_the_costs(self):
        complaint = self._costly_complaint(loss=300)
        for user in (self.user_sales, self.user_department):
            with self.assertRaises(AccessError):
                self.env["quality.cost.analysis"].with_user(user).search([])
        action = self.env.ref("quality_feedback.action_quality_cost_analysis")
        menu = self.env.ref("quality_feedback.menu_qf_cost_analysis")
        for user in (self.user_officer, self.user_manager):
            costs = self.env["quality.cost.analysis"].with_user(user)
            views = costs.get_views(
                [(False, mode) for mode in ("pivot", "graph", "list", "search")]
            )
            self.assertEqual(set(views["views"]), {"pivot", "graph", "list", "search"})
            self.assertIn(
                menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            )
            self.assertEqual(
                costs.search([("ticket_id", "=", complaint.id)]).mapped("amount"), [300]
            )
        self.assertEqual(action.res_model, "quality.cost.analysis")
        self.assertNotIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.user_sales)._visible_menu_ids(),
        )

    # --- the monthly workbook ----------------------------------------------------------
    def _workbook(self):
        today = fields.Date.context_today(self.user_officer)
        wizard = (
            self.env["quality.complaint.report.wizard"]
            .with_user(self.user_officer)
            .create({"date_from": today - timedelta(days=1), "date_to": today})
        )
        report = self.env.ref(
            "quality_feedback.action_report_complaint_statistics"
        ).with_user(self.user_officer)
        content, _ext = report._render_xlsx(report.report_name, wizard.ids, None)
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        return book["Cost of Poor Quality"]

    @staticmethod
    def _sheet_values(sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def test_workbook_sheet_totals(self):
        first = self._costly_complaint(loss=300)
        self._approved(first, 800)
        second = self._costly_complaint(loss=100, product_id=self.other_product.id)
        self._service_cost(second, ("parts", 50))
        rows = self._sheet_values(self._workbook())
        by_kind = {row[0]: row[1] for row in rows[1:5]}
        self.assertEqual(by_kind["Loss Charged to Departments"], 400)
        self.assertEqual(by_kind["Approved Compensation"], 800)
        self.assertEqual(by_kind["Service and Repair Cost"], 50)
        self.assertIn(["Total", 1250], [row[:2] for row in rows])
        by_label = {row[0]: row for row in rows if row[0]}
        # The product table: one column per kind and the total.
        header = next(row for row in rows if row[0] == "By Product")
        total_col = header.index("Total")
        self.assertEqual(by_label[self.product.display_name][total_col], 1100)
        self.assertEqual(by_label[self.other_product.display_name][total_col], 150)
        self.assertEqual(by_label["Foundry Supplier Ltd"][total_col], 1250)
        self.assertEqual(by_label[self.department_production.name][total_col], 1250)

    def test_workbook_query_count_flat(self):
        """The sheet reads grouped figures: 10 complaints cost no more queries than 2."""

        def count(n):
            complaints = self.env["helpdesk.ticket"]
            for i in range(n):  # fixtures; the sheet itself is measured below
                complaint = self._costly_complaint(
                    loss=10 + i,
                    product_id=self.env["product.product"]
                    .create({"name": f"Chair C-{n}-{i}"})
                    .id,
                )
                self._service_cost(complaint, ("travel", 5))
                complaints |= complaint
            self.env.invalidate_all()
            report = self.env["report.quality_feedback.complaint_statistics_xlsx"]
            wizard = (
                self.env["quality.complaint.report.wizard"]
                .with_user(self.user_officer)
                .create({"date_from": fields.Date.today(), "date_to": "2099-01-01"})
            )
            costs = report.with_user(self.user_officer)
            queries = self.env.cr.sql_log_count
            workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
            costs._qf_write_costs(
                workbook,
                costs._qf_formats(workbook),
                Domain("ticket_id", "any", wizard._qf_ticket_domain()),
            )
            used = self.env.cr.sql_log_count - queries
            workbook.close()
            self.assertEqual(len(complaints), n)
            self.assertGreater(used, 0)
            return used

        self.assertEqual(count(2), count(10))

    def test_costs_of_another_company_stay_there(self):
        plant = self.env["res.company"].create({"name": "QF Cost Plant"})
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Plant Complaints",
                "company_id": plant.id,
                "is_quality_feedback": True,
            }
        )
        here = self._costly_complaint(loss=300)
        there = self._costly_complaint(loss=900, team_id=team.id, company_id=plant.id)
        costs = self.env["quality.cost.analysis"].with_user(self.user_officer)
        domain = [("ticket_id", "in", (here | there).ids)]
        self.assertEqual(costs.search(domain).ticket_id, here)
        self.user_officer.sudo().company_ids |= plant
        main_only = costs.with_context(allowed_company_ids=[self.env.company.id])
        self.assertEqual(main_only.search(domain).ticket_id, here)
        both = costs.with_context(allowed_company_ids=[self.env.company.id, plant.id])
        self.assertEqual(
            dict(both._read_group(domain, ["company_id"], ["amount:sum"])),
            {self.env.company: 300, plant: 900},
        )
