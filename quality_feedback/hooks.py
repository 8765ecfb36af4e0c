# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Give every existing company its complaint sequence (R-104); companies created
    later get theirs from res.company.create."""
    env["res.company"].search([])._qf_ensure_complaint_sequence()
