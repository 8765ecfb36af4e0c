# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import math

from werkzeug.utils import redirect

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

# Bounds of what a customer may type (R-X3): a hostile or careless customer gets a
# message in the form, never an error page or an absurd complaint.
QTY_MAX = 1_000_000_000
TEXT_LIMITS = {
    "subject": 200,
    "lot_name": 100,
    "description": 10_000,
    "customer_request": 2_000,
}


class QualityFeedbackPortal(http.Controller):
    """Customer portal entry point of R-101: a customer reports a quality problem
    about goods he bought. Only customer-facing complaint fields are accepted."""

    @http.route("/my/complaint/new", type="http", auth="user", website=True)
    def portal_new_complaint(self, **kw):
        return request.render(
            "quality_feedback.portal_new_complaint", self._qf_form_values(kw)
        )

    @http.route(
        "/my/complaint/submit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_submit_complaint(self, **kw):
        # Odoo's parameters hold the uploaded files too: a file sent under the name of
        # a text field is no text. The photos are read from the request's files.
        kw = {key: value for key, value in kw.items() if isinstance(value, str)}
        values = self._qf_form_values(kw)
        vals, error = self._qf_prepare_complaint_vals(kw, values)
        uploads = []
        if not error:
            uploads, error = self._qf_read_uploads()
        if not error:
            try:
                # sudo: customers cannot create helpdesk tickets themselves; the values
                # were checked above and hold customer-facing fields only.
                with request.env.cr.savepoint():
                    ticket = request.env["helpdesk.ticket"].sudo().create(vals)
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
        if error:
            values["error"] = error
            return request.render("quality_feedback.portal_new_complaint", values)
        ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        for name, content in uploads:
            request.env["ir.attachment"].sudo().create(
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
        return redirect(f"/my/ticket/{ticket.id}")

    def _qf_read_uploads(self):
        """The photos sent with the form as (name, content), or an error message.
        Browsers send an empty part without a name when no file is chosen: skipped."""
        uploads = []
        for upload in request.httprequest.files.getlist("attachment"):
            name = (upload.filename or "").strip()
            content = upload.read()
            if not name and not content:
                continue
            if not name:
                return [], request.env._("Every attached file needs a file name.")
            uploads.append((name, content))
        return uploads, False

    def _qf_form_values(self, kw):
        partner = request.env.user.partner_id.commercial_partner_id
        # Read as the customer: the sale portal rules limit this to his own orders.
        orders = request.env["sale.order"].search(
            [("partner_id", "child_of", partner.id), ("state", "=", "sale")],
            order="date_order desc",
        )
        return {
            "page_name": "complaint",
            "orders": orders,
            # sudo: the names of the products on the customer's own orders.
            "products": orders.sudo().order_line.product_id,
            "form": kw,
            "error": False,
        }

    def _qf_prepare_complaint_vals(self, kw, values):
        """Checked ticket values from the portal form, or an error message."""
        env = request.env
        subject = (kw.get("subject") or "").strip()
        description = (kw.get("description") or "").strip()
        if not subject or not description:
            return {}, env._("Please give a subject and describe the problem.")
        labels = {
            "subject": env._("Subject"),
            "lot_name": env._("Lot/Serial Number"),
            "description": env._("Problem Description"),
            "customer_request": env._("What Do You Ask For?"),
        }
        for key, limit in TEXT_LIMITS.items():
            if len((kw.get(key) or "").strip()) > limit:
                return {}, env._(
                    "%(field)s is too long: at most %(limit)s characters, please.",
                    field=labels[key],
                    limit=limit,
                )
        order = values["orders"].filtered(
            lambda o: str(o.id) == kw.get("sale_order_id")
        )
        product = values["products"].filtered(
            lambda p: str(p.id) == kw.get("product_id")
        )
        if (kw.get("sale_order_id") and not order) or (
            kw.get("product_id") and not product
        ):
            return {}, env._(
                "Please choose an order and a product from your purchases."
            )
        try:
            quantity = float(kw.get("qty_affected") or 0)
        except ValueError:
            quantity = math.nan
        # nan and inf (also "1e400") are floats too: only finite, bounded quantities.
        if not (math.isfinite(quantity) and 0 <= quantity <= QTY_MAX):
            return {}, env._(
                "The quantity affected must be a number from 0 to %s.",
                f"{QTY_MAX:,}",
            )
        team = env["helpdesk.ticket.team"].sudo()._qf_default_team()
        if not team:
            return {}, env._("Complaints cannot be received online at the moment.")
        partner = env.user.partner_id
        lot_name = (kw.get("lot_name") or "").strip()
        lot = (
            env["stock.lot"]
            .sudo()
            .search([("name", "=", lot_name), ("product_id", "=", product.id)], limit=1)
            if lot_name and product
            else env["stock.lot"]
        )
        if lot_name and not lot:
            description += "\n" + env._("Lot/serial number given: %s", lot_name)
        return {
            "team_id": team.id,
            "company_id": team.company_id.id or env.company.id,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
            "qf_scope": "external",
            "name": subject,
            "description": plaintext2html(description),
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "partner_phone": partner.phone,
            "sale_order_id": order.id,
            "product_id": product.id,
            "lot_id": lot.id,
            "qty_affected": quantity,
            "customer_request": (kw.get("customer_request") or "").strip(),
            "date_received": fields.Datetime.now(),
        }, False
