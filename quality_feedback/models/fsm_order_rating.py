# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .fsm_order_workflow import DIRECTOR_GROUP
from .helpdesk_ticket_satisfaction import DISSATISFIED_RATING


class FsmOrder(models.Model):
    """The customer rates the technician once the order is filed (R-801): Odoo's
    rating mixin, the technician as the rated operator, so that his ratings roll up
    into the monthly technician score (quality.technician.score). A dissatisfied
    customer is followed up once (R-804)."""

    _name = "fsm.order"
    _inherit = ["rating.mixin", "fsm.order"]

    qf_dissatisfied = fields.Boolean(
        string="Customer Dissatisfied",
        readonly=True,
        copy=False,
        help="The customer rated the service as dissatisfied; the factory director "
        "was asked to follow it up (R-804).",
    )

    @api.model
    def _qf_guarded(self):
        return super()._qf_guarded() | {"qf_dissatisfied"}

    def _rating_get_operator(self):
        """The technician who did the work is rated (对技术员的品评)."""
        return self.person_id.partner_id

    def _rating_get_partner(self):
        return self.qf_partner_id or super()._rating_get_partner()

    def _qf_request_rating(self):
        """Ask the customer of each filed order with an e-mail address to rate the
        technician's work, in his language."""
        template = self._qf_ref(
            "mail.template", "quality_feedback.mail_template_service_rating"
        )
        for order in self.filtered(lambda o: o.qf_partner_id.email and o.person_id):
            order.rating_send_request(template, lang=order.qf_partner_id.lang)

    def action_qf_file(self):
        result = super().action_qf_file()
        # sudo: filing is checked above; the rating request belongs to the customer.
        self.sudo()._qf_request_rating()
        return result

    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        rating = super().rating_apply(
            rate, token=token, rating=rating, feedback=feedback, **kwargs
        )
        if rate and rate <= DISSATISFIED_RATING:
            self._qf_follow_up_dissatisfied()
        return rating

    def message_post(self, **kwargs):
        """Only the customer rates (see helpdesk_ticket_satisfaction.message_post)."""
        if kwargs.get("rating_value") and not self.env.su and not self.env.user.share:
            self.env["rating.rating"]._qf_refuse()
        return super().message_post(**kwargs)

    def _qf_follow_up_dissatisfied(self):
        """Once per order: the complaint behind it gets its dissatisfaction follow-up;
        otherwise each factory director gets an activity, in his language."""
        orders = self.sudo().filtered(lambda o: not o.qf_dissatisfied)
        if not orders:
            return
        orders.qf_dissatisfied = True
        closed = orders.ticket_id.filtered(lambda t: t.qf_state == "closed")
        closed._qf_open_dissatisfaction_followup(
            lambda env: env._("The customer rated the service order as dissatisfied.")
        )
        activity_type = self._qf_ref(
            "mail.activity.type", "quality_feedback.mail_activity_type_service_notice"
        )
        directors = self._qf_ref("res.groups", DIRECTOR_GROUP).sudo().all_user_ids
        values = []
        for order in orders.filtered(lambda o: o.ticket_id not in closed):
            for director in directors.filtered(
                lambda u, c=order.company_id: u.active and c in u.company_ids
            ):
                summary = order.with_context(lang=director.lang).env._(
                    "Dissatisfied customer on %(order)s: follow it up",
                    order=order.name,
                )
                values.append(order._qf_activity_vals(activity_type, director, summary))
        self.env["mail.activity"].sudo().create(values)
