# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly numbers (SL2612-0001, FR2612-0001, HF2612-0001) of the records the
addons number themselves: slips, field reports, visits."""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL


def qf_number_records(records, code):
    """Give each of ``records`` (just created) the next number of the sequence
    ``code`` of its company, as superuser: the number is guarded."""
    for company, group in records.grouped("company_id").items():
        numbers = qf_next_numbers(records.env, code, company, len(group))
        for record, number in zip(group, numbers, strict=True):
            # sudo: the number is guarded; sequences are technical records.
            record.sudo().name = number


def qf_next_numbers(env, code, company, count):
    """``count`` numbers of the monthly sequence ``code`` of ``company``: the first
    through the sequence (it opens the month's range), the others in one query."""
    # sudo: sequences are technical records.
    sequence = (
        env["ir.sequence"]
        .sudo()
        .search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
    )
    if not sequence:
        raise UserError(env._("The numbering sequence %(code)s is missing.", code=code))
    numbers = [sequence._next()]
    today = fields.Date.today()  # as ir.sequence picks its range
    date_range = sequence.date_range_ids.filtered(
        lambda r: r.date_from <= today <= r.date_to
    )[:1]
    if count == 1 or sequence.implementation != "standard" or not date_range:
        return numbers + [sequence._next() for __ in range(count - 1)]
    rows = env.execute_query(
        SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}",
            count - 1,
        )
    )
    prefixed = sequence.with_context(ir_sequence_date_range=date_range.date_from)
    return numbers + [prefixed.get_next_char(row[0]) for row in rows]
