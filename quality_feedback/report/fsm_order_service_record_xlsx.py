# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import pytz

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import split_every

# Stored fsm.order fields read for the record, fetched once per chunk.
ORDER_FIELDS = [
    "name",
    "request_early",
    "qf_partner_id",
    "qf_contact_phone",
    "location_id",
    "qf_product_id",
    "qf_specification",
    "qf_lot_id",
    "qf_purchase_date",
    "qf_purchase_place",
    "qf_service_type",
    "stage_id",
    "person_id",
    "qf_date_dispatched",
    "signed_by",
    "signed_on",
    "qf_date_filed",
    "qf_fee_amount",
    "ticket_id",
]
# Many2one fields shown by name: {field: (model, the name to show)}.
NAMED = {
    "qf_partner_id": ("res.partner", "display_name"),
    "qf_product_id": ("product.product", "display_name"),
    "qf_lot_id": ("stock.lot", "display_name"),
    "stage_id": ("fsm.stage", "display_name"),
    "person_id": ("fsm.person", "display_name"),
    "ticket_id": ("helpdesk.ticket", "number"),
}
# Shown in the user's time zone.
DATETIMES = ("request_early", "qf_date_dispatched", "signed_on", "qf_date_filed")
WIDTHS = {"text": 18, "date": 12, "datetime": 17, "amount": 14}
CHUNK = 1000  # orders read per round: bounded memory, few queries
MAX_ROWS = 1048576 - 2  # an XLSX sheet's rows, less the header and the totals


