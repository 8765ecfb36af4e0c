# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.quality_feedback.tests.pdf_common import pdf_text

from .common import ReturnsCase


class TestReturnSlipReport(ReturnsCase):
    """R-907: the return slip (退货单) printed like the paper form, in three copies
    (一式三联) for sales, the finished-goods store and finance, one page each."""

    def test_three_labelled_copies_in_chinese(self):
        self.user_sales.lang = "zh_CN"
        slip = self._slip(4, user=self.user_sales, basis="Inspection report QR-7")
        report = self.env.ref(
            "quality_feedback_returns.action_report_return_slip"
        ).with_user(self.user_sales)
        pages = pdf_text(report.with_context(lang="zh_CN"), slip.ids)
        self.assertEqual(len(pages), 3)
        labels = ["第一联 销售部", "第二联 成品库", "第三联 财务部"]
        text = "".join(pages)
        for page, label in zip(pages, labels, strict=True):
            self.assertEqual(text.count(label), 1, label)
            self.assertIn(label, page)
            self.assertIn("退货单", page)
            self.assertIn(slip.name, page)
            self.assertIn(self.pump.name, page)
            self.assertIn("质量问题", page)
