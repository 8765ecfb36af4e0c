# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import TranslationCase


class TestTranslations(TranslationCase):
    def test_zh_cn_complete(self):
        self.assertFullyTranslated("quality_feedback")
