"""Benchmark of the XLSX complaint ledger (SPEC R-901, issue #8).

Inserts N complaints (default 100,000) received in 2001 with four deadlines each,
set-based and committed, then measures three ways of writing them to XLSX, each in its
own process so that its peak memory is its own:

- ``ledger``: the addon's report, as the wizard prints it (admin user, access rules on);
- ``raw``: xlsxwriter alone writing the same cells from rows already in memory (the
  floor: no ORM, no access checks);
- ``export``: Odoo's own list export (``export_data`` + the web client's XLSX writer);
- ``statistics``: the monthly statistics workbook of the same complaints (for the
  record: grouped queries only, not compared).

The complaints are deleted at the end.

    scripts/bench.sh tests/bench_complaint_ledger.py [--size 100000]
"""

import argparse
import io
import json
import resource
import subprocess
import sys
import time
from datetime import date
from types import SimpleNamespace

import xlsxwriter

import odoo
from odoo import api, sql_db
from odoo.tools import SQL, config

PREFIX = "LEDGER-BENCH-"
PERIOD = {"date_from": date(2001, 1, 1), "date_to": date(2001, 12, 31)}


def insert_complaints(env, size):
    """Complaints spread over 2001, 50 customers, 20 products, the departments, both
    abnormality kinds and four met or missed deadlines each."""
    team = env.ref("quality_feedback.team_quality_complaints")
    stage = team._qf_stage("closed")
    cr = env.cr
    cr.execute("SELECT id FROM res_partner WHERE active ORDER BY id LIMIT 50")
    partners = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM product_product ORDER BY id LIMIT 20")
    products = [row[0] for row in cr.fetchall()]
    departments = env["quality.department"].search([]).ids
    cr.execute(
        SQL(
            """
            INSERT INTO helpdesk_ticket
                (number, name, description, team_id, company_id, stage_id, is_complaint,
                 qf_state, partner_id, commercial_partner_id, product_id, user_id,
                 priority, active, qf_scope, qty_affected, customer_request,
                 abnormality_type, non_quality_kind, severity, info_class,
                 responsible_department_id, loss_amount, date_received, closed_date,
                 date_registered, last_stage_update,
                 create_uid, write_uid, create_date, write_date)
            SELECT %(prefix)s || n, 'Pump leaks at the flange ' || n, '<p>x</p>',
                   %(team)s, %(company)s, %(stage)s, TRUE, 'closed',
                   (%(partners)s)[1 + n %% cardinality(%(partners)s)],
                   (%(partners)s)[1 + n %% cardinality(%(partners)s)],
                   (%(products)s)[1 + n %% cardinality(%(products)s)], %(user)s,
                   '1', TRUE, 'external', 1 + n %% 7,
                   'Replace the pumps of order ' || n,
                   CASE WHEN n %% 3 = 0 THEN 'non_quality' ELSE 'quality' END,
                   CASE WHEN n %% 3 = 0 THEN 'transport' END,
                   'major', 'feedback',
                   (%(departments)s)[1 + n %% cardinality(%(departments)s)],
                   (n %% 1000) * 1.5,
                   received, received + interval '5 days', received, received,
                   %(user)s, %(user)s, received, received
              FROM generate_series(1, %(size)s) AS n,
                   LATERAL (SELECT timestamp '2001-01-01 08:00'
                                   + (n %% 360) * interval '1 day' AS received) r
            RETURNING id
            """,
            prefix=PREFIX,
            team=team.id,
            company=team.company_id.id,
            stage=stage.id,
            partners=partners,
            products=products,
            departments=departments,
            user=env.uid,
            size=size,
        )
    )
    ticket_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            INSERT INTO quality_deadline
                (ticket_id, company_id, kind, date_start, date_deadline, date_risk,
                 date_escalate, date_done, state, escalated,
                 create_uid, write_uid, create_date, write_date)
            SELECT t, %(company)s, kind, now(), now(), now(), now(), now(),
                   CASE WHEN t %% 5 = 0 THEN 'missed' ELSE 'met' END, FALSE,
                   %(user)s, %(user)s, now(), now()
              FROM unnest(%(tickets)s) AS t,
                   unnest(ARRAY['first_answer', 'proposal', 'report', 'closure']) AS kind
            """,
            company=team.company_id.id,
            user=env.uid,
            tickets=ticket_ids,
        )
    )
    cr.execute("ANALYZE helpdesk_ticket")
    cr.execute("ANALYZE quality_deadline")
    return len(ticket_ids)


def delete_complaints(env):
    env.cr.execute(
        SQL("DELETE FROM helpdesk_ticket WHERE number LIKE %s", PREFIX + "%")
    )


def run_ledger(env):
    wizard = env["quality.complaint.report.wizard"].create(PERIOD)
    report = env.ref("quality_feedback.action_report_complaint_ledger")
    content, _ext = report._render_xlsx(report.report_name, wizard.ids, None)
    return len(content)


def run_statistics(env):
    wizard = env["quality.complaint.report.wizard"].create(PERIOD)
    report = env.ref("quality_feedback.action_report_complaint_statistics")
    content, _ext = report._render_xlsx(report.report_name, wizard.ids, None)
    return len(content)


def ledger_rows(env, ledger_model):
    """The ledger's cell values, computed beforehand for the raw xlsxwriter run."""
    wizard = env["quality.complaint.report.wizard"].create(PERIOD)
    ids = env["helpdesk.ticket"].search(wizard._qf_ticket_domain()).ids
    columns = ledger_model._qf_columns()
    return columns, list(ledger_model._qf_rows(ids, columns))


