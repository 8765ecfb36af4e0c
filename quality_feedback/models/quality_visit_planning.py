# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

GM_GROUP = "quality_feedback.group_qf_general_manager"
REPORT_ACTIVITY = "quality_feedback.mail_activity_type_visit_report"
# Return visits within half a year to a year after delivery (半年至一年内, R-803).
WINDOW_FROM_MONTHS = 6
WINDOW_TO_MONTHS = 12


class QualityVisitPlanning(models.Model):
    """The daily planning of visits (SPEC R-803): a return visit for every done
    delivery to a customer 6 to 12 months old, and a yearly visit of every key
    customer led by the general manager.

    Candidates come from one indexed query per batch (an anti-join on the visits
    already planned), are created in one batched ``create`` with their numbers and
    their leaders' activities, and committed batch by batch (``_commit_progress``):
    the number of queries does not grow with the number of deliveries. One visit per
    delivery (unique): a run twice plans nothing the second time."""

    _inherit = "quality.visit"

    @api.model
    def _cron_plan_visits(self, batch_size=1000):
        """Scheduled action: plan the due return and key-customer visits."""
        commit = self.env["ir.cron"]._commit_progress
        self._qf_plan_delivery_visits(batch_size=batch_size, commit=commit)
        self._qf_plan_key_customer_visits(batch_size=batch_size, commit=commit)

    # --- Return visits after delivery -----------------------------------------------
    @api.model
    def _qf_plan_delivery_visits(self, today=None, batch_size=1000, commit=None):
        """Plan one return visit per done outgoing delivery to a customer whose
        transfer date lies between 12 and 6 months ago and that has none yet.
        Returns the visits planned."""
        today = today or fields.Date.context_today(self)
        since = fields.Datetime.to_datetime(
            today - relativedelta(months=WINDOW_TO_MONTHS)
        )
        until = fields.Datetime.to_datetime(
            today - relativedelta(months=WINDOW_FROM_MONTHS) + relativedelta(days=1)
        )
        planned = self.browse()
        while True:
            self.env.flush_all()  # the query sees the visits of the last batch
            rows = self.env.execute_query(
                SQL(
                    """SELECT p.id, p.company_id,
                              COALESCE(rp.commercial_partner_id, rp.id),
                              p.date_done, p.name, so.id, so.name, team.user_id
                         FROM stock_picking p
                         JOIN stock_picking_type pt ON pt.id = p.picking_type_id
                         JOIN stock_location dest ON dest.id = p.location_dest_id
                         JOIN res_partner rp ON rp.id = p.partner_id
                    LEFT JOIN sale_order so ON so.id = p.sale_id
                    LEFT JOIN crm_team team ON team.id = so.team_id
                        WHERE p.state = 'done'
                          AND p.date_done >= %(since)s AND p.date_done < %(until)s
                          AND pt.code = 'outgoing'
                          AND dest.usage = 'customer'
                          AND NOT EXISTS (
                              SELECT 1 FROM quality_visit v WHERE v.picking_id = p.id
                          )
                     ORDER BY p.date_done, p.id
                        LIMIT %(limit)s""",
                    since=since,
                    until=until,
                    limit=batch_size,
                )
            )
            if not rows:
                break
            leaders = self._qf_default_leaders({row[1] for row in rows})
            vals_list = []
            for (
                picking_id,
                company_id,
                partner_id,
                done,
                picking,
                so_id,
                so,
                lead,
            ) in rows:
                due = done.date() + relativedelta(months=WINDOW_FROM_MONTHS)
                vals_list.append(
                    {
                        "kind": "delivery",
                        "company_id": company_id,
                        "partner_id": partner_id,
                        "picking_id": picking_id,
                        "sale_order_id": so_id,
                        "project": f"{so} / {picking}" if so else picking,
                        "planned_date": max(due, today),
                        "leader_id": lead or leaders.get(company_id, False),
                    }
                )
            planned |= self._qf_create_planned(vals_list)
            if commit and commit(len(rows)) <= 0:
                break
        return planned

    # --- Key customers ---------------------------------------------------------------
    @api.model
    def _qf_plan_key_customer_visits(self, today=None, batch_size=1000, commit=None):
        """Plan this calendar year's visit of every key customer that has none yet,
        led by the general manager of the customer's company (R-803: 总经理带队每年至少
        一次). Returns the visits planned."""
        today = today or fields.Date.context_today(self)
        year_start = today.replace(month=1, day=1)
        year_end = today.replace(month=12, day=31)
        planned = self.browse()
        while True:
            self.env.flush_all()
            rows = self.env.execute_query(
                SQL(
                    """SELECT p.id, COALESCE(p.company_id, %(company)s)
                         FROM res_partner p
                        WHERE p.qf_key_customer AND p.active
                          AND p.id = p.commercial_partner_id
                          AND NOT EXISTS (
                              SELECT 1 FROM quality_visit v
                               WHERE v.partner_id = p.id AND v.kind = 'key'
                                 AND v.planned_date BETWEEN %(start)s AND %(end)s
                          )
                     ORDER BY p.id
                        LIMIT %(limit)s""",
                    company=self.env.company.id,
                    start=year_start,
                    end=year_end,
                    limit=batch_size,
                )
            )
            if not rows:
                break
            managers = self._qf_general_managers({row[1] for row in rows})
            planned |= self._qf_create_planned(
                [
                    {
                        "kind": "key",
                        "company_id": company_id,
                        "partner_id": partner_id,
                        "project": self.env._("Yearly visit %s", today.year),
                        "planned_date": today,
                        "leader_id": managers.get(company_id, False),
                    }
                    for partner_id, company_id in rows
                ]
            )
            if commit and commit(len(rows)) <= 0:
                break
        return planned

    # --- Helpers ---------------------------------------------------------------------
    @api.model
    def _qf_general_managers(self, company_ids):
        """The general manager of each company (lowest id: the first appointed)."""
        managers = (
            self.env.ref(GM_GROUP).sudo().user_ids.filtered("active").sorted("id")
        )
        return {
            company_id: next(
                (u.id for u in managers if company_id in u.company_ids.ids), False
            )
            for company_id in company_ids
        }

    @api.model
    def _qf_default_leaders(self, company_ids):
        """The leader of a return visit when its order's sales team has no leader:
        the company's visit leader (setting), else its general manager."""
        companies = self.env["res.company"].sudo().browse(company_ids)
        managers = self._qf_general_managers(company_ids)
        return {
            company.id: company.qf_visit_leader_id.id or managers.get(company.id)
            for company in companies
        }

    @api.model
    def _qf_create_planned(self, vals_list):
        """Create planned visits in one batch (sudo: the delivery is guarded; the
        planner is the system), and one activity per visit for its leader, with the
        summary in the leader's language."""
        visits = (
            self.sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            .create(vals_list)
        )
        activity_type = self.env.ref(REPORT_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        kinds = {}
        activities = []
        for visit in visits.filtered("leader_id"):
            lang = visit.leader_id.lang or "en_US"
            env = self.with_context(lang=lang).env
            if lang not in kinds:
                kinds[lang] = dict(self._fields["kind"]._description_selection(env))
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": visit.id,
                    "activity_type_id": activity_type.id,
                    "summary": env._(
                        "%(kind)s: %(customer)s (%(number)s)",
                        kind=kinds[lang][visit.kind],
                        customer=visit.partner_id.name,
                        number=visit.name,
                    ),
                    "user_id": visit.leader_id.id,
                    "date_deadline": visit.planned_date,
                }
            )
        # No e-mail per assignment: the leaders find the visits on their to-do list.
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        return visits
