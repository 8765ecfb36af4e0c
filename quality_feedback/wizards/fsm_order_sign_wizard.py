# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FSMOrderSignWizard(models.TransientModel):
    """The customer signs on site (R-602): only on a dispatched order, captured by
    its technician (or the factory director); the order's signature is guarded, the
    wizard writes it with sudo() after these checks."""

    _inherit = "fsm.order.sign.wizard"

    def action_sign(self):
        self.ensure_one()
        self.order_id._qf_check_on_site(self.env._("signed"))
        return super(FSMOrderSignWizard, self.sudo()).action_sign()
