"""Benchmark of the after-sales service orders (SPEC R-602, issue #13).

a. One request registered by the sales office clerk (``quality.service.register``)
   and dispatched by the factory director (``quality.service.dispatch``), next to a
   plain fieldservice order: a field-service dispatcher creates it on the customer's
   location and writes the technician and the stage (target: at most 1.5 times the
   queries). Superuser figures of the plain order are printed too.
b. The end-of-day cron ``fsm.order._cron_qf_flag_undispatched`` over N open orders
   (``--orders``, default 10,000; and 1,000 to show that its queries do not grow with
   N), 1 % registered yesterday and not dispatched, the others dispatched; run twice,
   the second run flags nothing.
c. The service record XLSX of the N orders, next to raw xlsxwriter writing the same
   cells from rows already in memory (target: at most 2 times).

The orders are inserted set-based in a transaction that is rolled back at the end.

    scripts/bench.sh tests/bench_service.py [--orders 10000]
"""

import argparse
import io
import resource
import time
from datetime import datetime
from types import SimpleNamespace

import xlsxwriter

import odoo
from odoo import Command, api, sql_db
from odoo.tools import SQL, config

CUSTOMERS = 20  # customers (each with his service location), products and lots


def new_user(env, login, groups):
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login,
                "login": login,
                "tz": "UTC",
                "lang": "en_US",
                "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
        )
    )


def measure(env, step):
    """Runs ``step`` and returns (seconds, queries, its result), the writes flushed."""
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    result = step()
    env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries, result


def setup(env):
    """The service roles, technicians, customers with a location, products, lots."""
    qf = "quality_feedback."
    data = SimpleNamespace(
        clerk=new_user(
            env, "bench-clerk", ["base.group_user", qf + "group_qf_service_clerk"]
        ),
        director=new_user(
            env, "bench-director", ["base.group_user", qf + "group_qf_factory_director"]
        ),
        officer=new_user(
            env, "bench-officer", ["base.group_user", qf + "group_qf_officer"]
        ),
        dispatcher=new_user(
            env,
            "bench-dispatcher",
            ["base.group_user", "fieldservice.group_fsm_dispatcher"],
        ),
    )
    data.technicians = env["fsm.person"].create(
        [
            {
                "partner_id": new_user(
                    env,
                    f"bench-technician-{n}",
                    ["base.group_user", qf + "group_qf_technician"],
                ).partner_id.id
            }
            for n in range(5)
        ]
    )
    data.customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {n}",
                "is_company": True,
                "street": f"{n} Jiefang Road",
                "city": "Hangzhou",
                "phone": f"0571-{n:04d}",
            }
            for n in range(CUSTOMERS)
        ]
    )
    data.locations = [
        env["fsm.order"]._qf_service_location(customer) for customer in data.customers
    ]
    data.products = env["product.product"].create(
        [
            {"name": f"Bench Pump {n}", "is_storable": True, "tracking": "lot"}
            for n in range(CUSTOMERS)
        ]
    )
    data.lots = env["stock.lot"].create(
        [{"name": f"BENCH-LOT-{p.id}", "product_id": p.id} for p in data.products]
    )
    return data


# --- a. register and dispatch ----------------------------------------------------------
def register_and_dispatch(env, data):
    """{step: (seconds, queries, order id)}, each path run once before, unmeasured,
    to fill the registry caches (rules, views, sequences)."""
    customer, technician = data.customers[0], data.technicians[0]
    dispatched = env.ref("quality_feedback.fsm_stage_dispatched")
    order = env["fsm.order"]

    def register():
        wizard = env(user=data.clerk)["quality.service.register"].create(
            {
                "partner_id": customer.id,
                "contact_phone": "0571-8888",
                "street": customer.street,
                "city": customer.city,
                "product_id": data.products[0].id,
                "description": "Pump makes a grinding noise",
            }
        )
        return order.browse(wizard.action_register()["res_id"])

    def dispatch(new_order):
        env(user=data.director)["quality.service.dispatch"].create(
            {"order_ids": [Command.set(new_order.ids)], "person_id": technician.id}
        ).action_dispatch()

    def create(as_user=True):
        model = env(user=data.dispatcher)["fsm.order"] if as_user else order
        return model.create(
            {
                "location_id": customer.service_location_id.id,
                "description": "Pump makes a grinding noise",
            }
        )

    def write(new_order, as_user=True):
        if as_user:
            # The technician and the stage are guarded by the addon: the plain
            # dispatcher's write runs in sudo, as the dispatcher.
            new_order = new_order.with_user(data.dispatcher).sudo()
        new_order.write({"person_id": technician.id, "stage_id": dispatched.id})

    dispatch(register())
    write(create())
    figures = {}
    figures["register"] = measure(env, register)
    figures["dispatch"] = measure(env, lambda: dispatch(figures["register"][2]))
    figures["create"] = measure(env, create)
    figures["write"] = measure(env, lambda: write(figures["create"][2]))
    figures["create_su"] = measure(env, lambda: create(as_user=False))
    figures["write_su"] = measure(
        env, lambda: write(figures["create_su"][2], as_user=False)
    )
    return figures


