# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from .quality_reader import qf_datetime, qf_for_reader, qf_reader_today

_logger = logging.getLogger(__name__)

DEADLINE_KINDS = [
    ("registration", "Registration"),
    ("first_answer", "First Answer to Customer"),
    ("proposal", "Handling Proposal"),
    ("site_visit", "Site Visit"),
    ("report", "Investigation Report"),
    ("step", "Department Step"),
    ("closure", "Closure"),
    ("customer", "Customer Deadline"),
    ("service", "Promised Service"),
    ("repair", "Promised Repair"),
    ("slip_answer", "Answer to Internal Feedback"),
]
# Deadlines the customer was promised: missing one sends him the delay notice (R-403,
# R-605 for service and take-back repairs).
CUSTOMER_FACING = {"first_answer", "customer", "service", "repair"}
OPEN_STATES = ("on_time", "at_risk", "overdue")
# Working days of each complaint deadline and the milestone it counts from:
# 24 h and 48 h are one and two working days of the company calendar.
# Working days of the answer to an internal feedback slip: two, one week when
# difficult; a slip holding up production gets the company's immediate hours.
SLIP_ANSWER_DAYS = {"normal": 2, "difficult": 5}
COMPLAINT_DEADLINES = {
    "registration": (1, "date_received"),
    "first_answer": (1, "date_received"),
    "proposal": (2, "date_received"),
    "site_visit": (2, "date_accepted"),
    "report": (3, "date_investigation"),
    "closure": (6, "date_accepted"),
    "customer": (5, "date_received"),  # unless the customer gave a date
}


