"""Benchmark of the deadline enforcement cron (SPEC R-402, issue #5).

For 1k, 10k and 100k open complaints (inserted set-based, in a transaction that is
rolled back at the end), it times one enforcement pass with nothing to change and one
with 1 % of the complaints newly overdue, and counts their SQL queries.

    scripts/bench.sh tests/bench_deadline_enforcement.py [--sizes 1000 10000 100000]
"""

import argparse
import time
from datetime import datetime, timedelta

import odoo
from odoo import api, sql_db
from odoo.tools import SQL, config


def insert_complaints(env, size, now):
    """Open complaints under investigation, each with its four open deadlines due in
    a week, inserted with a few set-based statements."""
    team = env.ref("quality_feedback.team_quality_complaints")
    stage = team._qf_stage("investigating")
    partner = env.ref("base.main_partner")
    env.cr.execute(
        SQL(
            """
            INSERT INTO helpdesk_ticket
                (number, name, description, team_id, company_id, stage_id, is_complaint,
                 qf_state, partner_id, commercial_partner_id, user_id, priority, active,
                 qf_scope, date_received, date_registered, last_stage_update,
                 create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH-' || n, 'Benchmark complaint ' || n, '<p>x</p>', %(team)s,
                   %(company)s, %(stage)s, TRUE, 'investigating', %(partner)s, %(partner)s,
                   %(user)s, '1', TRUE, 'external', %(now)s, %(now)s, %(now)s,
                   %(user)s, %(user)s, %(now)s, %(now)s
              FROM generate_series(1, %(size)s) AS n
            RETURNING id
            """,
            team=team.id,
            company=team.company_id.id,
            stage=stage.id,
            partner=partner.id,
            user=env.uid,
            now=now,
            size=size,
        )
    )
    ticket_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL(
            """
            INSERT INTO quality_deadline
                (ticket_id, company_id, kind, user_id, manager_id, date_start,
                 date_deadline, date_risk, date_escalate, state, escalated, next_check,
                 create_uid, write_uid, create_date, write_date)
            SELECT t, %(company)s, kind, %(user)s, %(user)s, %(now)s,
                   %(now)s + interval '7 days', %(now)s + interval '5 days',
                   %(now)s + interval '14 days', 'on_time', FALSE,
                   %(now)s + interval '5 days', %(user)s, %(user)s, %(now)s, %(now)s
              FROM unnest(%(tickets)s) AS t,
                   unnest(ARRAY['first_answer', 'proposal', 'report', 'closure']) AS kind
            """,
            company=team.company_id.id,
            user=env.uid,
            now=now,
            tickets=ticket_ids,
        )
    )
    return ticket_ids


def make_overdue(env, ticket_ids, now):
    """1 % of the complaints: their closure deadline passed an hour ago."""
    late = ticket_ids[::100]
    env.cr.execute(
        SQL(
            """
            UPDATE quality_deadline
               SET date_start = %(now)s - interval '7 days',
                   date_risk = %(now)s - interval '2 days',
                   date_deadline = %(now)s - interval '1 hour',
                   date_escalate = %(now)s + interval '6 days',
                   state = 'at_risk',
                   next_check = %(now)s - interval '1 hour'
             WHERE ticket_id = ANY(%(late)s) AND kind = 'closure'
            """,
            now=now,
            late=late,
        )
    )
    return len(late)


def measure(env, now):
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    advanced = env["quality.deadline"]._qf_enforce(now=now)
    env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries, advanced


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)

    rows = []
    for size in args.sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            now = datetime.now().replace(microsecond=0)
            # Settle what is already due in the database (demo data), unmeasured.
            env["quality.deadline"]._qf_enforce(now=now)
            ticket_ids = insert_complaints(env, size, now)
            cr.execute("ANALYZE quality_deadline")
            idle = measure(env, now)
            late = make_overdue(env, ticket_ids, now)
            busy = measure(env, now + timedelta(seconds=1))
            rows.append((size, idle, late, busy))
            cr.rollback()

    print(
        "| open complaints | nothing due: s | queries | 1 % overdue: deadlines | s | queries |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size, idle, late, busy in rows:
        print(
            f"| {size:,} | {idle[0]:.3f} | {idle[1]} | {busy[2]} of {late} "
            f"| {busy[0]:.3f} | {busy[1]} |"
        )


if __name__ == "__main__":
    main()
