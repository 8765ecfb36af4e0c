"""Benchmark of the return-visit planning (SPEC R-803, issue #14).

``quality.visit._qf_plan_delivery_visits`` (the daily cron's first half) over N done
deliveries to customers (``--deliveries``, default 100,000; and 10,000 to show that
its queries do not grow with N): 1 % were delivered 8 months ago and are due, the
others 2 years ago or last month. Run twice: the second run plans nothing. Prints
the seconds, the SQL queries, the Python memory allocated at the peak of the run
(tracemalloc) and the process's peak memory.

The deliveries are inserted set-based in a transaction that is rolled back at the end.

    scripts/bench.sh tests/bench_visit_planning.py [--deliveries 100000]
"""

import argparse
import resource
import time
import tracemalloc
from datetime import datetime

from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command, api, sql_db
from odoo.tools import SQL, config

CUSTOMERS = 20


def measure(env, step, memory=False):
    """Runs ``step``; returns (seconds, queries, its result), or with ``memory``
    (seconds, queries, peak KiB allocated by Python, its result): tracemalloc slows
    the run down, so memory is measured in a run of its own."""
    env.invalidate_all()
    queries = sql_db.sql_counter
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    result = step()
    env.flush_all()
    seconds = time.perf_counter() - started
    queries = sql_db.sql_counter - queries
    if not memory:
        return seconds, queries, result
    peak = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    return seconds, queries, peak, result


def setup(env):
    """A visit leader reading Chinese, customers, the warehouse's delivery type."""
    leader = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "bench-visit-leader",
                "login": "bench-visit-leader",
                "lang": "zh_CN" if env["res.lang"]._lang_get("zh_CN") else "en_US",
                "group_ids": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("quality_feedback.group_qf_user").id,
                        ]
                    )
                ],
            }
        )
    )
    env.company.qf_visit_leader_id = leader
    customers = env["res.partner"].create(
        [{"name": f"Bench Customer {n}", "is_company": True} for n in range(CUSTOMERS)]
    )
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    return customers, warehouse.out_type_id


def insert_deliveries(env, size, customers, out_type, every=100):
    """``size`` done deliveries: every ``every``-th 8 months old (due), the others
    two years old or one month old; copied set-based from one ORM-made delivery."""
    template = env["stock.picking"].create(
        {
            "picking_type_id": out_type.id,
            "partner_id": customers[0].id,
            "location_id": out_type.default_location_src_id.id,
            "location_dest_id": env.ref("stock.stock_location_customers").id,
        }
    )
    env.flush_all()
    now = datetime.now().replace(microsecond=0)
    env.cr.execute(
        SQL(
            """
            INSERT INTO stock_picking
                (name, picking_type_id, location_id, location_dest_id, company_id,
                 move_type, state, priority, scheduled_date, date_done, partner_id,
                 create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/OUT/' || n, t.picking_type_id, t.location_id,
                   t.location_dest_id, t.company_id, t.move_type, 'done', '0',
                   done, done, (%(customers)s)[1 + n %% %(k)s],
                   %(user)s, %(user)s, done, done
              FROM stock_picking t,
                   generate_series(1, %(size)s) AS n,
                   LATERAL (SELECT CASE WHEN n %% %(every)s = 0 THEN %(due)s
                                        WHEN n %% 2 = 0 THEN %(old)s
                                        ELSE %(recent)s END
                                   - (n %% 20) * interval '1 day' AS done) d
             WHERE t.id = %(template)s
            """,
            customers=customers.ids,
            k=CUSTOMERS,
            user=env.uid,
            size=size,
            template=template.id,
            every=every,
            due=now - relativedelta(months=8),
            old=now - relativedelta(years=2),
            recent=now - relativedelta(months=1),
        )
    )
    env.cr.execute("DELETE FROM stock_picking WHERE id = %s", [template.id])
    env.invalidate_all()
    env.cr.execute("ANALYZE stock_picking")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--deliveries", type=int, default=100000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)

    runs = []
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        visits = env["quality.visit"]
        # Settle what is already due in the database (demo data), unmeasured.
        visits._qf_plan_delivery_visits()
        customers, out_type = setup(env)
        cr.execute("SAVEPOINT bench_data")
        # A first pass of 1,000 deliveries fills the registry caches: not printed.
        # 10,000 with 10 % due plan as many visits as 100,000 with 1 %: the same
        # queries, whatever the number of deliveries.
        cases = [(1000, 100), (10000, 100), (10000, 10)]
        cases += [(size, 100) for size in sorted({100000, args.deliveries})]
        for size, every in cases:
            insert_deliveries(env, size, customers, out_type, every)
            cr.execute("SAVEPOINT bench_run")
            memory = measure(env, visits._qf_plan_delivery_visits, memory=True)
            cr.execute("ROLLBACK TO SAVEPOINT bench_run")
            env.invalidate_all()
            first = measure(env, visits._qf_plan_delivery_visits)
            second = measure(env, visits._qf_plan_delivery_visits)
            if size != 1000:
                runs.append((size, every, first, memory[2], second))
            cr.execute("ROLLBACK TO SAVEPOINT bench_data")
            env.invalidate_all()
        cr.rollback()

    print(
        "| done deliveries | due | 1st run: planned | s | queries | peak KiB "
        "| 2nd run: planned | s | queries |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, every, first, peak, second in runs:
        print(
            f"| {size:,} | {100 / every:.0f} % | {len(first[2]):,} | {first[0]:.3f} "
            f"| {first[1]} | {peak:,.0f} | {len(second[2])} | {second[0]:.3f} "
            f"| {second[1]} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory of the process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
