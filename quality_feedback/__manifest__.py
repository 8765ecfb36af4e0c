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
        "helpdesk_product",
        "base_tier_validation",
        "report_xlsx",
        "sequence_reset_period",
        "sale_stock",
    ],
    "data": [
        "security/quality_feedback_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_channel_data.xml",
        "data/quality_team_data.xml",
        "data/quality_department_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/quality_department_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/quality_feedback_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_tests": [
            "quality_feedback/static/tests/tours/*.js",
        ],
    },
    "development_status": "Alpha",
}
