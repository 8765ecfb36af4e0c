# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from freezegun import freeze_time
from psycopg2 import errors

from odoo import api, sql_db
from odoo.tests import tagged

from .common import QualityFeedbackCase


class TestComplaintNumbering(QualityFeedbackCase):
    """R-104: prefix + YYMM + serial restarting each month, unique per company."""

    def test_number_restarts_every_month(self):
        with freeze_time("2031-03-31 10:00:00"):
            march_1 = self._new_complaint()
            march_2 = self._new_complaint()
        with freeze_time("2031-04-01 09:00:00"):
            april_1 = self._new_complaint()
        self.assertEqual(march_1.number, "QF3103-0001")
        self.assertEqual(march_2.number, "QF3103-0002")
        self.assertEqual(april_1.number, "QF3104-0001")
        self.assertEqual(april_1.display_name, "QF3104-0001 - Pump leaks at the flange")

    def test_plain_tickets_keep_helpdesk_numbers(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Printer", "description": "x"}
        )
        self.assertFalse(ticket.is_complaint)
        self.assertTrue(ticket.number.startswith("HT"))

    def test_numbers_per_company_and_configurable_prefix(self):
        other_company = self.env["res.company"].create(
            {"name": "Suzhou Branch", "qf_complaint_prefix": "SZ"}
        )
        self.assertTrue(other_company.qf_complaint_sequence_id)
        other_team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Suzhou Complaints",
                "company_id": other_company.id,
                "is_quality_feedback": True,
            }
        )
        with freeze_time("2031-05-10 10:00:00"):
            main = self._new_complaint()
            branch = self._new_complaint(
                team_id=other_team.id, company_id=other_company.id
            )
        self.assertEqual(main.number, "QF3105-0001")
        self.assertEqual(branch.number, "SZ3105-0001")
        self.assertEqual(branch.stage_id.qf_state, "registered")

        self.env.company.qf_complaint_prefix = "KS"
        with freeze_time("2031-05-11 10:00:00"):
            self.assertEqual(self._new_complaint().number, "KS3105-0002")

    def test_copy_keeps_complaint_numbering(self):
        with freeze_time("2031-06-02 10:00:00"):
            original = self._new_complaint()
            copy = original.copy()
        self.assertEqual(copy.number, "QF3106-0002")

    def test_duplicate_number_refused_by_database(self):
        complaint = self._new_complaint()
        with self.assertRaises(errors.UniqueViolation), self.cr.savepoint():
            self._new_complaint(number=complaint.number)


@tagged("post_install", "-at_install")
class TestComplaintNumberingConcurrency(QualityFeedbackCase):
    """Two transactions registering complaints at once, in a month that has no
    numbers yet, never get the same number (R-104). Runs on real, committed
    transactions; the records it commits are removed afterwards."""

    def test_concurrent_creations_get_distinct_numbers(self):
        dbname = self.env.cr.dbname
        team_id, partner_id = self.team.id, self.env.ref("base.res_partner_2").id
        barrier = threading.Barrier(2)
        numbers, failures = [], []

        def register(index):
            barrier.wait()
            for _attempt in range(3):  # Odoo retries serialization failures likewise
                try:
                    with sql_db.db_connect(dbname).cursor() as cr:
                        env = api.Environment(cr, api.SUPERUSER_ID, {})
                        ticket = env["helpdesk.ticket"].create(
                            {
                                "name": f"Concurrent complaint {index}",
                                "description": "x",
                                "team_id": team_id,
                                "partner_id": partner_id,
                            }
                        )
                        numbers.append((ticket.id, ticket.number))
                    return
                except errors.SerializationFailure:
                    continue
                except Exception as error:
                    failures.append(error)
                    return

        with freeze_time("2039-12-15 10:00:00"):
            threads = [threading.Thread(target=register, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        self.addCleanup(
            self._remove_committed, dbname, [ticket_id for ticket_id, _ in numbers]
        )

        self.assertFalse(failures)
        self.assertEqual(len(numbers), 2)
        self.assertEqual(
            sorted(number for _, number in numbers), ["QF3912-0001", "QF3912-0002"]
        )

    def _remove_committed(self, dbname, ticket_ids):
        with sql_db.db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(ticket_ids).unlink()
            env["ir.sequence.date_range"].search(
                [("date_from", "=", "2039-12-01")]
            ).unlink()
