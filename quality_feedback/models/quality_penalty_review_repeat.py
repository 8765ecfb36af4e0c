# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain

# 同样事故或同一责任人当月连续出现三次者,责任人调离岗位或辞退.
REPEAT_LIMIT = 3


class QualityPenaltyReview(models.Model):
    """R-406: the same person, or the same product problem (same product and
    category), three times in the month of a penalty review is flagged for
    reassignment or dismissal (调离岗位或辞退), with the reason, on the review and on
    its lines, and printed on the personnel announcement."""

    _inherit = "quality.penalty.review"  # pylint: disable=consider-merging-classes-inherited

    reassignment_flag = fields.Boolean(
        string="Reassignment or Dismissal",
        compute="_compute_reassignment",
        help="The same person or the same product problem three times in the "
        "month: the responsible person is to be reassigned or dismissed.",
    )
    reassignment_reason = fields.Text(compute="_compute_reassignment")

    @api.depends(
        "line_ids.user_id", "line_ids.ticket_id.product_id", "line_ids.ticket_id"
    )
    @api.depends_context("lang")
    def _compute_reassignment(self):
        repeats = self._qf_repeat_cases()
        for review in self:
            reasons = [reason for reason, _lines in repeats.get(review._origin, [])]
            review.reassignment_flag = bool(reasons)
            review.reassignment_reason = "\n".join(reasons) or False

    def _qf_repeat_cases(self):
        """{review: [(reason, lines)]} of the repeated cases of the reviews' months:
        two grouped queries (by person, by product problem), whatever the lines."""
        reviews = self._origin.filtered("id")
        if not reviews:
            return {}
        lines = self.env["quality.penalty.review.line"]
        in_reviews = Domain("review_id", "in", reviews.ids)
        having = Domain("__count", ">=", REPEAT_LIMIT)
        by_person = lines._read_group(
            in_reviews & Domain("user_id", "!=", False),
            ["review_id", "user_id"],
            ["id:recordset"],
            having=having,
        )
        by_problem = lines._read_group(
            in_reviews & Domain("ticket_id.product_id", "!=", False),
            ["review_id", "ticket_id.product_id", "ticket_id.category_id"],
            ["id:recordset"],
            having=having,
        )
        found = lines.union(*(row[-1] for row in by_person + by_problem))
        found.ticket_id.mapped("number")  # one read of the numbers for all reasons
        repeats = defaultdict(list)
        for review, person, cases in by_person:
            repeats[review].append(
                (
                    self.env._(
                        "%(person)s is responsible in %(count)s complaints this month "
                        "(%(numbers)s): reassignment or dismissal.",
                        person=person.name,
                        count=len(cases),
                        numbers=", ".join(cases.ticket_id.mapped("number")),
                    ),
                    cases,
                )
            )
        for review, product, category, cases in by_problem:
            problem = product.display_name
            if category:
                problem = f"{problem} / {category.name}"
            repeats[review].append(
                (
                    self.env._(
                        "The same problem (%(problem)s) occurred in %(count)s "
                        "complaints this month (%(numbers)s): the responsible person "
                        "is to be reassigned or dismissed.",
                        problem=problem,
                        count=len(cases),
                        numbers=", ".join(cases.ticket_id.mapped("number")),
                    ),
                    cases,
                )
            )
        return repeats


class QualityPenaltyReviewLine(models.Model):
    _inherit = "quality.penalty.review.line"

    repeat_case = fields.Boolean(
        string="Repeated Case",
        compute="_compute_repeat_case",
        help="This case is the same person's or the same product problem's third "
        "(or later) in the month: reassignment or dismissal (R-406).",
    )

    # A line is a repeated case through its siblings: any line of the review counts.
    @api.depends("review_id.line_ids.user_id", "review_id.line_ids.ticket_id")
    def _compute_repeat_case(self):
        repeats = self.review_id._qf_repeat_cases()
        flagged = self.browse().union(
            *(cases for found in repeats.values() for _reason, cases in found)
        )
        for line in self:
            line.repeat_case = line._origin in flagged
