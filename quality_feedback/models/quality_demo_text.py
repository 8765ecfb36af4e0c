# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo in the database's language (issue #15, R-X2).

Translatable records (departments, categories, stages, channels, products, the
survey) carry their Chinese in ``i18n/``: each user reads them in his language. The
demo's free texts (complaint titles and descriptions, customers' and staff's names,
answers, reports) are plain fields that hold one value. The demo XML writes them in
English, through ``obj()._qf_text('English text')``; ``demo/<lang>.po`` of the addon
holds the same texts in the customer's language, used when that language is active
at installation (``_qf_demo_value`` picks other values the same way: the customers'
addresses in China). A database with Chinese loaded thus reads as the Chinese
furniture manufacturer, one installed in English only keeps the English demo.
"""

import functools

import polib

from odoo import api, models
from odoo.tools.misc import file_path


@functools.cache
def _qf_demo_catalog(path):
    """msgid → msgstr of a demo text catalog, read once per process."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(path)
        if entry.msgstr and not entry.obsolete
    }


class QualityDemoText(models.AbstractModel):
    _name = "quality.demo.text"
    _description = "Demo Texts in the Database's Language"

    @api.model
    def _qf_demo_catalog_path(self, module, lang):
        try:
            return file_path(f"{module}/demo/{lang}.po")
        except FileNotFoundError:
            return None

    @api.model
    def _qf_demo_lang(self, module="quality_feedback"):
        """The first active language other than English for which ``module`` ships
        demo texts, else ``en_US``."""
        for code, _name in self.env["res.lang"].get_installed():
            if code != "en_US" and self._qf_demo_catalog_path(module, code):
                return code
        return "en_US"

    @api.model
    def _qf_demo_value(self, localized, default, module="quality_feedback"):
        """``localized`` (an address in China, a phone number) when the demo of
        ``module`` is not in English, else ``default``."""
        return default if self._qf_demo_lang(module) == "en_US" else localized

    @api.model
    def _qf_text(self, text, module="quality_feedback"):
        """``text`` in the demo language of ``module`` (unchanged in English or
        when the catalog has no entry for it)."""
        lang = self._qf_demo_lang(module)
        if lang == "en_US":
            return text
        path = self._qf_demo_catalog_path(module, lang)
        return _qf_demo_catalog(path).get(text, text)
