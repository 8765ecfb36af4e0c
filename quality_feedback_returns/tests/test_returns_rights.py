# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class TestReturnsRights(BaseCommon):
    """R-502 / R-1001: the R&D head group exists on top of the quality levels, and the
    returns addon brings the stock valuation it settles credit notes with."""

    def test_rnd_head_is_a_department_handler(self):
        rnd_head = new_test_user(
            self.env,
            login="qf-rnd-head",
            groups="quality_feedback_returns.group_qf_rnd_head",
        )
        self.assertTrue(rnd_head.has_group("quality_feedback.group_qf_department"))
        self.assertFalse(rnd_head.has_group("quality_feedback.group_qf_officer"))

    def test_dependencies_installed(self):
        installed = self.env["ir.module.module"].search(
            [
                ("name", "in", ["stock_account", "quality_feedback"]),
                ("state", "=", "installed"),
            ]
        )
        self.assertEqual(len(installed), 2)