class ServiceRecordXlsx(models.AbstractModel):
    """The after-sales service record (售后服务记录, R-602) of the selected service
    orders: one row per order, streamed, read in chunks of ``CHUNK`` orders (one
    fetch of the order columns and one grouped query of the costs per chunk; names,
    addresses and complaint numbers read once per related record)."""

    _name = "report.quality_feedback.service_record_xlsx"
    _inherit = "report.quality_feedback.complaint_xlsx"
    _description = "After-Sales Service Record (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        if len(objs) > MAX_ROWS:
            raise UserError(
                self.env._(
                    "%(count)s service orders do not fit in one sheet (at most "
                    "%(max)s): select fewer.",
                    count=len(objs),
                    max=MAX_ROWS,
                )
            )
        columns = self._qf_columns()
        for column in columns:
            column["width"] = WIDTHS[column["kind"]]
        self._qf_write_table(
            workbook,
            self.env._("After-Sales Service Record"),
            columns,
            self._qf_rows(objs.ids, columns),
            self.env._("%s service orders", len(objs)),
        )

    # --- columns ----------------------------------------------------------------------
    def _qf_columns(self):
        """(key, header, kind) of each column, headers in the user's language; the
        costs for who may read them, the complaint for quality feedback users (as
        on the order's form)."""
        labels = {
            fname: info["string"]
            for fname, info in self.env["fsm.order"]
            .fields_get([*ORDER_FIELDS, "qf_cost_total"], ["string"])
            .items()
        }
        columns = [
            ("name", self.env._("Number"), "text"),
            ("request_early", self.env._("Requested On"), "datetime"),
            ("qf_partner_id", labels["qf_partner_id"], "text"),
            ("phone", self.env._("Phone"), "text"),
            ("address", self.env._("Address"), "text"),
            ("qf_product_id", labels["qf_product_id"], "text"),
            ("qf_specification", labels["qf_specification"], "text"),
            ("qf_lot_id", labels["qf_lot_id"], "text"),
            ("qf_purchase_date", labels["qf_purchase_date"], "date"),
            ("qf_purchase_place", labels["qf_purchase_place"], "text"),
            ("qf_service_type", labels["qf_service_type"], "text"),
            ("stage_id", labels["stage_id"], "text"),
            ("person_id", self.env._("Technician"), "text"),
            ("qf_date_dispatched", labels["qf_date_dispatched"], "datetime"),
            ("signed_by", self.env._("Signed By"), "text"),
            ("signed_on", self.env._("Signed On"), "datetime"),
            ("qf_date_filed", labels["qf_date_filed"], "datetime"),
            ("qf_fee_amount", labels["qf_fee_amount"], "amount"),
        ]
        if self.env["quality.service.cost"].has_access("read"):
            columns.append(("cost_total", labels["qf_cost_total"], "amount"))
        if self.env.user.has_group("quality_feedback.group_qf_user"):
            columns.append(("ticket_id", self.env._("Complaint"), "text"))
        return [
            {"key": key, "header": header, "kind": kind}
            for key, header, kind in columns
        ]

    # --- rows -------------------------------------------------------------------------
    def _qf_rows(self, ids, columns):
        """Yield the cell values of each order, chunk by chunk."""
        orders = self.env["fsm.order"]
        keys = [column["key"] for column in columns]
        types = dict(orders._fields["qf_service_type"]._description_selection(self.env))
        tz = pytz.timezone(self.env.user.tz or "UTC")
        names = defaultdict(dict)  # field -> {id: name}
        locations = {}  # id -> (phone, "street, city")
        for chunk in split_every(CHUNK, ids):
            # fetch() checks the access to the orders and fields once per chunk; the
            # values are then taken from the field caches (ids for relations).
            orders.browse(chunk).fetch(ORDER_FIELDS)
            caches = [
                orders._fields[fname]._get_cache(self.env) for fname in ORDER_FIELDS
            ]
            values = [
                dict(zip(ORDER_FIELDS, (cache[oid] for cache in caches), strict=True))
                for oid in chunk
            ]
            self._qf_fill_names(values, names, "ticket_id" in keys)
            self._qf_fill_locations(values, locations)
            costs = self._qf_cost_totals(chunk) if "cost_total" in keys else {}
            for oid, vals in zip(chunk, values, strict=True):
                phone, address = locations.get(vals["location_id"], (None, None))
                vals.update(
                    {
                        "phone": vals["qf_contact_phone"] or phone or None,
                        "address": address,
                        "qf_service_type": types.get(vals["qf_service_type"]),
                        "cost_total": costs.get(oid, 0.0),
                    }
                )
                for fname in NAMED:
                    vals[fname] = names[fname].get(vals[fname])
                for fname in DATETIMES:
                    if vals[fname]:
                        vals[fname] = tz.fromutc(vals[fname]).replace(tzinfo=None)
                yield [vals[key] for key in keys]
            # The record may hold years of orders: keep the cache to one chunk.
            self.env.invalidate_all()

    def _qf_fill_names(self, values, names, with_ticket):
        """Read the names of the related records not seen yet, one query per model.
        Like ``read()``, as superuser: an order the user reads shows its customer's
        name even without access to the partner."""
        for fname, (model, attr) in NAMED.items():
            if fname == "ticket_id" and not with_ticket:
                continue
            known = names[fname]
            missing = {vals[fname] for vals in values if vals[fname]} - known.keys()
            if missing:
                related = self.env[model].sudo().browse(missing)
                known.update(zip(related.ids, related.mapped(attr), strict=True))

    def _qf_fill_locations(self, values, locations):
        """Phone and address of the service locations not seen yet (as superuser,
        like the order's related address fields)."""
        missing = {vals["location_id"] for vals in values if vals["location_id"]}
        missing -= locations.keys()
        if missing:
            for location in (
                self.env["fsm.location"]
                .sudo()
                .browse(missing)
                .read(["phone", "street", "city"], load=None)
            ):
                address = ", ".join(
                    part for part in (location["street"], location["city"]) if part
                )
                locations[location["id"]] = (location["phone"], address)

    def _qf_cost_totals(self, order_ids):
        """{order id: sum of its costs}, in one grouped query."""
        return {
            order.id: amount
            for order, amount in self.env["quality.service.cost"]._read_group(
                [("order_id", "in", order_ids)], ["order_id"], ["amount:sum"]
            )
        }
