# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import errors

from odoo.exceptions import UserError
from odoo.tools import SQL


def qf_lock_for_update(records, busy_message):
    """Lock the rows of ``records`` before anything is read or created for them, so
    that two users acting at once cannot both settle or credit the same record. The
    second one gets ``busy_message`` at once (NOWAIT) instead of waiting; the
    records' cache is dropped so that what follows reads the locked rows."""
    try:
        with records.env.cr.savepoint():
            records.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                    SQL.identifier(records._table),
                    records.ids,
                )
            )
    except errors.LockNotAvailable as error:
        raise UserError(busy_message) from error
    records.invalidate_recordset()
