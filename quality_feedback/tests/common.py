# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

import polib

from odoo import api, sql_db
from odoo.tests import new_test_user
from odoo.tools import file_open
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.base.tests.common import BaseCommon


@contextmanager
def two_transactions(dbname):
    """Two real, separate transactions on the database, as superuser, for the tests of
    concurrent users; whatever they leave uncommitted is rolled back at the end."""
    cursors = [sql_db.db_connect(dbname).cursor() for _i in range(2)]
    try:
        yield tuple(api.Environment(cr, api.SUPERUSER_ID, {}) for cr in cursors)
    finally:
        for cr in cursors:
            cr.rollback()
            cr.close()


class QualityFeedbackCase(BaseCommon):
    """Shared test base: one user per access level of SPEC R-1001, two customers with
    a portal user each, a product with a lot, and the quality complaints team."""

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
            {
                "name": "Hangzhou Pump Works",
                "email": "buyer@hz-pump.example.com",
                "is_company": True,
                "user_id": cls.user_sales.id,
            }
        )
        cls.other_customer = cls.env["res.partner"].create(
            {
                "name": "Ningbo Valve Co.",
                "email": "qa@nb-valve.example.com",
                "is_company": True,
            }
        )
        cls.portal_user = cls._new_portal_user("qf-portal-customer", cls.customer)
        cls.other_portal_user = cls._new_portal_user(
            "qf-portal-other", cls.other_customer
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Centrifugal Pump CP-40", "is_storable": True, "tracking": "lot"}
        )
        cls.lot = cls.env["stock.lot"].create(
            {"name": "LOT-2611-A", "product_id": cls.product.id}
        )
        cls.team = cls.env.ref("quality_feedback.team_quality_complaints")
        cls.category = cls.env["helpdesk.ticket.category"].create({"name": "Leakage"})
        cls.department_production = cls.env.ref(
            "quality_feedback.department_production"
        )
        cls.department_rnd = cls.env.ref("quality_feedback.department_rnd")

    @classmethod
    def _new_user(cls, login, group, extra_groups=""):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,quality_feedback.{group}{extra_groups}",
        )

    @classmethod
    def _new_portal_user(cls, login, customer):
        """A portal user (password = login) who is a contact of ``customer``."""
        user = new_test_user(cls.env, login=login, groups="base.group_portal")
        user.partner_id.parent_id = customer
        return user

    @classmethod
    def _new_complaint(cls, user=None, **values):
        vals = {
            "name": "Pump leaks at the flange",
            "description": "Leak after two weeks of operation.",
            "team_id": cls.team.id,
            "partner_id": cls.customer.id,
            "product_id": cls.product.id,
            "qty_affected": 2,
            **values,
        }
        tickets = cls.env["helpdesk.ticket"]
        if user:
            tickets = tickets.with_user(user)
        return tickets.create(vals)

    def _accept(self, complaint, **classification):
        self._classify(complaint, **classification)
        complaint.with_user(self.user_officer).action_qf_accept()

    def _add_verified_action(self, complaint):
        """CAPA line done and verified effective, so that a quality complaint may close."""
        action = self.env["quality.action"].create(
            {"ticket_id": complaint.id, "name": "Tighten the flange torque check"}
        )
        action.action_mark_done()
        action.with_user(self.user_officer).action_verify_effective()
        return action

    def _classify(self, complaint, **values):
        complaint.with_user(self.user_officer).write(
            {
                "info_class": "feedback",
                "abnormality_type": "quality",
                "severity": "major",
                "category_id": self.category.id,
                **values,
            }
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
