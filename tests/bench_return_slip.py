"""Benchmark of a big return slip (SPEC R-501..R-506, issue #7).

A customer bought and received 200 products; a 200-line return slip is created from
the complaint, confirmed, approved, received in the warehouse and credited. Each step
is timed and its SQL queries counted; the receipt plus the credit note are the
figure the issue sets a target for (2 s). Everything happens in one transaction that
is rolled back at the end.

    scripts/bench.sh tests/bench_return_slip.py [--lines 200]
"""

import argparse
import cProfile
import pstats
import resource
import time

import odoo
from odoo import Command, api, sql_db
from odoo.tools import config


def new_user(env, login, groups):
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login,
                "login": login,
                "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
        )
    )


def delivered_and_invoiced_order(env, customer, size):
    """A confirmed, delivered and invoiced order of ``size`` storable products."""
    products = env["product.product"].create(
        [
            {"name": f"Bench part {n}", "is_storable": True, "list_price": 50}
            for n in range(size)
        ]
    )
    stock = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    for product in products:
        env["stock.quant"]._update_available_quantity(product, stock.lot_stock_id, 10)
    order = env["sale.order"].create(
        {
            "partner_id": customer.id,
            "order_line": [
                Command.create(
                    {"product_id": product.id, "product_uom_qty": 5, "price_unit": 50}
                )
                for product in products
            ],
        }
    )
    order.action_confirm()
    for move in order.picking_ids.move_ids:
        move.quantity = move.product_uom_qty
    order.picking_ids.move_ids.picked = True
    order.picking_ids.button_validate()
    invoice = order._create_invoices()
    invoice.action_post()
    return order


def measure(env, step, profile=False):
    """Runs ``step`` and returns (seconds, queries), the writes flushed; with
    ``profile``, prints where the time went (the figures then include its overhead)."""
    env.invalidate_all()
    profiler = cProfile.Profile() if profile else None
    queries = sql_db.sql_counter
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    step()
    env.flush_all()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return time.perf_counter() - started, sql_db.sql_counter - queries


def run(env, size, profile=()):
    officer = new_user(
        env, "bench-officer", ["base.group_user", "quality_feedback.group_qf_officer"]
    )
    sales = new_user(
        env,
        "bench-sales",
        [
            "base.group_user",
            "quality_feedback.group_qf_user",
            "sales_team.group_sale_salesman_all_leads",
        ],
    )
    approver = new_user(
        env,
        "bench-approver",
        [
            "base.group_user",
            "sales_team.group_sale_manager",
            "quality_feedback.group_qf_chairman",
        ],
    )
    warehouse = new_user(
        env, "bench-warehouse", ["base.group_user", "stock.group_stock_user"]
    )
    finance = new_user(
        env, "bench-finance", ["base.group_user", "account.group_account_invoice"]
    )
    customer = env["res.partner"].create(
        {"name": "Bench Customer", "is_company": True, "user_id": sales.id}
    )
    order = delivered_and_invoiced_order(env, customer, size)
    complaint = env["helpdesk.ticket"].create(
        {
            "name": "Bench complaint",
            "description": "Many parts back",
            "team_id": env.ref("quality_feedback.team_quality_complaints").id,
            "partner_id": customer.id,
            "sale_order_id": order.id,
        }
    )
    slip = env["quality.return.slip"]
    figures = {}

    def create():
        nonlocal slip
        slip = (
            env["quality.return.slip"]
            .with_user(sales)
            .create(
                {
                    "partner_id": customer.id,
                    "ticket_id": complaint.id,
                    "sale_order_id": order.id,
                    "reason": "quality",
                    "line_ids": [
                        Command.create(
                            {
                                "sale_line_id": line.id,
                                "product_id": line.product_id.id,
                                "qty_requested": 2,
                                "price_unit": line.price_unit,
                            }
                        )
                        for line in order.order_line
                    ],
                }
            )
        )

    def approve():
        slip.with_user(officer).action_confirm()
        slip.with_user(sales).action_request_approval()
        request = slip.compensation_id.with_user(approver)
        while request.state == "to_approve":
            request.validate_tier()

    def receive():
        # Goods from a customer need no reservation: the receipt proposes the
        # approved quantities and the warehouse validates, as in the browser tour.
        slip.picking_ids.with_user(warehouse).button_validate()

    def credit():
        slip.with_user(finance).action_create_credit_note()

    for name, step in (
        ("create (lines proposed, quantities checked)", create),
        ("confirm, request and approve", approve),
        ("receive in the warehouse", receive),
        ("credit note", credit),
    ):
        figures[name] = measure(env, step, step.__name__ in profile)
    assert slip.state == "received", slip.state
    assert len(slip.credit_note_ids.invoice_line_ids) == size

    # The same work without the addon, for comparison: Odoo's own cost.
    vendor_receipt = plain_receipt(env, order.order_line.product_id)
    figures["Odoo alone: the same receipt from a vendor"] = measure(
        env, vendor_receipt.with_user(warehouse).button_validate
    )
    figures["Odoo alone: the same credit note typed in"] = measure(
        env, lambda: plain_credit_note(env(user=finance), order)
    )
    return figures


def plain_receipt(env, products):
    """A confirmed receipt of two pieces of each product from a vendor."""
    picking_type = (
        env["stock.warehouse"]
        .search([("company_id", "=", env.company.id)], limit=1)
        .in_type_id
    )
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "partner_id": env.ref("base.main_partner").id,
            "move_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 2,
                        "location_id": picking_type.default_location_src_id.id,
                        "location_dest_id": picking_type.default_location_dest_id.id,
                    }
                )
                for product in products
            ],
        }
    )
    picking.action_confirm()
    for move in picking.move_ids:
        move.quantity = 2
    return picking


def plain_credit_note(env, order):
    """A draft customer credit note of two pieces of each order line."""
    env["account.move"].create(
        {
            "move_type": "out_refund",
            "partner_id": order.partner_id.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "quantity": 2,
                        "price_unit": line.price_unit,
                        "tax_ids": [Command.set(line.tax_ids.ids)],
                    }
                )
                for line in order.order_line
            ],
        }
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument(
        "--profile",
        nargs="+",
        default=(),
        choices=["create", "approve", "receive", "credit"],
        help="print a cProfile report of these steps",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        figures = run(env, args.lines, args.profile)
        cr.rollback()

    print(f"| {args.lines}-line return slip | s | queries |")
    print("|---|---:|---:|")
    for name, (seconds, queries) in figures.items():
        print(f"| {name} | {seconds:.3f} | {queries} |")
    settled = [figures["receive in the warehouse"], figures["credit note"]]
    print(
        f"| **received and credited** | **{sum(s for s, _q in settled):.3f}** "
        f"| **{sum(q for _s, q in settled)}** |"
    )
    for ours, odoo_alone in (
        ("receive in the warehouse", "Odoo alone: the same receipt from a vendor"),
        ("credit note", "Odoo alone: the same credit note typed in"),
    ):
        extra_seconds = figures[ours][0] - figures[odoo_alone][0]
        extra_queries = figures[ours][1] - figures[odoo_alone][1]
        print(
            f"\nThe addon adds {extra_seconds:+.3f} s and {extra_queries:+d} queries to "
            f"Odoo's own work for: {ours}",
            end="",
        )
    print()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of the process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
