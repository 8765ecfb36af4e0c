import { registry } from "@web/core/registry";

// the quality office reads the statistics and prints the ledger.
registry.category("web_tour.tours").add("quality_feedback_statistics", {
    steps: () => [
        {
            content: "The statistics open as a graph of complaints per month",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Switch to the pivot view",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows the on-time rate by department",
            trigger: ".o_pivot table th:contains('On-Time Rate (%)')",
        },
        {
            content: "Open the Quality Feedback menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='quality_feedback.menu_quality_root']",
            run: "click",
        },
        {
            content: "Open the ledger and statistics wizard",
            trigger: ".o-dropdown-item[data-menu-xmlid='quality_feedback.menu_qf_complaint_ledger']",
            run: "click",
        },
        {
            content: "Print the complaint ledger",
            trigger: ".modal button[name='action_print_ledger']",
            run: "click",
        },
        {
            content: "Once downloaded (a failed download shows an error), print the statistics",
            trigger: "body:not(.o_ui_blocked) .modal button[name='action_print_statistics']",
            run: "click",
        },
        {
            content: "Close the wizard",
            trigger: "body:not(.o_ui_blocked) .modal button.btn-secondary:contains('Discard')",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
