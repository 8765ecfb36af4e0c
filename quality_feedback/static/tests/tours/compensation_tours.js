import { registry } from "@web/core/registry";

/** A sales user asks for a 3,000 allowance on his customer's complaint. */
registry.category("web_tour.tours").add("quality_feedback_sales_compensation", {
    steps: () => [
        {
            content: "Open the complaint's compensation requests",
            trigger: ".oe_stat_button[name='action_qf_view_compensations']",
            run: "click",
        },
        {
            content: "New request",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".o_field_widget[name='amount'] input",
            run: "edit 3000",
        },
        {
            content: "Reason",
            trigger: ".o_field_widget[name='reason'] textarea",
            run: "edit The customer keeps the scratched desks with a discount.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit for approval",
            trigger: ".o_form_statusbar button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Approve)",
        },
    ],
});

/** The general manager approves it. */
registry.category("web_tour.tours").add("quality_feedback_gm_approve", {
    steps: () => [
        {
            content: "Approve",
            trigger: ".alert button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Approved and settled by its credit note",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Settled)",
        },
    ],
});

/** Finance finds the draft credit note to post. */
registry.category("web_tour.tours").add("quality_feedback_finance_credit_note", {
    steps: () => [
        {
            content: "Open the accounting document",
            trigger: ".oe_stat_button[name='action_view_document']",
            run: "click",
        },
        {
            content: "A draft credit note for the customer",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        {
            trigger: ".o_field_widget[name='partner_id'] input:value(Tour Desks Ltd)",
        },
    ],
});
