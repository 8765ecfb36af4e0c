# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import QualityFeedbackCase
from .pdf_common import pdf_text

HOSTILE_CONTEXT = {
    "su": True,
    "sudo": True,
    "qf_skip_guard": True,
    "default_state": "reviewed",
    "default_reviewed_by_id": 1,
    "default_picking_id": 1,
}


class VisitCase(QualityFeedbackCase):
    """Customer visits (R-803): a visit leader in Chinese, a visitor, done deliveries
    put in place with their transfer date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["quality.visit"]
        cls.leader = new_test_user(
            cls.env,
            login="qf-visit-leader",
            groups="base.group_user,quality_feedback.group_qf_user",
            lang="zh_CN",
        )
        cls.visitor = cls._new_user("qf-visitor", "group_qf_user")
        cls.env.company.qf_visit_leader_id = cls.leader
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.out_type = warehouse.out_type_id
        cls.in_type = warehouse.in_type_id
        cls.customer_location = cls.env.ref("stock.stock_location_customers")

    def _delivery(self, done_on, partner=None, picking_type=None, **values):
        """A done transfer dated ``done_on`` (set in SQL: the planning reads SQL)."""
        picking_type = picking_type or self.out_type
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": (partner or self.customer).id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": (
                    self.customer_location
                    if picking_type == self.out_type
                    else picking_type.default_location_dest_id
                ).id,
                **values,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_picking SET state = 'done', date_done = %s WHERE id = %s",
            [done_on, picking.id],
        )
        picking.invalidate_recordset()
        return picking

    def _plan(self, today):
        return self.Visit._qf_plan_delivery_visits(today=today)

    def _planned_visit(self, **values):
        return self.Visit.create(
            {
                "partner_id": self.customer.id,
                "project": "Pump station No. 3",
                "leader_id": self.leader.id,
                "visitor_ids": [(6, 0, self.visitor.ids)],
                **values,
            }
        )


class TestVisitPlanning(VisitCase):
    def test_return_visit_after_a_real_delivery_without_complaint(self):
        product = self.env["product.product"].create(
            {"name": "Valve DN50", "type": "consu"}
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.out_type.id,
                "partner_id": self.customer.id,
                "location_id": self.out_type.default_location_src_id.id,
                "location_dest_id": self.customer_location.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": 2,
                            "location_id": self.out_type.default_location_src_id.id,
                            "location_dest_id": self.customer_location.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertFalse(self.customer.qf_complaint_count)
        done = picking.date_done.date()
        self.assertFalse(self._plan(done + relativedelta(months=5)))
        today = done + relativedelta(months=7)
        # (the demo data's deliveries of the same day are planned too)
        visit = self._plan(today).filtered(lambda v: v.picking_id == picking)
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.picking_id, picking)
        self.assertEqual(visit.kind, "delivery")
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.state, "planned")
        self.assertEqual(visit.planned_date, today)  # 6 months after delivery is past
        self.assertEqual(visit.leader_id, self.leader)  # the company's visit leader
        self.assertRegex(visit.name, r"^HF\d{4}-\d{4}$")
        self.assertFalse(self._plan(today), "planned once per delivery")
        self.assertFalse(self._plan(today + relativedelta(days=20)))
        self.assertEqual(self.Visit.search_count([("picking_id", "=", picking.id)]), 1)
        self.assertEqual(self.customer.qf_visit_count, 1)

    def test_activity_for_the_leader_in_his_language(self):
        english_leader = self._new_user("qf-visit-leader-en", "group_qf_user")
        team = self.env["crm.team"].create(
            {"name": "Export", "user_id": english_leader.id}
        )
        order = self.env["sale.order"].create(
            {"partner_id": self.other_customer.id, "team_id": team.id}
        )
        done = datetime(2030, 1, 10, 9, 0)
        ours = self._delivery(done)
        theirs = self._delivery(done, partner=self.other_customer, sale_id=order.id)
        visits = self._plan(date(2030, 8, 1))
        chinese = visits.filtered(lambda v: v.picking_id == ours)
        english = visits.filtered(lambda v: v.picking_id == theirs)
        self.assertEqual(english.leader_id, english_leader)  # the sales team's leader
        self.assertEqual(english.sale_order_id, order)
        self.assertIn(order.name, english.project)
        self.assertEqual(chinese.activity_ids.user_id, self.leader)
        self.assertEqual(len(chinese.activity_ids), 1)
        self.assertIn("交货后回访", chinese.activity_ids.summary)
        self.assertIn(self.customer.name, chinese.activity_ids.summary)
        self.assertIn("Return Visit after Delivery", english.activity_ids.summary)
        self.assertEqual(english.activity_ids.date_deadline, date(2030, 8, 1))

    def test_only_deliveries_of_six_to_twelve_months_ago(self):
        today = date(2031, 6, 15)
        due = [
            self._delivery(datetime(2030, 12, 15, 23, 0)),  # exactly 6 months
            self._delivery(datetime(2030, 6, 15, 0, 0)),  # exactly 12 months
            self._delivery(datetime(2030, 9, 1, 8, 0)),
        ]
        not_due = [
            self._delivery(datetime(2030, 12, 16, 8, 0)),  # not yet 6 months
            self._delivery(datetime(2030, 6, 14, 8, 0)),  # over a year
            self._delivery(datetime(2030, 9, 1), picking_type=self.in_type),
        ]
        cancelled = self._delivery(datetime(2030, 9, 1))
        self.env.cr.execute(
            "UPDATE stock_picking SET state = 'cancel' WHERE id = %s", [cancelled.id]
        )
        visits = self._plan(today)
        self.assertEqual(set(visits.picking_id.ids), {p.id for p in due})
        self.assertFalse(
            set(visits.picking_id.ids) & {p.id for p in [cancelled, *not_due]}
        )

    def test_query_count_does_not_grow_with_the_deliveries(self):
        def queries(count, year):
            for day in range(count):
                self._delivery(datetime(year, 1, 1 + day, 10, 0))
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            planned = self._plan(date(year, 8, 1))
            self.env.flush_all()
            self.assertEqual(len(planned), count)
            return self.env.cr.sql_log_count - before

        queries(1, 2029)  # the caches are filled, the month's sequence range exists
        self.assertEqual(queries(3, 2030), queries(20, 2031))

    def test_key_customer_visited_once_a_year_led_by_the_general_manager(self):
        # Only the test's customer is a key customer (the demo marks one too).
        self.env["res.partner"].search([("qf_key_customer", "=", True)]).write(
            {"qf_key_customer": False}
        )
        self.customer.qf_key_customer = True
        plan = self.Visit._qf_plan_key_customer_visits
        visit = plan(today=date(2031, 3, 2))
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.kind, "key")
        general_managers = self.env.ref(
            "quality_feedback.group_qf_general_manager"
        ).user_ids
        self.assertIn(visit.leader_id, general_managers)  # not a chairman
        self.assertFalse(
            visit.leader_id.has_group("quality_feedback.group_qf_chairman")
        )
        self.assertEqual(visit.activity_ids.user_id, visit.leader_id)
        gm = visit.leader_id
        self.assertFalse(plan(today=date(2031, 3, 3)))
        self.assertFalse(plan(today=date(2031, 12, 31)))
        self.assertEqual(plan(today=date(2032, 1, 1)).partner_id, self.customer)
        self.assertFalse(plan(today=date(2032, 6, 1)))
        # The filed report dates the customer's last visit.
        visit.with_user(gm).write({"date_from": date(2031, 3, 20), "no_problems": True})
        visit.with_user(gm).action_file_report()
        self.assertEqual(self.customer.qf_last_visit_date, date(2031, 3, 20))

    def test_one_daily_scheduled_action_plans_both_kinds(self):
        cron = self.env.ref("quality_feedback.ir_cron_plan_visits")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.code.strip(), "model._cron_plan_visits()")
        self.assertFalse(
            self.env["ir.cron"].search(
                [("code", "like", "visits()"), ("id", "!=", cron.id)]
            ),
            "the old activity-only visit crons are gone",
        )


class TestVisitReport(VisitCase):
    def test_report_needs_problems_or_no_problems(self):
        visit = self._planned_visit()
        visitor = visit.with_user(self.visitor)
        with self.assertRaisesRegex(ValidationError, "dates"):
            visitor.action_file_report()
        visitor.date_from = date(2031, 3, 1)
        with self.assertRaisesRegex(ValidationError, "No Problems Found"):
            visitor.action_file_report()
        self.assertEqual(visit.state, "planned")
        visitor.problems = "   "
        with self.assertRaises(ValidationError):
            visitor.action_file_report()
        visitor.no_problems = True
        visitor.action_file_report()
        self.assertEqual(visit.state, "reported")
        self.assertEqual(visit.reported_by_id, self.visitor)
        self.assertEqual(visit.date_to, date(2031, 3, 1))

    def test_only_the_leader_or_a_visitor_files_the_report(self):
        visit = self._planned_visit(date_from=date(2031, 3, 1), problems="Leaks")
        outsider = self._new_user("qf-visit-outsider", "group_qf_user")
        with self.assertRaises(AccessError):
            visit.with_user(outsider).with_context(**HOSTILE_CONTEXT).write(
                {"problems": "Nothing"}
            )
        with self.assertRaises(AccessError):
            visit.with_user(outsider).with_context(
                **HOSTILE_CONTEXT
            ).action_file_report()
        self.assertEqual(visit.state, "planned")
        visit.with_user(self.leader).action_file_report()
        self.assertEqual(visit.state, "reported")

    def test_review_only_by_a_general_or_quality_manager(self):
        visit = self._planned_visit(date_from=date(2031, 3, 1), problems="Leaks")
        visit.with_user(self.leader).action_file_report()
        for user in (self.leader, self.visitor, self.user_officer, self.user_sales):
            with self.assertRaises(AccessError):
                visit.with_user(user).with_context(**HOSTILE_CONTEXT).action_review(
                    "Fine."
                )
        self.assertEqual(visit.state, "reported")
        with self.assertRaises(ValidationError):
            visit.with_user(self.user_manager).action_review(" ")
        visit.with_user(self.user_manager).action_review("Seals to be changed.")
        self.assertEqual(visit.state, "reviewed")
        self.assertEqual(visit.reviewed_by_id, self.user_manager)
        self.assertTrue(visit.reviewed_on)
        self.assertEqual(visit.review_comment, "Seals to be changed.")
        with self.assertRaises(UserError):
            visit.with_user(self.user_gm).action_review("Again.")
        for vals in (
            {"problems": "Changed afterwards"},
            {"leader_id": self.visitor.id},
        ):
            with self.assertRaises(UserError):
                visit.with_user(self.user_gm).write(vals)
        self.assertEqual(visit.problems, "Leaks")
        self.assertEqual(visit.leader_id, self.leader)
        visit.with_user(self.leader).message_post(body="Seals ordered.")

    def test_general_manager_reviews_through_the_dialog(self):
        visit = self._planned_visit(date_from=date(2031, 3, 1), no_problems=True)
        visit.with_user(self.visitor).action_file_report()
        action = (
            visit.with_user(self.user_gm)
            .with_context(qf_visit_decision="review")
            .action_open_decision()
        )
        dialog = (
            self.env[action["res_model"]]
            .with_user(self.user_gm)
            .with_context(**action["context"])
            .create({"comment": "Noted."})
        )
        dialog.action_confirm()
        self.assertEqual(visit.state, "reviewed")
        self.assertEqual(visit.reviewed_by_id, self.user_gm)

    def test_guarded_fields_refused_on_write_and_create(self):
        visit = self._planned_visit()
        picking = self._delivery(datetime(2030, 1, 1))
        for vals in (
            {"state": "reviewed"},
            {"reviewed_by_id": self.leader.id},
            {"reviewed_on": datetime(2031, 1, 1)},
            {"review_comment": "Fine."},
            {"picking_id": picking.id},
            {"reported_by_id": self.leader.id},
            {"cancel_reason": "None"},
            {"name": "HF0000-0001"},
            {"kind": "key"},
        ):
            for user in (self.leader, self.user_gm):
                with self.assertRaises(AccessError, msg=vals):
                    visit.with_user(user).with_context(**HOSTILE_CONTEXT).write(vals)
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.user_gm).create(
                {"partner_id": self.customer.id, "state": "reviewed"}
            )
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.user_gm).create(
                {"partner_id": self.customer.id, "picking_id": picking.id}
            )
        created = (
            self.Visit.with_user(self.user_sales)
            .with_context(**HOSTILE_CONTEXT)
            .create({"partner_id": self.customer.id})
        )
        self.assertEqual(created.state, "planned")
        self.assertFalse(created.picking_id or created.reviewed_by_id)
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.picking_id)

    def test_cancel_with_a_reason(self):
        visit = self._planned_visit()
        with self.assertRaises(AccessError):
            visit.with_user(self.visitor).action_cancel("Not needed")
        with self.assertRaises(ValidationError):
            visit.with_user(self.leader).action_cancel("")
        visit.with_user(self.leader).action_cancel("Customer closed for holidays")
        self.assertEqual(visit.state, "cancelled")
        self.assertEqual(visit.cancel_reason, "Customer closed for holidays")
        with self.assertRaises(UserError):
            visit.with_user(self.leader).action_file_report()

    def test_other_company_does_not_see_the_visits(self):
        visit = self._planned_visit()
        other = self.env["res.company"].create({"name": "Other Pump Co."})
        user = new_test_user(
            self.env,
            login="qf-other-company",
            groups="base.group_user,quality_feedback.group_qf_officer",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        self.assertFalse(self.Visit.with_user(user).search([("id", "=", visit.id)]))
        self.assertTrue(
            self.Visit.with_user(self.user_sales).search([("id", "=", visit.id)])
        )


class TestComplaintVisit(VisitCase):
    def test_plan_visit_from_a_complaint(self):
        """R-804: the department head (or his delegate) visits the customer."""
        self.department_production.manager_id = self.user_department
        complaint = self._new_complaint()
        complaint.sudo().responsible_department_id = self.department_production
        action = complaint.with_user(self.user_sales).action_qf_plan_visit()
        visit = (
            self.Visit.with_user(self.user_sales)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(visit.kind, "complaint")
        self.assertEqual(visit.ticket_id, complaint)
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.leader_id, self.user_department)
        self.assertIn(complaint.number, visit.project)
        self.assertEqual(complaint.with_user(self.user_sales).qf_visit_count, 1)
        self.assertEqual(
            complaint.action_qf_view_visits()["domain"],
            [("ticket_id", "=", complaint.id)],
        )


class TestVisitPdf(VisitCase):
    def test_visit_report_printed_in_chinese(self):
        """R-803: the report 回访报告 with every field and the two signature lines."""
        visit = self._planned_visit(
            date_from=date(2031, 3, 1),
            date_to=date(2031, 3, 2),
            problems="Seal leaks at 6 bar",
            repairs="Seal replaced on site",
            causes="Wrong seal material",
            improvements="Incoming inspection of seals",
        )
        visit.with_user(self.leader).action_file_report()
        visit.with_user(self.user_manager).action_review("Agreed at the meeting")
        reader = new_test_user(
            self.env,
            login="qf-visit-reader-zh",
            groups="base.group_user,quality_feedback.group_qf_user",
            lang="zh_CN",
        )
        report = (
            self.env.ref("quality_feedback.action_report_quality_visit")
            .with_user(reader)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        text = "\f".join(pdf_text(report, visit.ids))
        for expected in (
            "回访报告",
            "回访单位",
            "发现的问题",
            "维修情况",
            "原因分析",
            "改进措施",
            "带队领导签字",
            visit.name,
            "Hangzhou Pump",
            "Pump station No. 3",
            "Seal leaks at 6 bar",
            "Seal replaced on site",
            "Wrong seal material",
            "Incoming inspection of seals",
            "Agreed at the meeting",
            "qf-visit-leader",
            "qf-manager",
        ):
            self.assertIn(expected, text)
