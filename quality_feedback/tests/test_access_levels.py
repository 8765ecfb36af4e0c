# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools

from .common import QualityFeedbackCase

LEVELS = [
    "group_qf_user",
    "group_qf_department",
    "group_qf_officer",
    "group_qf_manager",
    "group_qf_general_manager",
    "group_qf_chairman",
]


class TestAccessLevels(QualityFeedbackCase):
    """R-1001: six access levels in one chain, mapped onto the helpdesk rights."""

    def test_levels_form_one_chain(self):
        groups = [self.env.ref(f"quality_feedback.{xmlid}") for xmlid in LEVELS]
        privilege = self.env.ref("quality_feedback.privilege_quality_feedback")
        self.assertEqual(set(privilege.group_ids.ids), {group.id for group in groups})
        for lower, higher in itertools.pairwise(groups):
            self.assertIn(
                lower,
                higher.all_implied_ids,
                f"{higher.name} must include {lower.name}",
            )
            self.assertNotIn(higher, lower.all_implied_ids)

    def test_helpdesk_rights_follow_the_level(self):
        own = self.env.ref("helpdesk_mgmt.group_helpdesk_user_own")
        everything = self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.assertTrue(
            self.user_sales.has_group("helpdesk_mgmt.group_helpdesk_user_own")
        )
        self.assertFalse(self.user_sales.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(
            self.user_officer.has_group("helpdesk_mgmt.group_helpdesk_user")
        )
        self.assertIn(own, self.user_department.all_group_ids)
        self.assertNotIn(everything, self.user_department.all_group_ids)

    def test_sales_user_opens_and_reads_his_ticket(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_sales)
            .create(
                {
                    "name": "Pump leaks at the flange",
                    "description": "Customer reports a leak after two weeks.",
                    "partner_id": self.customer.id,
                    "user_id": self.user_sales.id,
                }
            )
        )
        self.assertEqual(
            ticket.with_user(self.user_sales).read(["name"])[0]["name"],
            "Pump leaks at the flange",
        )

    def test_admin_is_quality_manager(self):
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "quality_feedback.group_qf_manager"
            )
        )
