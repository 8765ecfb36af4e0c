# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #15 (item 7): the demo reads as the Chinese furniture manufacturer for a user
who works in zh_CN, and keeps its English for en_US users and English databases."""

import ast
import re
from pathlib import Path
from unittest.mock import patch

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

from ..models.quality_demo_text import _qf_demo_catalog

_QF_TEXT_CALL = re.compile(r"_qf_text\(('(?:[^'\\]|\\.)*')(?:,\s*('\w+'))?\)")


def qf_demo_text_calls(module):
    """(text, module) of every ``_qf_text(...)`` call in the demo XML of ``module``."""
    calls = []
    for path in sorted(Path(file_path(f"{module}/demo")).glob("*.xml")):
        for node in etree.parse(str(path)).iter("field", "value"):
            for text, text_module in _QF_TEXT_CALL.findall(node.get("eval") or ""):
                calls.append(
                    (
                        ast.literal_eval(text),
                        ast.literal_eval(text_module) if text_module else module,
                    )
                )
    return calls


class DemoTextCase(TransactionCase):
    def assertDemoTextsTranslated(self, module):
        """Every text the demo of ``module`` writes has its Chinese, and the catalog
        holds no entry the demo does not use."""
        calls = qf_demo_text_calls(module)
        self.assertTrue(calls)
        catalog = _qf_demo_catalog(file_path(f"{module}/demo/zh_CN.po"))
        self.assertEqual({m for _text, m in calls}, {module})
        self.assertEqual(
            [text for text, _m in calls if text not in catalog],
            [],
            "demo texts without Chinese in demo/zh_CN.po",
        )
        self.assertEqual(
            set(catalog) - {text for text, _m in calls},
            set(),
            "entries of demo/zh_CN.po no demo record uses",
        )


@tagged("post_install", "-at_install")
class TestDemoLanguage(DemoTextCase):
    def test_demo_texts_have_chinese(self):
        self.assertDemoTextsTranslated("quality_feedback")

    def test_demo_free_texts_in_chinese(self):
        """Installed with zh_CN active: plain fields hold the Chinese texts, from the
        records' fields to the texts the workflow methods received (an answer, the
        committee's decision) and what they derive from them (the service location
        named after its customer, the critical complaint's to-do)."""
        ref = self.env.ref
        complaint = ref("quality_feedback.complaint_investigating")
        self.assertTrue(complaint.name.startswith("椅座底盘开裂"))
        self.assertIn("客户装配线停线", complaint.description)
        self.assertEqual(complaint.production_operator, "赵强")
        self.assertEqual(ref("base.main_company").name, "杭州华丰家具有限公司")
        customer = ref("base.res_partner_4")
        self.assertEqual(customer.name, "上海瑞迪办公设备有限公司")
        self.assertEqual(
            (
                customer.country_id.code,
                customer.state_id.code,
                customer.city,
                customer.vat,
            ),
            ("CN", "沪", "上海", False),
        )
        self.assertTrue(ref("quality_feedback.user_qf_officer").name.startswith("李伟"))
        slip = ref("quality_feedback.slip_batch_rework")
        self.assertTrue(slip.answer.startswith("1号线砂带磨损"))
        self.assertTrue(slip.committee_review_ids.decision.startswith("60扇柜门返工"))
        order = ref("quality_feedback.service_order_other")
        self.assertEqual(order.location_id.name, "上海瑞迪办公设备有限公司")
        todo = complaint.activity_ids.filtered(
            lambda a: a.user_id == ref("quality_feedback.user_qf_director")
        )
        self.assertIn("椅座底盘开裂", str(todo.note))

    def test_people_and_company_work_in_chinese(self):
        """The company's language (notes without a single reader) and the demo's
        zh_CN users follow the demo language, in China's time zone."""
        for xmlid in (
            "base.main_partner",
            "quality_feedback.user_qf_officer",
            "quality_feedback.user_qf_manager",
            "quality_feedback.user_qf_gm",
        ):
            record = self.env.ref(xmlid)
            self.assertEqual((record.lang, record.tz), ("zh_CN", "Asia/Shanghai"))

    def test_translatable_records_follow_the_reader(self):
        """Departments, categories, stages, channels and products are read in each
        user's language: Chinese for zh_CN, English for en_US."""
        records = [
            (self.env.ref("quality_feedback.department_quality"), "品质部", "Quality"),
            (
                self.env.ref("quality_feedback.category_packaging"),
                "包装与运输",
                "Packaging and Transport",
            ),
            (self.env.ref("quality_feedback.stage_accepted"), "受理", "Accepted"),
            (
                self.env.ref("product.product_product_12").product_tmpl_id,
                "黑色办公椅子",
                "Office Chair Black",
            ),
        ]
        for record, chinese, english in records:
            self.assertEqual(record.with_context(lang="zh_CN").name, chinese)
            self.assertEqual(record.with_context(lang="en_US").name, english)

    def test_english_database_keeps_english(self):
        """Without an active language that has demo texts, the demo stays English;
        a text the catalog lacks is kept as written."""
        texts = self.env["quality.demo.text"]
        self.assertEqual(texts._qf_text("Ready Mat"), "上海瑞迪办公设备有限公司")
        self.assertEqual(texts._qf_text("Not a demo text"), "Not a demo text")
        with patch.object(
            type(self.env["res.lang"]),
            "get_installed",
            return_value=[("en_US", "English (US)")],
        ):
            self.assertEqual(texts._qf_demo_lang(), "en_US")
            self.assertEqual(texts._qf_text("Ready Mat"), "Ready Mat")
            self.assertEqual(texts._qf_demo_value("上海", "Tracy"), "Tracy")
        self.assertEqual(texts._qf_demo_value("上海", "Tracy"), "上海")
