# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import polib

from odoo.tests import new_test_user
from odoo.tools import file_open
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.base.tests.common import BaseCommon


class QualityFeedbackCase(BaseCommon):
    """Shared test base: one user per access level of SPEC R-1001."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_sales = cls._new_user("qf-sales", "group_qf_user")
        cls.user_department = cls._new_user("qf-department", "group_qf_department")
        cls.user_officer = cls._new_user("qf-officer", "group_qf_officer")
        cls.user_manager = cls._new_user("qf-manager", "group_qf_manager")
        cls.user_gm = cls._new_user("qf-gm", "group_qf_general_manager")
        cls.user_chairman = cls._new_user("qf-chairman", "group_qf_chairman")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Hangzhou Pump Works", "email": "buyer@hz-pump.example.com"}
        )

    @classmethod
    def _new_user(cls, login, group):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,quality_feedback.{group}",
        )


class TranslationCase(BaseCommon):
    """R-X1: every term an addon exports is translated in its i18n/zh_CN.po."""

    def assertFullyTranslated(self, module, lang="zh_CN"):
        sources = {
            row[4]
            for row in TranslationModuleReader(self.env.cr, [module])
            if row[0] == module and row[4]
        }
        self.assertTrue(sources, f"{module} exports no term at all")
        with file_open(f"{module}/i18n/{lang}.po", "rb") as po_file:
            catalog = polib.pofile(po_file.read().decode())
        translated = {entry.msgid for entry in catalog if entry.msgstr}
        missing = sorted(sources - translated)
        self.assertFalse(
            missing,
            f"{len(missing)} terms of {module} lack a {lang} translation "
            f"(run scripts/i18n.sh, then fill in i18n/{lang}.po): {missing[:20]}",
        )
