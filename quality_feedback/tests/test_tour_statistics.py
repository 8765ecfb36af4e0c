# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import QualityFeedbackCase


@tagged("post_install", "-at_install", "qf_tour")
class TestTourStatistics(QualityFeedbackCase, HttpCase):
    """A quality officer opens the statistics (graph, pivot) and prints both
    workbooks from the browser through report_xlsx's download route (a failed
    download shows an error dialog, which fails the tour)."""

    def test_officer_reads_statistics_and_prints_the_ledger(self):
        self._accept(self._new_complaint())
        self.start_tour(
            "/odoo/action-quality_feedback.action_quality_complaint_statistics",
            "quality_feedback_statistics",
            login=self.user_officer.login,
        )
