import { registry } from "@web/core/registry";

/** A warehouse user validates the receipt of an approved return slip, then
 * follows the link to the slip, which is now received. */
registry.category("web_tour.tours").add("quality_feedback_returns_receive", {
    steps: () => [
        {
            content: "The receipt comes from the return slip",
            trigger: ".oe_stat_button[name='action_qf_open_return_slip']:contains(RS)",
        },
        {
            content: "Validate the receipt",
            trigger: ".o_form_statusbar button[name='button_validate']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
        {
            content: "Open the return slip",
            trigger: ".oe_stat_button[name='action_qf_open_return_slip']",
            run: "click",
        },
        {
            content: "The slip is received",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Received)",
        },
        {
            content: "with the received quantity on its line",
            trigger: ".o_field_widget[name='line_ids'] .o_data_cell[name='qty_received']:contains(4)",
        },
    ],
});
