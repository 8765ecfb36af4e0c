"""Benchmark of internal feedback slips (SPEC R-701, issue #14).

One slip created and sent by a production handler to the quality department (number,
answer deadline on the working calendar, activities for the receiving handlers), next
to a plain helpdesk ticket created by a helpdesk user on a team that is not the
complaints' (target: at most 1.5 times the queries). Each path runs once unmeasured
first (registry caches); everything is rolled back.

    scripts/bench.sh tests/bench_feedback_slip.py
"""

import argparse
import time

import odoo
from odoo import api, sql_db
from odoo.tools import config


def measure(env, step):
    """(seconds, queries) of ``step``, its writes flushed."""
    env.invalidate_all()
    queries = sql_db.sql_counter
    started = time.perf_counter()
    step()
    env.flush_all()
    return time.perf_counter() - started, sql_db.sql_counter - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        ref = env.ref
        production = ref("quality_feedback.user_qf_production")
        quality = ref("quality_feedback.department_quality")
        helpdesk_user = ref("quality_feedback.user_qf_officer")
        team = env["helpdesk.ticket.team"].search(
            [("is_quality_feedback", "=", False)], limit=1
        ) or env["helpdesk.ticket.team"].create({"name": "Bench plain team"})

        def slip():
            env(user=production)["quality.feedback.slip"].create(
                {
                    "department_id": quality.id,
                    "subject": "Drawing revision missing on the shop floor",
                    "description": "<p>Revision C not released to the line.</p>",
                }
            ).action_send()

        def ticket():
            env(user=helpdesk_user)["helpdesk.ticket"].create(
                {
                    "name": "Drawing revision missing on the shop floor",
                    "description": "<p>Revision C not released to the line.</p>",
                    "team_id": team.id,
                }
            )

        slip()
        ticket()
        ours = measure(env, slip)
        plain = measure(env, ticket)
        cr.rollback()
    print("| one internal feedback slip | s | queries |")
    print("|---|---:|---:|")
    print(f"| created and sent by production | {ours[0]:.3f} | {ours[1]} |")
    print(f"| plain helpdesk ticket | {plain[0]:.3f} | {plain[1]} |")
    print(f"| ratio | {ours[0] / plain[0]:.2f} | {ours[1] / plain[1]:.2f} |")


if __name__ == "__main__":
    main()
