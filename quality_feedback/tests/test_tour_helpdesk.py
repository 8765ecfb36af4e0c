# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "qf_tour")
class TestTourHelpdesk(HttpCase):
    """The whole chain in a browser: log in, open the Helpdesk app, see the tickets."""

    def test_open_helpdesk(self):
        self.start_tour("/odoo", "quality_feedback_open_helpdesk", login="admin")
