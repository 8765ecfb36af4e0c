# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

from odoo import fields
from odoo.tests import Form, HttpCase, tagged

_logger = logging.getLogger(__name__)

ADDONS = ("quality_feedback", "quality_feedback_returns")
# The apps in which our menus live: the helpdesk (complaints and everything around
# them), Inventory (return slips to receive), Invoicing (return slips to credit) and
# Field Service (after-sales service), each with the action of ours the clickbot
# starts from.
APPS = {
    "helpdesk_mgmt.helpdesk_ticket_main_menu": "quality_feedback.action_quality_deadline",
    "stock.menu_stock_root": "quality_feedback_returns.action_quality_return_slip_to_receive",
    "account.menu_finance": "quality_feedback_returns.action_quality_return_slip_to_credit",
    "fieldservice.root": "quality_feedback.action_qf_service_record",
}
# One record per state the demo data (completed in setUpClass) has, for each model.
STATE_FIELDS = {
    "helpdesk.ticket": "qf_state",
    "quality.handling.step": "state",
    "quality.action": "state",
    "quality.compensation": "state",
    "quality.objection": "state",
    "quality.supplier.claim": "state",
    "quality.deadline": "state",
    "quality.penalty.review": "state",
    "quality.return.slip": "state",
    "quality.department": None,
    "fsm.order": "stage_id",
    "quality.service.receipt": "state",
    "quality.service.cost": None,
    "quality.feedback.slip": "state",
}
ROLES = (
    "base.user_demo",  # sales
    "quality_feedback.user_qf_production",  # department handler
    "quality_feedback.user_qf_officer",
    "quality_feedback.user_qf_manager",
    "quality_feedback.user_qf_gm",
    "quality_feedback.user_qf_chairman",
    "quality_feedback.user_qf_warehouse",
    "quality_feedback.user_qf_finance",
    "quality_feedback.user_qf_sales_manager",
    "quality_feedback.user_qf_clerk",
    "quality_feedback.user_qf_director",
    "quality_feedback.user_qf_technician",
)


