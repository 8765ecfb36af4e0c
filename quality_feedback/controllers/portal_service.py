# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.fieldservice_portal.controllers.fsm_order_portal import (
    CustomerPortal,
)


class ServicePortal(CustomerPortal):
    """The customer's service orders on the portal (R-602), on fieldservice_portal:
    their state, and the signed service feedback form as PDF."""

    def _prepare_home_portal_values(self, counters):
        # fieldservice_portal counts in sudo, i.e. every customer's orders: the count
        # is made here under the portal user's record rules instead.
        wanted = "fsm_order_count" in counters
        values = super()._prepare_home_portal_values(
            [counter for counter in counters if counter != "fsm_order_count"]
        )
        if wanted:
            orders = request.env["fsm.order"]
            values["fsm_order_count"] = (
                orders.search_count(self._prepare_fsm_orders_domain())
                if orders.has_access("read")
                else 0
            )
        return values

    @http.route(
        "/my/fsm_order/<int:order_id>/service_form",
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_form(self, order_id, **kw):
        """The signed 售后服务信息反馈表 of one of the customer's orders."""
        try:
            order = self._fsm_order_check_access(order_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not order.signature:
            return request.redirect(f"/my/fsm_order/{order_id}")
        # sudo: the customer may read his order (checked above), not the report.
        report = request.env.ref(
            "quality_feedback.action_report_qf_service_form"
        ).sudo()
        pdf, _kind = report.with_context(lang=request.env.user.lang)._render_qweb_pdf(
            report.report_name, order.ids
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'inline; filename="{order.name}.pdf"'),
            ],
        )
