# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Quality Feedback",
    "summary": "Customer complaints, department handling, deadlines, compensation "
    "approvals, after-sales service and quality statistics on the helpdesk",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Quality Feedback Team",
    "website": "https://github.com/quality-feedback/odoo-quality-feedback",
    "depends": [
        "helpdesk_mgmt",
        "base_tier_validation",
        "report_xlsx",
        "sale_stock",
    ],
    "data": [
        "security/quality_feedback_security.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "quality_feedback/static/tests/tours/*.js",
        ],
    },
    "development_status": "Alpha",
}
