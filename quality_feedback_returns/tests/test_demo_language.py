# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.quality_feedback.tests.test_demo_language import DemoTextCase


@tagged("post_install", "-at_install")
class TestReturnDemoLanguage(DemoTextCase):
    def test_demo_texts_have_chinese(self):
        """Issue #15: the return slip of the demo reads in Chinese in a zh_CN database."""
        self.assertDemoTextsTranslated("quality_feedback_returns")
        slip = self.env.ref("quality_feedback_returns.return_slip_cabinets")
        self.assertTrue(slip.basis.startswith("12个柜子的抽屉滑轨卡滞"))
