# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""R-X4: what the addons write for someone (activities, notes, messages) is written
in that reader's language and time zone, whoever or whatever (a scheduled action run
as OdooBot, a colleague's button) writes it."""

from odoo import fields
from odoo.tools import format_datetime


def qf_for_reader(records, reader):
    """``records`` in the language and time zone of ``reader`` (a user or a
    partner): ``qf_for_reader(rec, user).env._(...)`` translates for him."""
    return records.with_context(lang=reader.lang or "en_US", tz=reader.tz or "UTC")


def qf_for_company(records, company=None):
    """``records`` in the language and time zone of the company's partner: a note in
    a record's chatter has no single reader, so it is written in the company's
    language (the record's company, else the current one)."""
    if not company and "company_id" in records._fields:
        company = records[:1].company_id
    company = company or records.env.company
    return qf_for_reader(records, company.partner_id)


def qf_datetime(env, value):
    """``value`` (UTC) as the reader of ``env`` (see ``qf_for_reader``) reads it:
    his language's format, his time zone (not the user running the code)."""
    return format_datetime(env, value, tz=env.context.get("tz") or "UTC")


def qf_reader_today(records, reader, value=None):
    """The date of ``value`` (default: now) in ``reader``'s time zone: the due date
    of an activity for him."""
    return fields.Date.context_today(
        records.with_context(tz=reader.tz or "UTC"), timestamp=value
    )
