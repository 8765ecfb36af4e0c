# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .pdf_common import pdf_text
from .test_compensation import CompensationCase


class TestAllowanceCertificate(CompensationCase):
    """R-907: the allowance certificate (销货折让证明单) printed like the paper form,
    in two copies (一式二联), with the (deputy) general manager's signature line and
    a box for the customer's stamp."""

    def test_two_labelled_copies_in_chinese(self):
        self.user_sales.lang = "zh_CN"
        request = self._request(3005.5)
        report = self.env.ref(
            "quality_feedback.action_report_allowance_certificate"
        ).with_user(self.user_sales)
        pages = pdf_text(report.with_context(lang="zh_CN"), request.ids)
        self.assertEqual(len(pages), 2)
        text = "".join(pages)
        self.assertEqual(text.count("销货折让证明单"), 2)
        self.assertEqual(text.count("第一联"), 1)
        self.assertEqual(text.count("第二联"), 1)
        self.assertIn("第一联", pages[0])
        self.assertIn("第二联", pages[1])
        for page in pages:
            self.assertIn(request.name, page)
            self.assertIn("叁仟零伍元伍角", page)
            self.assertIn("总经理/副总经理签字", page)
            self.assertIn("客户盖章", page)
