# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from .common import QualityFeedbackCase


class SlipCase(QualityFeedbackCase):
    """Internal feedback (SPEC C7): a welding team, the production workshop and the
    quality office one above the other (R-704), the warehouse as a third department.
    The calendar works 8-12 and 13-17 UTC, Monday to Friday; Monday 10 March 2025 is
    a public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {"name": "Factory 8-17, UTC", "tz": "UTC", "hours_per_day": 8}
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2025, 3, 10, 0, 0),
                "date_to": datetime(2025, 3, 10, 23, 59),
            }
        )
        cls.env.company.write(
            {
                "qf_calendar_id": calendar.id,
                "qf_risk_share": 80,
                "qf_escalation_factor": 1,
                "qf_slip_immediate_hours": 4,
            }
        )
        cls.user_team = cls._new_user("qf-welder", "group_qf_department")
        cls.user_production = cls._new_user("qf-workshop", "group_qf_department")
        cls.user_quality = cls._new_user("qf-quality-clerk", "group_qf_department")
        cls.user_warehouse = cls._new_user("qf-storekeeper", "group_qf_department")
        Department = cls.env["quality.department"]
        cls.department_team = Department.create(
            {
                "name": "Welding Team",
                "qf_slip_level": "team",
                "member_ids": [(6, 0, cls.user_team.ids)],
            }
        )
        cls.department_production.write(
            {
                "qf_slip_level": "workshop",
                "manager_id": cls.user_production.id,
                "member_ids": [(6, 0, [])],
            }
        )
        cls.department_quality = cls.env.ref("quality_feedback.department_quality")
        cls.department_quality.write(
            {
                "qf_slip_level": "quality",
                "manager_id": cls.user_manager.id,
                "member_ids": [(6, 0, cls.user_quality.ids)],
            }
        )
        cls.department_warehouse = cls.env.ref("quality_feedback.department_warehouse")
        cls.department_warehouse.write(
            {
                "qf_slip_level": "workshop",
                "manager_id": False,
                "member_ids": [(6, 0, cls.user_warehouse.ids)],
            }
        )
        cls.Slip = cls.env["quality.feedback.slip"]

    def _new_slip(self, user=None, **values):
        user = user or self.user_team
        department = (
            self.department_team
            if user == self.user_team
            else self.department_warehouse
        )
        return self.Slip.with_user(user).create(
            {
                "sender_department_id": department.id,
                "department_id": self.department_production.id,
                "subject": "Weld seams of lot 2503-B crack",
                "description": "<p>Three frames cracked at the seam in testing.</p>",
                **values,
            }
        )

    def _sent_slip(self, at="2025-03-07 09:00:00", **values):
        """A slip of the welding team to production, sent on Friday 9:00."""
        with freeze_time(at):
            slip = self._new_slip(**values)
            slip.action_send()
        return slip

    def _answer_deadline(self, slip):
        return slip.deadline_ids.filtered(lambda d: d.kind == "slip_answer")
