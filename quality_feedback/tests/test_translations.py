# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import TranslationCase


class TestTranslations(TranslationCase):
    def test_zh_cn_complete(self):
        self.assertFullyTranslated("quality_feedback")

    def test_helpdesk_terms_in_chinese(self):
        """i18n_extra/zh_CN.po translates the helpdesk addons, which ship no Chinese."""
        field = self.env["ir.model.fields"]._get("helpdesk.ticket", "user_id")
        self.assertEqual(field.with_context(lang="zh_CN").field_description, "负责人")
        menu = self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "服务台")
        stage = self.env.ref("quality_feedback.stage_accepted")
        self.assertEqual(stage.with_context(lang="zh_CN").name, "受理")

    def test_field_service_terms_in_chinese(self):
        """i18n_extra/zh_CN.po translates the field-service addons, which ship no
        Chinese."""
        field = self.env["ir.model.fields"]._get("fsm.order", "location_id")
        self.assertEqual(field.with_context(lang="zh_CN").field_description, "服务地点")
        menu = self.env.ref("fieldservice.root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "现场服务")
        stage = self.env.ref("fieldservice.fsm_stage_completed")
        self.assertEqual(stage.with_context(lang="zh_CN").name, "已完成")
        rating = self.env["ir.model.fields"]._get(
            "helpdesk.ticket", "positive_rate_percentage"
        )
        self.assertEqual(rating.with_context(lang="zh_CN").field_description, "好评率")
