# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import pytz

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import split_every

from .quality_complaint_xlsx import NUMERIC

# Ticket fields of the ledger (客户投诉登记追踪表), in column order; the headers are
# the fields' labels in the user's language. A field the user may not read is left out.
LEDGER_FIELDS = [
    "number",
    "date_received",
    "channel_id",
    "commercial_partner_id",
    "partner_name",
    "partner_phone",
    "product_id",
    "lot_id",
    "qty_affected",
    "sale_order_id",
    "delivery_date",
    # Production traceability.
    "production_workshop_id",
    "production_shift",
    "production_operator",
    "production_date",
    "name",
    "customer_request",
    "category_id",
    "info_class",
    "abnormality_type",
    "non_quality_kind",
    "severity",
    "qf_scope",
    "department_ids",
    "responsible_department_id",
    "responsible_user_id",
    "supplier_id",
    "handling_method",
    "loss_amount",
    "root_cause",
    "qf_state",
    "qf_deadline_state",
    "customer_reply_date",
    "closed_date",
    "escalation_level",
]
# Slip fields of the "Internal Feedback" sheet (信息事务处理单, R-701), in column order.
SLIP_FIELDS = [
    "name",
    "date_sent",
    "sender_department_id",
    "department_id",
    "subject",
    "difficulty",
    "holds_production",
    "state",
    "date_deadline",
    "answered_on",
]
WIDTHS = {"char": 18, "text": 40, "date": 12, "datetime": 17, "selection": 16}
CHUNK = 1000  # complaints read per round: bounded memory, few queries
MAX_ROWS = 1048576 - 2  # an XLSX sheet's rows, less the header and the totals