def run_raw(columns, rows):
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    formats = {
        kind: workbook.add_format({"num_format": fmt})
        for kind, fmt in (
            ("text", "@"),
            ("number", "#,##0.##"),
            ("integer", "0"),
            ("amount", "#,##0.00"),
            ("date", "yyyy-mm-dd"),
            ("datetime", "yyyy-mm-dd hh:mm"),
        )
    }
    sheet = workbook.add_worksheet("Ledger")
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column["header"])
    kinds = [column["kind"] for column in columns]
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = kinds[col]
            if kind in ("number", "amount", "integer"):
                sheet.write_number(row, col, value, formats[kind])
            elif kind in ("date", "datetime"):
                sheet.write_datetime(row, col, value, formats[kind])
            else:
                sheet.write_string(row, col, value, formats["text"])
    workbook.close()
    return len(output.getvalue())


def run_export(env, fnames):
    """Odoo's list export: export_data then the web client's XLSX writer."""
    from odoo.addons.web.controllers import export  # noqa: PLC0415

    export.request = SimpleNamespace(env=env)  # the writer reads request.env
    wizard = env["quality.complaint.report.wizard"].create(PERIOD)
    records = env["helpdesk.ticket"].search(wizard._qf_ticket_domain())
    rows = records.export_data(fnames)["datas"]
    fields = [{"type": records._fields[f].type} for f in fnames]
    value = export.ExcelExport().from_data(fields, fnames, rows)
    return len(value)


def child(args):
    """One measured path in this process; prints one JSON line."""
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {"lang": "en_US", "tz": "UTC"})  # admin
        env.user.tz = "UTC"
        ledger = env["report.quality_feedback.complaint_ledger_xlsx"]
        prepared = None
        if args.path == "raw":
            prepared = ledger_rows(env, ledger)
        env.invalidate_all()
        queries = sql_db.sql_counter
        started = time.perf_counter()
        if args.path == "ledger":
            size = run_ledger(env)
        elif args.path == "statistics":
            size = run_statistics(env)
        elif args.path == "raw":
            size = run_raw(*prepared)
        else:
            fnames = [
                column["field"] for column in ledger._qf_columns() if column["field"]
            ]
            size = run_export(env, fnames)
        seconds = time.perf_counter() - started
        cr.rollback()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "queries": sql_db.sql_counter - queries,
                "rss_loaded": rss_loaded,
                "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                "bytes": size,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--path", choices=["ledger", "raw", "export", "statistics"])
    args = parser.parse_args()
    if args.path:
        return child(args)

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        delete_complaints(env)
        inserted = insert_complaints(env, args.size)
    results = {}
    try:
        for path in ("ledger", "raw", "export", "statistics"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    *("-c", args.config, "-d", args.database),
                    *("--size", str(args.size), "--path", path),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[path] = json.loads(out.strip().splitlines()[-1])
        print_table(inserted, results)
    finally:
        with registry.cursor() as cr:
            delete_complaints(api.Environment(cr, api.SUPERUSER_ID, {}))
    return None


def print_table(inserted, results):
    raw = results["raw"]["seconds"]
    print(f"Ledger of {inserted:,} complaints (2 cores; each path in its own process)")
    print()
    print(
        "| path | seconds | x raw | SQL queries | peak RSS MiB | after load MiB | xlsx MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    labels = {
        "ledger": "addon ledger (report_xlsx, rules on)",
        "raw": "raw xlsxwriter, rows in memory",
        "export": "Odoo list export (export_data + XLSX)",
        "statistics": "monthly statistics workbook (8 sheets, 2 charts)",
    }
    for path, label in labels.items():
        r = results[path]
        print(
            f"| {label} | {r['seconds']:.2f} | "
            f"{'-' if path == 'statistics' else format(r['seconds'] / raw, '.2f')} | "
            f"{r['queries']} | {r['rss_peak']} | {r['rss_loaded']} | "
            f"{r['bytes'] / 1e6:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