@tagged("post_install", "-at_install", "qf_tour")
class TestEveryRoleEveryScreen(HttpCase):
    """R-1001 in the browser, on the demo data (R-X2): each demo role clicks through
    every menu of both addons it sees (Odoo's clickbot: menus, view switchers,
    filters) and opens a record of each of our models in each state it may read;
    a portal customer opens his portal pages. Any error dialog or RPC error fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.user_admin").tour_enabled = False
        cls._complete_demo_states()
        cls._restrict_apps_to_our_menus()

    # ------------------------------------------------------------------ set-up
    @classmethod
    def _complete_demo_states(cls):
        """The states the demo data does not show yet: objections, supplier claims,
        penalty reviews, and return slips approved, received and credited, each made
        by the demo user of the right role."""
        ref = cls.env.ref
        officer = ref("quality_feedback.user_qf_officer")
        gm = ref("quality_feedback.user_qf_gm")
        production = ref("quality_feedback.department_production")
        objections = cls.env["quality.objection"].create(
            [
                {
                    "ticket_id": ref(f"quality_feedback.complaint_{name}").id,
                    "department_id": production.id,
                    "user_id": ref("quality_feedback.user_qf_production").id,
                    "reasons": "The casting supplier is at fault, not the workshop.",
                }
                for name in ("resolution", "awaiting")
            ]
        )
        objections[1].with_user(gm).action_confirm_decision()
        investigating = ref("quality_feedback.complaint_investigating")
        investigating.with_user(officer).action_qf_create_supplier_claim()
        investigating.with_user(officer).action_qf_create_supplier_claim()
        investigating.supplier_claim_ids[:1].with_user(officer).action_claim()
        reviews = cls.env["quality.penalty.review"]
        company = cls.env.company
        for complaint in cls.env["helpdesk.ticket"].search(
            [("qf_state", "=", "closed"), ("closed_date", "!=", False)]
        ):
            month = complaint.closed_date.date().replace(day=1)
            if month not in reviews.mapped("period_start"):
                reviews |= reviews._qf_compile(company, month)
        reviews[:1].with_user(gm).action_approve()
        cls._approved_slip(1)
        received = cls._approved_slip(2)
        cls._receive(received.picking_ids)
        received.with_user(
            ref("quality_feedback.user_qf_finance")
        ).action_create_credit_note()

    @classmethod
    def _approved_slip(cls, quantity):
        ref = cls.env.ref
        line = ref("quality_feedback_returns.sale_order_line_cabinets")
        slip = (
            cls.env["quality.return.slip"]
            .with_user(ref("base.user_demo"))
            .create(
                {
                    "partner_id": line.order_id.partner_id.id,
                    "ticket_id": ref("quality_feedback.complaint_accepted").id,
                    "sale_order_id": line.order_id.id,
                    "reason": "quality",
                    "handling": "refund",
                    "line_ids": [
                        fields.Command.create(
                            {
                                "sale_line_id": line.id,
                                "product_id": line.product_id.id,
                                "qty_requested": quantity,
                                "price_unit": line.price_unit,
                            }
                        )
                    ],
                }
            )
        )
        slip.with_user(ref("quality_feedback.user_qf_officer")).action_confirm()
        slip.action_request_approval()
        slip.compensation_id.with_user(
            ref("quality_feedback.user_qf_sales_manager")
        ).validate_tier()
        return slip.sudo()

    @classmethod
    def _receive(cls, picking):
        picking = picking.with_user(cls.env.ref("quality_feedback.user_qf_warehouse"))
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model"):
            Form(
                cls.env[result["res_model"]].with_context(**result["context"])
            ).save().process()

    @classmethod
    def _restrict_apps_to_our_menus(cls):
        """The clickbot clicks every menu of an app: in the three apps, keep only our
        menus and the menus above them (the test's transaction is rolled back)."""
        menus = cls.env["ir.ui.menu"].with_context(active_test=False)
        ours = menus.browse(
            cls.env["ir.model.data"]
            .search([("model", "=", "ir.ui.menu"), ("module", "in", ADDONS)])
            .mapped("res_id")
        )
        keep = ours
        parents = ours.parent_id
        while parents - keep:
            keep |= parents
            parents = parents.parent_id
        roots = menus.browse([cls.env.ref(xmlid).id for xmlid in APPS])
        (menus.search([("id", "child_of", roots.ids)]) - keep - roots).active = False

    # ------------------------------------------------------------------ helpers
    def _records_to_open(self, user):
        """[model, id, label] of one record per model and state that ``user`` reads."""
        records = []
        for model, state_field in STATE_FIELDS.items():
            Model = self.env[model].with_user(user)
            if not Model.has_access("read"):
                continue
            domain = [("is_complaint", "=", True)] if model == "helpdesk.ticket" else []
            readable = self.env[model].search(domain, order="id")
            readable = readable.with_user(user)._filtered_access("read").sudo()
            states = {}
            for record in readable:
                state = record[state_field] if state_field else "-"
                states.setdefault(state, record)
            records += [
                [model, record.id, f"{model} {state} #{record.id}"]
                for state, record in states.items()
            ]
        return records

    def _apps_of(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        visible = {menus[i]["xmlid"] for i in menus["root"]["children"]}
        return [xmlid for xmlid in APPS if xmlid in visible]

    def _click_everywhere(self, user, app):
        """Odoo's clickbot on every menu of ``app``: menus, view switchers, filters.
        It starts inside the app, on one of our actions, with the app marked as tested:
        clicking the app itself would only open its first menu (Complaints) twice."""
        state = {
            "light": False,
            "studioCount": 0,
            "testedApps": [app],
            "testedMenus": [],
            "testedFilters": 0,
            "testedModals": 0,
            "appIndex": 0,
            "menuIndex": 0,
            "subMenuIndex": 0,
        }
        self.browser_js(
            f"/odoo/action-{APPS[app]}",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            f".startClickEverywhere('{app}', false, {json.dumps(state)});",
            "odoo.isReady === true",
            login=user.login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )

    def _open_forms(self, user, records):
        options = {"stepDelay": 0, "keepWatchBrowser": False, "debug": False}
        self.start_tour(
            "/odoo",
            "quality_feedback_open_forms",
            login=user.login,
            timeout=600,
            code=f"window.qfOpenForms = {json.dumps(records)};"
            f"odoo.startTour('quality_feedback_open_forms', {json.dumps(options)});",
        )

    # ------------------------------------------------------------------ tests
    def test_every_role_opens_every_screen(self):
        for xmlid in ROLES:
            user = self.env.ref(xmlid)
            user.tour_enabled = False
            apps = self._apps_of(user)
            records = self._records_to_open(user)
            with self.subTest(role=user.login):
                _logger.info(
                    "%s: clicking through %s, opening %d records",
                    user.login,
                    apps,
                    len(records),
                )
                self.assertTrue(apps, f"{user.login} sees none of our menus")
                for app in apps:
                    self._click_everywhere(user, app)
                self._open_forms(user, records)

    def test_portal_customer_opens_his_pages(self):
        portal = self.env.ref("base.demo_user0")
        complaint = self.env["helpdesk.ticket"].create(
            {
                "name": "Chair base cracked",
                "description": "The base of one chair cracked.",
                "team_id": self.env.ref("quality_feedback.team_quality_complaints").id,
                "partner_id": portal.partner_id.id,
                "customer_request": "Replace the base",
            }
        )
        order = self.env["fsm.order"].create(
            {"qf_partner_id": portal.partner_id.id, "description": "Chair base"}
        )
        for url in (
            "/my",
            "/my/tickets",
            f"/my/ticket/{complaint.id}",
            "/my/complaint/new",
            "/my/fsm_orders",
            f"/my/fsm_order/{order.id}",
        ):
            with self.subTest(url=url):
                self.browser_js(
                    url,
                    "console.log('test successful')",
                    "document.readyState === 'complete'",
                    login=portal.login,
                )