class ComplaintLedgerXlsx(models.AbstractModel):
    """The complaint ledger (R-901): one row per complaint of the wizard's filters.

    Rows are streamed (``constant_memory``) and the data read in chunks of
    ``CHUNK`` complaints: one read of the ticket columns plus one grouped query per
    related model (deadlines, compensation, CAPA) per chunk, and names of related
    records read once for the whole ledger. A second sheet lists the internal
    feedback slips of the period (R-701): one read of the slips, one grouped count
    of their hops.
    """

    _name = "report.quality_feedback.complaint_ledger_xlsx"
    _inherit = "report.quality_feedback.complaint_xlsx"
    _description = "Complaint Ledger (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        tickets = self.env["helpdesk.ticket"]
        ids = tickets.search(wizard._qf_ticket_domain(), order="date_received, id").ids
        if len(ids) > MAX_ROWS:
            raise UserError(
                self.env._(
                    "%(count)s complaints do not fit in one sheet (at most %(max)s): "
                    "choose a shorter period or more filters.",
                    count=len(ids),
                    max=MAX_ROWS,
                )
            )
        columns = self._qf_columns()
        self._qf_write_table(
            workbook,
            self.env._("Complaint Ledger"),
            columns,
            self._qf_rows(ids, columns),
            self.env._("%s complaints", len(ids)),
        )
        if self._qf_may_read("quality.feedback.slip"):
            self._qf_write_slips(workbook, wizard)

    # --- columns ----------------------------------------------------------------------
    def _qf_columns(self):
        """Ledger columns: readable ticket fields, then the figures from related models."""
        field_info = self.env["helpdesk.ticket"].fields_get(
            LEDGER_FIELDS, ["string", "type", "selection", "relation"]
        )
        columns = []
        for fname in LEDGER_FIELDS:
            info = field_info.get(fname)
            if not info:
                continue
            kind = {
                "float": "number",
                "monetary": "amount",
                "integer": "integer",
                "date": "date",
                "datetime": "datetime",
            }.get(info["type"], "text")
            columns.append(
                {
                    "field": fname,
                    "type": info["type"],
                    "kind": kind,
                    "header": info["string"],
                    "selection": dict(info.get("selection") or []),
                    "relation": info.get("relation"),
                    "width": WIDTHS.get(info["type"], 14 if kind != "text" else 22),
                }
            )
            if fname == "loss_amount" and self._qf_may_read("quality.compensation"):
                columns.append(
                    self._qf_extra("compensation", self.env._("Compensation"), "amount")
                )
        if self._qf_may_read("quality.deadline"):
            columns += [
                self._qf_extra(
                    "closure_deadline", self.env._("Closure Deadline"), "datetime"
                ),
                self._qf_extra("deadlines_met", self.env._("Deadlines Met"), "integer"),
                self._qf_extra(
                    "deadlines_missed", self.env._("Deadlines Missed"), "integer"
                ),
            ]
        if self._qf_may_read("quality.action"):
            columns += [
                self._qf_extra("capa_total", self.env._("CAPA Actions"), "integer"),
                self._qf_extra("capa_open", self.env._("CAPA Open"), "integer"),
                self._qf_extra(
                    "capa_effective", self.env._("CAPA Verified Effective"), "integer"
                ),
            ]
        return columns

    def _qf_extra(self, key, header, kind):
        width = {"datetime": WIDTHS["datetime"], "amount": 14}.get(kind, 10)
        return {
            "field": None,
            "type": None,
            "key": key,
            "kind": kind,
            "header": header,
            "width": width,
        }

    def _qf_may_read(self, model):
        return self.env[model].has_access("read")

    # --- rows -------------------------------------------------------------------------
    def _qf_rows(self, ids, columns):
        """Yield the cell values of each complaint, chunk by chunk."""
        tickets = self.env["helpdesk.ticket"]
        fnames = [c["field"] for c in columns if c["field"]]
        extra_keys = {c["key"] for c in columns if not c["field"]}
        tz = pytz.timezone(self.env.user.tz or "UTC")
        names = defaultdict(dict)  # comodel -> {id: display name}
        for chunk in split_every(CHUNK, ids):
            records = tickets.browse(chunk)
            # fetch() checks the access to the fields and records once per chunk;
            # the values are then taken from the field caches (ids for relations)
            # instead of read(), which checks each field of each record again.
            records.fetch(fnames)
            caches = [tickets._fields[fname]._get_cache(self.env) for fname in fnames]
            values = [
                dict(zip(fnames, (cache[ticket_id] for cache in caches), strict=True))
                | {"id": ticket_id}
                for ticket_id in chunk
            ]
            self._qf_fill_names(columns, values, names)
            extra = self._qf_related_figures(chunk, extra_keys)
            for vals in values:
                yield [
                    self._qf_cell(column, vals, extra, names, tz) for column in columns
                ]
            # The ledger may hold years of complaints: keep the cache to one chunk.
            self.env.invalidate_all()

    def _qf_fill_names(self, columns, values, names):
        """Read the display names of the related records not seen yet, one query per
        model. Like ``read()``, names are read as superuser: a ticket the user may
        read shows its customer's name even without access to the partner."""
        for column in columns:
            if column["type"] not in ("many2one", "many2many"):
                continue
            known = names[column["relation"]]
            wanted = set()
            for vals in values:
                value = vals[column["field"]]
                wanted.update(
                    value
                    if isinstance(value, (list, tuple))
                    else [value]
                    if value
                    else []
                )
            missing = wanted - known.keys()
            if missing:
                related = self.env[column["relation"]].sudo().browse(missing)
                known.update(
                    zip(related.ids, related.mapped("display_name"), strict=True)
                )

    def _qf_related_figures(self, ticket_ids, keys):
        """{key: {ticket id: value}} for the columns read from related models."""
        figures = defaultdict(dict)
        if "compensation" in keys:
            for ticket, amount in self.env["quality.compensation"]._read_group(
                [
                    ("ticket_id", "in", ticket_ids),
                    ("state", "in", ("approved", "done")),
                ],
                ["ticket_id"],
                ["amount_company:sum"],
            ):
                figures["compensation"][ticket.id] = amount
        if "deadlines_met" in keys:
            for ticket, state, count in self.env["quality.deadline"]._read_group(
                [("ticket_id", "in", ticket_ids), ("state", "in", ("met", "missed"))],
                ["ticket_id", "state"],
                ["__count"],
            ):
                figures[f"deadlines_{state}"][ticket.id] = count
            for ticket, deadline in self.env["quality.deadline"]._read_group(
                [
                    ("ticket_id", "in", ticket_ids),
                    ("kind", "=", "closure"),
                    ("state", "!=", "cancelled"),
                ],
                ["ticket_id"],
                ["date_deadline:max"],
            ):
                figures["closure_deadline"][ticket.id] = deadline
        if "capa_total" in keys:
            for ticket, state, count in self.env["quality.action"]._read_group(
                [("ticket_id", "in", ticket_ids)], ["ticket_id", "state"], ["__count"]
            ):
                by_ticket = figures["capa_total"]
                by_ticket[ticket.id] = by_ticket.get(ticket.id, 0) + count
                if state in ("open", "effective"):
                    figures[f"capa_{state}"][ticket.id] = count
        return figures

    def _qf_cell(self, column, vals, extra, names, tz):
        if column["field"]:
            value = self._qf_field_value(column, vals[column["field"]], names)
        else:
            value = extra.get(column["key"], {}).get(vals["id"])
        if value is None and column["kind"] in NUMERIC:
            return 0
        if column["kind"] == "datetime" and value:
            return tz.fromutc(value).replace(tzinfo=None)
        return value

    @staticmethod
    def _qf_field_value(column, value, names):
        """The cell value of a ticket field: names for relations and selections."""
        ftype = column["type"]
        if ftype == "many2many":
            return ", ".join(names[column["relation"]][i] for i in value)
        if value is False or value is None:
            return None
        if ftype == "many2one":
            return names[column["relation"]].get(value)
        if ftype == "selection":
            return column["selection"].get(value)
        return value

    # --- internal feedback slips (R-701) ---------------------------------------------
    def _qf_write_slips(self, workbook, wizard):
        """The "Internal Feedback" sheet: one row per slip the user may read that
        was sent in the period, with its lateness and the levels it passed up."""
        slips = self.env["quality.feedback.slip"]
        records = slips.search_read(
            wizard._qf_slip_domain(),
            [*SLIP_FIELDS, "answered_late", "is_overdue"],
            order="date_sent, id",
        )
        if len(records) > MAX_ROWS:
            raise UserError(
                self.env._(
                    "%(count)s slips do not fit in one sheet (at most %(max)s): "
                    "choose a shorter period or more filters.",
                    count=len(records),
                    max=MAX_ROWS,
                )
            )
        info = slips.fields_get(SLIP_FIELDS, ["string", "type", "selection"])
        columns = [
            {
                "field": fname,
                "type": info[fname]["type"],
                "kind": "datetime" if info[fname]["type"] == "datetime" else "text",
                "header": info[fname]["string"],
                "selection": dict(info[fname].get("selection") or []),
                "width": WIDTHS.get(info[fname]["type"], 22),
            }
            for fname in SLIP_FIELDS
        ]
        columns += [
            self._qf_extra("late", self.env._("Late"), "text"),
            self._qf_extra("levels", self.env._("Levels Passed Up"), "integer"),
        ]
        # Hops beyond the first receiver: the times a slip went up a level.
        hops = dict(
            self.env["quality.feedback.slip.hop"]._read_group(
                [("slip_id", "in", [r["id"] for r in records])],
                ["slip_id"],
                ["__count"],
            )
        )
        hops = {slip.id: count for slip, count in hops.items()}
        tz = pytz.timezone(self.env.user.tz or "UTC")
        yes_no = {True: self.env._("Yes"), False: self.env._("No")}
        self._qf_write_table(
            workbook,
            self.env._("Internal Feedback"),
            columns,
            (
                self._qf_slip_row(columns, record, hops, yes_no, tz)
                for record in records
            ),
            self.env._("%s slips", len(records)),
        )

    @staticmethod
    def _qf_slip_row(columns, record, hops, yes_no, tz):
        row = []
        for column in columns:
            if column["field"] is None:
                late = record["answered_late"] or record["is_overdue"]
                value = (
                    yes_no[bool(late)]
                    if column["key"] == "late"
                    else max(hops.get(record["id"], 1) - 1, 0)
                )
            else:
                value = record[column["field"]]
                if column["type"] == "many2one":
                    value = value and value[1]
                elif column["type"] == "selection":
                    value = column["selection"].get(value)
                elif column["type"] == "boolean":
                    value = yes_no[bool(value)]
                elif column["type"] == "datetime" and value:
                    value = tz.fromutc(value).replace(tzinfo=None)
                value = value or None
            row.append(value)
        return row
