# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Quality Feedback Returns",
    "summary": "Return slips received in the warehouse, reconciled and settled "
    "by credit notes",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Quality Feedback Team",
    "website": "https://github.com/quality-feedback/odoo-quality-feedback",
    "depends": [
        "quality_feedback",
        "stock_account",
    ],
    "data": [
        "security/quality_feedback_returns_security.xml",
        "security/ir.model.access.csv",
        "views/quality_return_slip_views.xml",
        "views/stock_picking_views.xml",
        "views/return_slip_buttons_views.xml",
        "views/stock_lot_views.xml",
        "report/quality_return_slip_report.xml",
    ],
    "demo": [
        "demo/quality_return_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "quality_feedback_returns/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "development_status": "Alpha",
}
