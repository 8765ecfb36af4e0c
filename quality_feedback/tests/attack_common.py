# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an attacker sends from the browser's console: any values, any context keys."""

from .common import QualityFeedbackCase

# Context keys the addons use or once used internally, and keys of the libraries
# they build on: none of them may unlock anything.
HOSTILE_CONTEXT = {
    "qf_compensation_move": True,
    "qf_return_move": True,
    "qf_mark_customer_told": True,
    "qf_new_complaint": True,
    "skip_validation_check": True,
    "skip_check_state_condition": True,
    "tracking_disable": True,
    "mail_notrack": True,
    "sudo": True,
    "su": True,
    "bypass_access": True,
}


class AttackCase(QualityFeedbackCase):
    """Each attempt asserts the error it expects and that nothing changed."""

    def attacker(self, records, user):
        """``records`` as ``user`` would send them over RPC, hostile context included."""
        return records.with_user(user).with_context(**HOSTILE_CONTEXT)

    def snapshot(self, records, field_names):
        records.invalidate_recordset()
        return [
            {name: records.sudo()[i][name] for name in field_names}
            for i in range(len(records))
        ]

    def assertRefused(self, exception, call, records=None, fields=(), regex=None):
        """``call()`` raises ``exception`` (matching ``regex``) and ``fields`` of
        ``records`` are what they were."""
        before = self.snapshot(records, fields) if records is not None else None
        # Rolled back like the request of a real caller.
        with self.assertRaises(exception, msg=fields) as caught:
            call()
        if regex:
            self.assertRegex(str(caught.exception), regex)
        if records is not None:
            self.assertEqual(self.snapshot(records, fields), before)

    def close_complaint(self, complaint):
        """Accepted, investigated, proposed, with a verified action, closed."""
        self._classify(complaint)
        officer = complaint.with_user(self.user_officer)
        officer.action_qf_accept()
        officer.action_qf_investigate()
        officer.action_qf_propose_resolution()
        self._add_verified_action(complaint)
        complaint.with_user(self.user_manager).action_qf_close()
        self.assertEqual(complaint.qf_state, "closed")
        return complaint
