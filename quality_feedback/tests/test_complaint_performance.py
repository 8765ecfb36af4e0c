# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.tests import tagged

from .common import QualityFeedbackCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestComplaintQueryCount(QualityFeedbackCase):
    """Creating a complaint costs at most 1.5x the queries of a plain helpdesk ticket,
    its number, its four deadlines on the working calendar included."""

    def _count_queries(self, create):
        create()  # warm the caches of both paths
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        create()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_create_complaint_query_count(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "IT support"})
        tickets = self.env["helpdesk.ticket"].with_user(self.user_officer)

        def plain():
            tickets.create(
                {
                    "name": "Printer",
                    "description": "x",
                    "team_id": other_team.id,
                    "partner_id": self.customer.id,
                    "product_id": self.product.id,
                }
            )

        def complaint():
            tickets.create(
                {
                    "name": "Leak",
                    "description": "x",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "product_id": self.product.id,
                    "qty_affected": 2,
                }
            )

        plain_count = self._count_queries(plain)
        complaint_count = self._count_queries(complaint)
        _logger.info(
            "Queries to create a ticket: plain %s, complaint %s",
            plain_count,
            complaint_count,
        )
        self.env.invalidate_all()
        # 18: helpdesk_mgmt_rating's stored rating figures of a new ticket cost two.
        with self.assertQueryCount(18):
            complaint()
        self.assertLessEqual(
            complaint_count,
            1.5 * plain_count,
            f"complaint: {complaint_count} queries, plain ticket: {plain_count}",
        )
