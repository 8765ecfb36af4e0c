# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .attack_common import HOSTILE_CONTEXT, AttackCase
from .slip_common import SlipCase

GUARDED = {
    "name": "IF0000-9999",
    "state": "answered",
    "level": "quality",
    "answer": "Nothing to do.",
    "answered_on": datetime(2025, 3, 7, 10),
    "answered_late": True,
    "date_deadline": datetime(2030, 1, 1),
    "date_sent": datetime(2025, 3, 1),
}
WATCHED = (
    "name",
    "state",
    "user_id",
    "level",
    "answer",
    "answered_by_id",
    "answered_on",
    "date_deadline",
    "department_id",
    "hop_ids",
)


class TestFeedbackSlipAttacks(SlipCase, AttackCase):
    """R-701/R-704 against any caller: guarded fields on create and write with
    hostile context keys, hops and deadlines written by the workflow only, the
    buttons of the sender and of the receiver."""

    def _guarded_values(self, slip=None):
        values = dict(
            GUARDED,
            user_id=self.user_production.id,
            answered_by_id=self.user_production.id,
        )
        values["hop_ids"] = [
            Command.create(
                {
                    "from_department_id": self.department_team.id,
                    "to_department_id": self.department_warehouse.id,
                    "level": "quality",
                    "user_id": self.user_team.id,
                    "date_from": datetime(2025, 3, 1),
                }
            )
        ]
        return values

    def test_guarded_fields_refused_on_create(self):
        Slip = self.attacker(self.Slip, self.user_team)
        for name, value in self._guarded_values().items():
            self.assertRefused(
                AccessError,
                lambda name=name, value=value: Slip.create(
                    {
                        "sender_department_id": self.department_team.id,
                        "department_id": self.department_production.id,
                        "subject": "Forged",
                        name: value,
                    }
                ),
                regex="change only through its buttons",
            )
        self.assertFalse(self.Slip.search([("subject", "=", "Forged")]))

    def test_guarded_defaults_dropped(self):
        defaults = {
            f"default_{name}": value
            for name, value in self._guarded_values().items()
            if name != "hop_ids"
        }
        slip = (
            self.attacker(self.Slip, self.user_team)
            .with_context(**defaults)
            .create(
                {
                    "sender_department_id": self.department_team.id,
                    "department_id": self.department_production.id,
                    "subject": "Defaults",
                }
            )
        )
        self.assertEqual(slip.state, "draft")
        self.assertEqual(slip.user_id, self.user_team)
        self.assertFalse(slip.answer or slip.level or slip.date_deadline)
        self.assertRegex(slip.name, r"^IF\d{4}-\d{4}$")

    def test_guarded_fields_refused_on_write(self):
        draft = self._new_slip()
        sent = self._sent_slip()
        for slip, user in (
            (draft, self.user_team),
            (sent, self.user_team),
            (sent, self.user_production),
        ):
            for name, value in self._guarded_values().items():
                self.assertRefused(
                    AccessError,
                    lambda slip=slip, user=user, name=name, value=value: self.attacker(
                        slip, user
                    ).write({name: value}),
                    records=slip,
                    fields=WATCHED,
                )

    def test_sent_slip_fixed(self):
        slip = self._sent_slip()
        for user in (self.user_team, self.user_production, self.user_officer):
            for values in (
                {"department_id": self.department_warehouse.id},
                {"subject": "Rewritten"},
                {"holds_production": True},
                {"difficulty": "difficult"},
            ):
                self.assertRefused(
                    UserError,
                    lambda user=user, values=values: self.attacker(slip, user).write(
                        values
                    ),
                    records=slip,
                    fields=(*WATCHED, "subject", "holds_production", "difficulty"),
                )

    def test_hops_and_deadlines_only_through_the_workflow(self):
        slip = self._sent_slip()
        hop = slip.hop_ids
        for user in (self.user_team, self.user_production, self.user_officer):
            Hop = self.attacker(self.env["quality.feedback.slip.hop"], user)
            self.assertRefused(
                AccessError,
                lambda Hop=Hop: Hop.create(
                    {
                        "slip_id": slip.id,
                        "from_department_id": self.department_production.id,
                        "to_department_id": self.department_warehouse.id,
                        "level": "quality",
                        "user_id": self.user_team.id,
                        "date_from": datetime(2025, 3, 8),
                    }
                ),
            )
            self.assertRefused(
                AccessError,
                lambda user=user: self.attacker(hop, user).write(
                    {"date_to": datetime(2025, 3, 8)}
                ),
                records=hop,
                fields=("date_to", "to_department_id"),
            )
            deadline = slip.deadline_ids
            self.assertRefused(
                AccessError,
                lambda user=user, deadline=deadline: self.attacker(
                    deadline, user
                ).write({"date_deadline": datetime(2030, 1, 1)}),
                records=deadline,
                fields=("date_deadline", "state"),
            )

    def test_sender_speaks_for_his_own_department_only(self):
        Slip = self.attacker(self.Slip, self.user_warehouse)
        self.assertRefused(
            AccessError,
            lambda: Slip.create(
                {
                    "sender_department_id": self.department_production.id,
                    "department_id": self.department_quality.id,
                    "subject": "Impersonated",
                }
            ),
            regex="do not belong",
        )
        self.assertFalse(self.Slip.search([("subject", "=", "Impersonated")]))

    def test_buttons_check_the_caller(self):
        draft = self._new_slip()
        self.assertRefused(
            AccessError,
            lambda: self.attacker(draft, self.user_production).action_send(),
            records=draft,
            fields=WATCHED,
        )
        slip = self._sent_slip()
        outsider = self.user_warehouse
        calls = {
            "answer by the sender": (self.user_team, lambda s: s._qf_answer("Done.")),
            "answer by a third department": (outsider, lambda s: s._qf_answer("x")),
            "pass up by the sender": (
                self.user_team,
                lambda s: s._qf_pass_up(self.department_quality, "Up."),
            ),
            "cancel by the receiver": (
                self.user_production,
                lambda s: s.action_cancel(),
            ),
            "answer wizard of a third department": (
                outsider,
                lambda s: s.action_qf_answer_wizard(),
            ),
        }
        for label, (user, call) in calls.items():
            with self.subTest(label):
                self.assertRefused(
                    AccessError,
                    lambda user=user, call=call: call(self.attacker(slip, user)),
                    records=slip,
                    fields=WATCHED,
                )
        # Not answered yet: nobody closes it, not even the sender.
        self.assertRefused(
            UserError,
            lambda: self.attacker(slip, self.user_team).action_close(),
            records=slip,
            fields=WATCHED,
        )

    def test_hostile_context_does_not_unlock_the_answer(self):
        slip = self._sent_slip()
        with freeze_time("2025-03-11 09:00:00"):
            self.assertRefused(
                UserError,
                lambda: (
                    self.attacker(slip, self.user_production)
                    .with_context(**HOSTILE_CONTEXT)
                    ._qf_answer("")
                ),
                records=slip,
                fields=WATCHED,
                regex="Write the answer",
            )