class QualityDeadline(models.Model):
    """One time limit of a complaint (SPEC R-401), of a service order (the promised
    service or repair date, R-605) or of an internal feedback slip (its answer,
    R-701), watched by the one enforcement cron.

    A deadline only moves forward: on time → at risk → overdue (→ escalated), and ends
    met or missed when its event happens. ``next_check`` is when the cron must look at
    it again; it is empty once nothing more can happen, so the cron's candidate query
    reads only the rows whose state is about to change (partial index).
    """

    _name = "quality.deadline"
    _description = "Deadline"
    _order = "date_deadline, id"
    # Read by whoever reads the complaint, the service order or the slip (ir.rule);
    # written by the workflow only (no write access for any group, all through sudo()).
    _qf_parent_fields = {
        "ticket_id": "helpdesk.ticket",
        "fsm_order_id": "fsm.order",
        "slip_id": "quality.feedback.slip",
    }

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Complaint",
        ondelete="cascade",
        index="btree_not_null",
    )
    fsm_order_id = fields.Many2one(
        comodel_name="fsm.order",
        string="Service Order",
        ondelete="cascade",
        index="btree_not_null",
    )
    slip_id = fields.Many2one(
        comodel_name="quality.feedback.slip",
        string="Internal Feedback Slip",
        ondelete="cascade",
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        index=True,
    )
    step_id = fields.Many2one(
        comodel_name="quality.handling.step", ondelete="cascade", index="btree_not_null"
    )
    kind = fields.Selection(selection=DEADLINE_KINDS, required=True, index=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Owner")
    manager_id = fields.Many2one(comodel_name="res.users", string="Owner's Manager")
    date_start = fields.Datetime(string="Starts", required=True)
    date_deadline = fields.Datetime(string="Deadline", required=True, index=True)
    date_risk = fields.Datetime(string="At Risk From", required=True)
    date_escalate = fields.Datetime(string="Escalated From", required=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    state = fields.Selection(
        selection=[
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("overdue", "Overdue"),
            ("met", "Met"),
            ("missed", "Missed"),
            ("cancelled", "Cancelled"),
        ],
        default="on_time",
        required=True,
        index=True,
    )
    escalated = fields.Boolean(readonly=True)
    next_check = fields.Datetime(readonly=True)
    customer_facing = fields.Boolean(compute="_compute_customer_facing")

    _next_check_idx = models.Index("(next_check) WHERE next_check IS NOT NULL")
    _ticket_kind_idx = models.Index(
        "(ticket_id, kind) WHERE state IN ('on_time', 'at_risk', 'overdue')"
    )
    _one_document = models.Constraint(
        "CHECK (num_nonnulls(ticket_id, fsm_order_id, slip_id) = 1)",
        "A deadline belongs to one complaint, one service order or one slip.",
    )

    @api.depends(
        "ticket_id.company_id", "fsm_order_id.company_id", "slip_id.company_id"
    )
    def _compute_company_id(self):
        for deadline in self:
            deadline.company_id = (
                deadline.ticket_id.company_id
                or deadline.fsm_order_id.company_id
                or deadline.slip_id.company_id
            )

    def _qf_document(self):
        """The complaint, the service order or the slip the deadline belongs to."""
        self.ensure_one()
        return self.ticket_id or self.fsm_order_id or self.slip_id

    def _qf_document_number(self):
        self.ensure_one()
        return self.ticket_id.number or self.fsm_order_id.name or self.slip_id.name

    @api.depends("kind")
    def _compute_customer_facing(self):
        for deadline in self:
            deadline.customer_facing = deadline.kind in CUSTOMER_FACING

    @api.depends("ticket_id.number", "fsm_order_id.name", "slip_id.name", "kind")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for deadline in self:
            deadline.display_name = (
                f"{deadline._qf_document_number()} / {labels[deadline.kind]}"
            )

    # --- Planning ---------------------------------------------------------------------
    @api.model
    def _qf_plan_complaints(self, tickets, kinds, new=False):
        """Open the given kinds of deadlines for the complaints that do not have one
        open yet (``new``: just created, they have none), counted from their milestone
        on the company's working calendar, read once per complaint and milestone."""
        existing = set()
        if not new:
            existing = {
                (deadline.ticket_id.id, deadline.kind)
                for deadline in self.search(
                    [
                        ("ticket_id", "in", tickets.ids),
                        ("kind", "in", kinds),
                        ("state", "in", OPEN_STATES),
                    ]
                )
            }
        values = []
        for ticket in tickets:
            wanted = defaultdict(list)  # milestone -> kinds counted from it
            for kind in kinds:
                milestone = COMPLAINT_DEADLINES[kind][1]
                if ticket[milestone] and (ticket.id, kind) not in existing:
                    wanted[milestone].append(kind)
            for milestone, milestone_kinds in wanted.items():
                start = ticket[milestone]
                deadlines = ticket.company_id._qf_working_deadlines(
                    start, [COMPLAINT_DEADLINES[kind][0] for kind in milestone_kinds]
                )
                for kind in milestone_kinds:
                    deadline = deadlines.get(COMPLAINT_DEADLINES[kind][0])
                    if kind == "customer" and ticket.customer_deadline:
                        deadline = fields.Datetime.to_datetime(
                            ticket.customer_deadline
                        ).replace(hour=23, minute=59)
                    if deadline and deadline > start:
                        values.append(self._qf_plan(ticket, kind, start, deadline))
        return self.create(values)

    @api.model
    def _qf_plan_step(self, steps):
        return self.create(
            [
                self._qf_plan(
                    step.ticket_id, "step", step.date_assigned, step.deadline, step
                )
                for step in steps
                if step.deadline and step.deadline > step.date_assigned
            ]
        )

    @api.model
    def _qf_plan_service(self, orders, kind, start, deadline, *, owner, manager):
        """R-605: the date promised to the customer for ``orders`` (service, or a
        take-back repair), watched like a complaint deadline."""
        company = orders.company_id[:1] or self.env.company
        return self.create(
            [
                self._qf_deadline_vals(
                    company,
                    start,
                    deadline,
                    kind,
                    owner=owner,
                    manager=manager,
                    fsm_order_id=order.id,
                )
                for order in orders
                if deadline and deadline > start
            ]
        )

    @api.model
    def _qf_plan_slip(self, slip, start):
        """R-701: the answer the current receiving department owes from ``start``:
        2 working days, 5 when difficult, the company's immediate working hours when
        the slip holds up production. The department's manager owns it; the quality
        office's manager (else the department's) is told too."""
        company = slip.company_id
        if slip.holds_production:
            deadline = company._qf_after_working_hours(
                start, {"now": company.qf_slip_immediate_hours}
            ).get("now")
        else:
            deadline = company._qf_working_deadline(
                start, SLIP_ANSWER_DAYS[slip.difficulty]
            )
        if not deadline or deadline <= start:
            return self.browse()
        owner = slip.department_id.manager_id
        quality_office = slip.department_id
        if quality_office.qf_slip_level != "quality" or not owner:
            quality_office = self.env["quality.department"].search(
                [
                    ("company_id", "=", company.id),
                    ("qf_slip_level", "=", "quality"),
                    ("manager_id", "!=", False),
                ],
                limit=1,
            )
        return self.create(
            self._qf_deadline_vals(
                company,
                start,
                deadline,
                "slip_answer",
                owner=owner,
                manager=quality_office.manager_id or owner,
                slip_id=slip.id,
            )
        )

    @api.model
    def _qf_open_of_slips(self, slips):
        return self.search([("slip_id", "in", slips.ids), ("state", "in", OPEN_STATES)])

    @api.model
    def _qf_open_of_orders(self, orders, kinds=None):
        domain = [("fsm_order_id", "in", orders.ids), ("state", "in", OPEN_STATES)]
        if kinds:
            domain.append(("kind", "in", kinds))
        return self.search(domain)

    @api.model
    def _qf_open_of(self, tickets, kinds=None, steps=None):
        domain = [("ticket_id", "in", tickets.ids), ("state", "in", OPEN_STATES)]
        if kinds:
            domain.append(("kind", "in", kinds))
        if steps is not None:
            domain.append(("step_id", "in", steps.ids))
        return self.search(domain)

    @api.model
    def _qf_plan(self, ticket, kind, start, deadline, step=None):
        """Values of a new deadline from ``start`` to ``deadline``: at risk once the
        company's share of the time is used, escalated after one more full period
        (both configurable on the company)."""
        owner = (step.user_id if step else ticket.user_id) or ticket.team_id.user_id
        manager = (
            step.department_id.manager_id if step else ticket.team_id.user_id
        ) or owner
        return self._qf_deadline_vals(
            ticket.company_id,
            start,
            deadline,
            kind,
            owner=owner,
            manager=manager,
            ticket_id=ticket.id,
            step_id=step.id if step else False,
        )

    @api.model
    def _qf_deadline_vals(
        self, company, start, deadline, kind, *, owner, manager, **doc
    ):
        """At risk once the company's share of the time is used, escalated after one
        more full period (both configurable on the company)."""
        span = deadline - start
        date_risk = start + span * (company.qf_risk_share / 100.0)
        return {
            **doc,
            "kind": kind,
            "user_id": owner.id,
            "manager_id": (manager or owner).id,
            "date_start": start,
            "date_deadline": deadline,
            "date_risk": date_risk,
            "date_escalate": deadline + span * company.qf_escalation_factor,
            "next_check": date_risk,
        }

    def _qf_close(self, when=None):
        """The event happened: met when on time, missed after the deadline."""
        when = when or fields.Datetime.now()
        for deadline in self.filtered(lambda d: d.state in OPEN_STATES):
            deadline.write(
                {
                    "state": "met" if when <= deadline.date_deadline else "missed",
                    "date_done": when,
                    "next_check": False,
                }
            )

    def _qf_cancel(self):
        self.filtered(lambda d: d.state in OPEN_STATES).write(
            {"state": "cancelled", "next_check": False}
        )

    # --- Enforcement (R-402) ----------------------------------------------------------
    @api.model
    def _cron_enforce_deadlines(self, batch_size=500):
        """Scheduled action: advance every due deadline, committing per batch."""
        self._qf_enforce(
            batch_size=batch_size, commit=self.env["ir.cron"]._commit_progress
        )

    @api.model
    def _qf_enforce(self, now=None, batch_size=500, commit=None):
        """Advance all deadlines whose next check has come, batch by batch.

        Candidates come from one indexed query per batch, locked with SKIP LOCKED so
        that two runs at once never handle (and notify) the same deadline. A deadline
        that fails is logged and skipped; the others go on. Returns the number of
        deadlines advanced."""
        now = now or fields.Datetime.now()
        failed = []
        advanced = 0
        while True:
            self.env.flush_all()  # the query reads what the last batch wrote
            rows = self.env.execute_query(
                SQL(
                    """SELECT d.id, COALESCE(t.qf_state IN ('closed', 'cancelled'),
                                             s.is_closed,
                                             f.state IN ('closed', 'cancelled'),
                                             FALSE)
                         FROM quality_deadline d
                    LEFT JOIN helpdesk_ticket t ON t.id = d.ticket_id
                    LEFT JOIN fsm_order o ON o.id = d.fsm_order_id
                    LEFT JOIN fsm_stage s ON s.id = o.stage_id
                    LEFT JOIN quality_feedback_slip f ON f.id = d.slip_id
                        WHERE d.next_check <= %s AND NOT (d.id = ANY(%s))
                     ORDER BY d.next_check
                        LIMIT %s
                          FOR UPDATE OF d SKIP LOCKED""",
                    now,
                    failed,
                    batch_size,
                )
            )
            if not rows:
                break
            # A complaint (service order, slip) closed or cancelled ends its deadlines; any
            # left open (from before closing ended them all) are cancelled, never
            # notified.
            ended = self.browse([row[0] for row in rows if row[1]])
            ended._qf_cancel()
            ended.filtered("next_check").next_check = False
            batch = self.browse([row[0] for row in rows if not row[1]])
            batch_failed = batch._qf_advance(now)
            failed += batch_failed.ids
            advanced += len(batch) - len(batch_failed)
            if commit and commit(len(rows)) <= 0:
                break
        return advanced

    def _qf_advance(self, now):
        """Move each deadline to the state the time says, notify once per threshold
        crossed; return the deadlines that failed."""
        self.fetch(
            [
                "ticket_id",
                "fsm_order_id",
                "state",
                "date_risk",
                "date_deadline",
                "date_escalate",
                "escalated",
                "kind",
                "user_id",
                "manager_id",
            ]
        )
        changes = defaultdict(list)
        failed = self.browse()
        for deadline in self:
            state = deadline.state
            if state == "on_time" and now >= deadline.date_risk:
                state = "at_risk"
            if state == "at_risk" and now >= deadline.date_deadline:
                state = "overdue"
            escalate = (
                state == "overdue"
                and not deadline.escalated
                and now >= deadline.date_escalate
            )
            changes[(state, escalate or deadline.escalated)].append(deadline.id)
        for (state, escalated), ids in changes.items():
            group = self.browse(ids)
            try:
                with self.env.cr.savepoint():
                    group._qf_apply(state, escalated)
            except Exception:
                _logger.exception("Deadline enforcement failed for %s", group.ids)
                for deadline in group:  # retry one by one, to skip only the bad ones
                    try:
                        with self.env.cr.savepoint():
                            deadline._qf_apply(state, escalated)
                    except Exception:
                        _logger.exception(
                            "Deadline enforcement failed for %s", deadline.id
                        )
                        failed |= deadline
        return failed

    def _qf_apply(self, state, escalated):
        self._qf_notify(state, escalated)
        self.write({"state": state, "escalated": escalated})
        self._qf_update_next_check()

    def _qf_update_next_check(self):
        for deadline in self:
            if deadline.state == "on_time":
                next_check = deadline.date_risk
            elif deadline.state == "at_risk":
                next_check = deadline.date_deadline
            elif deadline.state == "overdue" and not deadline.escalated:
                next_check = deadline.date_escalate
            else:
                next_check = False
            deadline.next_check = next_check

    def _qf_notify(self, state, escalated):
        """Notify for the threshold just crossed: a chatter trace on the document, an
        activity for the owner and his manager, the general manager when escalated,
        the delay notice to the customer for a customer-facing deadline."""
        newly = self.filtered(lambda d: d.state != state)
        escalating = self.filtered(lambda d: escalated and not d.escalated)
        if newly and state in ("at_risk", "overdue"):
            newly._qf_warn_owners(state)
            if state == "overdue":
                late = newly.filtered("customer_facing")
                late.ticket_id._qf_send_delay_notice()
                late.fsm_order_id._qf_send_delay_notice()
        if escalating:
            escalating._qf_escalate()

    def _qf_warn_owners(self, state):
        """A chatter line on each document (in its company's language and time zone:
        no single reader), an activity for the owner and his manager (in each one's
        own language and time zone, R-X4)."""
        bodies, activities = defaultdict(list), []
        for deadline in self:
            document = deadline._qf_document()
            company_partner = (document.company_id or self.env.company).partner_id
            bodies[document].append(deadline._qf_summary(state, company_partner))
            activities += [
                (deadline, user, deadline._qf_summary(state, user))
                for user in (deadline.user_id | deadline.manager_id).filtered("active")
            ]
        for model_name in {document._name for document in bodies}:
            documents = {
                d: lines for d, lines in bodies.items() if d._name == model_name
            }
            self.env[model_name].browse([d.id for d in documents])._message_log_batch(
                {d.id: Markup("<br/>").join(lines) for d, lines in documents.items()}
            )
        self._qf_create_activities(
            "quality_feedback.mail_activity_type_deadline", activities
        )

    def _qf_summary(self, state, reader):
        """ "Registration at risk (deadline 1 Dec 2026, 17:00)" in the language of
        ``reader`` (a user or partner), the deadline in his time zone."""
        env = qf_for_reader(self, reader).env
        labels = dict(self._fields["state"]._description_selection(env))
        kinds = dict(self._fields["kind"]._description_selection(env))
        return env._(
            "%(kind)s %(state)s (deadline %(deadline)s)",
            kind=kinds[self.kind],
            state=labels[state].lower(),
            deadline=qf_datetime(env, self.date_deadline),
        )

    def _qf_escalate(self):
        """Second threshold passed: the general managers get an activity (R-402)."""
        general_managers = self.env.ref(
            "quality_feedback.group_qf_general_manager"
        ).user_ids
        activities = []
        for deadline in self:
            for user in general_managers:
                if deadline.company_id not in user.company_ids:
                    continue
                env = qf_for_reader(deadline, user).env
                kinds = dict(self._fields["kind"]._description_selection(env))
                summary = env._(
                    "Escalated: %(kind)s of %(number)s is long overdue",
                    kind=kinds[deadline.kind],
                    number=deadline._qf_document_number(),
                )
                activities.append((deadline, user, summary))
        self._qf_create_activities(
            "quality_feedback.mail_activity_type_escalation", activities
        )

    def _qf_create_activities(self, activity_type_xmlid, entries):
        """Activities on the complaints, service orders or slips, created in one batch,
        without the e-mail each assignment would send: ``entries`` are (deadline,
        user, summary); due today in the user's time zone."""
        activity_type = self.env.ref(activity_type_xmlid)
        model_ids = {
            name: self.env["ir.model"]._get_id(name)
            for name in ("helpdesk.ticket", "fsm.order", "quality.feedback.slip")
        }
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_ids[deadline._qf_document()._name],
                    "res_id": deadline._qf_document().id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "user_id": user.id,
                    "date_deadline": qf_reader_today(self, user),
                }
                for deadline, user, summary in entries
            ]
        )