# --- b. the end-of-day cron ------------------------------------------------------------
def insert_orders(env, size, data):
    """``size`` orders: every hundredth registered yesterday and still new, the others
    dispatched today with a fee and, every other one, two costs; inserted set-based
    next to one order created with the ORM (for the columns' defaults)."""
    template = env["fsm.order"].create({"location_id": data.locations[0].id})
    now = datetime.now().replace(microsecond=0)
    stages = env["fsm.order"]._qf_stages()
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO fsm_order
                (name, team_id, company_id, warehouse_id, priority, request_early,
                 location_id, qf_partner_id, qf_product_id, qf_lot_id,
                 qf_contact_phone, qf_request_channel, qf_specification,
                 qf_purchase_date, qf_purchase_place, qf_service_type,
                 stage_id, person_id, qf_dispatched_by_id, qf_date_dispatched,
                 qf_fee_amount, qf_priority_dispatch, qf_registered_by_id,
                 create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH-' || n, t.team_id, t.company_id, t.warehouse_id, t.priority,
                   created, (%(locations)s)[1 + n %% %(k)s],
                   (%(customers)s)[1 + n %% %(k)s], (%(products)s)[1 + n %% %(k)s],
                   (%(lots)s)[1 + n %% %(k)s], '0571-' || n, 'phone',
                   'CP-' || n %% 7, %(now)s::date - 200, 'SO' || n, 'warranty',
                   CASE WHEN late THEN %(new)s ELSE %(dispatched)s END,
                   CASE WHEN late THEN NULL
                        ELSE (%(persons)s)[1 + n %% cardinality(%(persons)s)] END,
                   CASE WHEN late THEN NULL ELSE %(user)s END,
                   CASE WHEN late THEN NULL ELSE %(now)s END,
                   CASE WHEN late THEN 0 ELSE 100 + n %% 50 END, FALSE, %(user)s,
                   %(user)s, %(user)s, created, created
              FROM fsm_order t,
                   generate_series(1, %(size)s) AS n,
                   LATERAL (SELECT n %% 100 = 0 AS late) l,
                   LATERAL (SELECT CASE WHEN late THEN %(now)s - interval '1 day'
                                        ELSE %(now)s END AS created) c
             WHERE t.id = %(template)s
            RETURNING id
            """,
            locations=[location.id for location in data.locations],
            customers=data.customers.ids,
            products=data.products.ids,
            lots=data.lots.ids,
            persons=data.technicians.ids,
            k=CUSTOMERS,
            now=now,
            new=stages["new"].id,
            dispatched=stages["dispatched"].id,
            user=env.uid,
            size=size,
            template=template.id,
        )
    )
    order_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL(
            """
            INSERT INTO quality_service_cost
                (order_id, company_id, kind, date, quantity, unit_cost, amount,
                 cost_type, service_type, partner_id, service_product_id, person_id,
                 create_uid, write_uid, create_date, write_date)
            SELECT o.id, o.company_id, kind, o.create_date::date, 1, 40, 40,
                   'warranty', 'warranty', o.qf_partner_id, o.qf_product_id,
                   o.person_id, %(user)s, %(user)s, o.create_date, o.create_date
              FROM fsm_order o, unnest(ARRAY['travel', 'labour']) AS kind
             WHERE o.id = ANY(%(orders)s) AND o.person_id IS NOT NULL
               AND o.id %% 2 = 0
            """,
            user=env.uid,
            orders=order_ids,
        )
    )
    # The ORM-made order is dispatched too: only the inserted ones count.
    env.cr.execute(
        SQL(
            "UPDATE fsm_order SET stage_id = %s WHERE id = %s",
            stages["dispatched"].id,
            template.id,
        )
    )
    env.invalidate_all()
    env.cr.execute("ANALYZE fsm_order")
    env.cr.execute("ANALYZE quality_service_cost")
    return order_ids, now


# --- c. the service record XLSX ---------------------------------------------------------
def run_record(env, order_ids):
    report = env.ref("quality_feedback.action_report_qf_service_record")
    content, _ext = report._render_xlsx(report.report_name, order_ids, None)
    return len(content)


def run_raw(columns, rows):
    """xlsxwriter alone, the same cells with the same kinds of formats."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    formats = {
        kind: workbook.add_format({"num_format": fmt})
        for kind, fmt in (
            ("text", "@"),
            ("amount", "#,##0.00"),
            ("date", "yyyy-mm-dd"),
            ("datetime", "yyyy-mm-dd hh:mm"),
        )
    }
    sheet = workbook.add_worksheet("Service Record")
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column["header"])
    kinds = [column["kind"] for column in columns]
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = kinds[col]
            if kind == "amount":
                sheet.write_number(row, col, value, formats[kind])
            elif kind in ("date", "datetime"):
                sheet.write_datetime(row, col, value, formats[kind])
            else:
                sheet.write_string(row, col, value, formats["text"])
    workbook.close()
    return len(output.getvalue())


def record_and_raw(env, officer, order_ids):
    officer_env = env(user=officer, context={"lang": "en_US", "tz": "UTC"})
    record = officer_env["report.quality_feedback.service_record_xlsx"]
    columns = record._qf_columns()
    rows = list(record._qf_rows(order_ids, columns))
    run_record(officer_env, order_ids[:10])  # fills the registry caches
    ours = measure(officer_env, lambda: run_record(officer_env, order_ids))
    raw = measure(officer_env, lambda: run_raw(columns, rows))
    return ours, raw


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=10000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)

    crons = []
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        data = setup(env)
        steps = register_and_dispatch(env, data)
        orders = env["fsm.order"]
        # Settle what is already due in the database (demo data), unmeasured.
        orders._cron_qf_flag_undispatched()
        cr.execute("SAVEPOINT bench_data")
        # A first pass of 100 orders fills the registry caches: not printed.
        for size in [100, *sorted({1000, args.orders})]:
            order_ids, now = insert_orders(env, size, data)
            first = measure(env, lambda n=now: orders._cron_qf_flag_undispatched(n))
            second = measure(env, lambda n=now: orders._cron_qf_flag_undispatched(n))
            if size != 100:
                crons.append((size, first, second))
            if size == args.orders:
                record, raw = record_and_raw(env, data.officer, order_ids)
            cr.execute("ROLLBACK TO SAVEPOINT bench_data")
            env.invalidate_all()
        cr.rollback()

    print_figures(args.orders, steps, crons, record, raw)


def print_figures(size, steps, crons, record, raw):
    ours = [steps["register"], steps["dispatch"]]
    plain = [steps["create"], steps["write"]]
    ours_total = (sum(s for s, _q, _r in ours), sum(q for _s, q, _r in ours))
    plain_total = (sum(s for s, _q, _r in plain), sum(q for _s, q, _r in plain))
    print("| one service order | s | queries |")
    print("|---|---:|---:|")
    for label, (seconds, queries, _result) in (
        ("register (clerk's wizard)", steps["register"]),
        ("dispatch (director's wizard)", steps["dispatch"]),
        ("plain fsm.order create (dispatcher)", steps["create"]),
        ("plain write of technician and stage (dispatcher)", steps["write"]),
        ("plain create, as superuser", steps["create_su"]),
        ("plain write, as superuser", steps["write_su"]),
    ):
        print(f"| {label} | {seconds:.3f} | {queries} |")
    print(
        f"| **registered and dispatched** | **{ours_total[0]:.3f}** "
        f"| **{ours_total[1]}** |"
    )
    print(
        "| **plain create and write (dispatcher)** "
        f"| **{plain_total[0]:.3f}** | **{plain_total[1]}** |"
    )
    print(
        f"| ratio | {ours_total[0] / plain_total[0]:.2f} "
        f"| {ours_total[1] / plain_total[1]:.2f} |"
    )
    print()
    print(
        "| open orders | 1st run: flagged | s | queries | 2nd run: flagged | s "
        "| queries |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for orders, first, second in crons:
        print(
            f"| {orders:,} | {first[2]} | {first[0]:.3f} | {first[1]} | {second[2]} "
            f"| {second[0]:.3f} | {second[1]} |"
        )
    print()
    print(f"| service record of {size:,} orders | s | x raw | queries | KB |")
    print("|---|---:|---:|---:|---:|")
    for label, (seconds, queries, content) in (
        ("addon report (report_xlsx, access rules on)", record),
        ("raw xlsxwriter, same cells from memory", raw),
    ):
        print(
            f"| {label} | {seconds:.3f} | {seconds / raw[0]:.2f} | {queries} "
            f"| {content / 1024:.0f} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory of the process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
