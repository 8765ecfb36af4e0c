import { registry } from "@web/core/registry";

/** the technician files his report from his dispatched service order. */
registry.category("web_tour.tours").add("quality_feedback_field_report_file", {
    steps: () => [
        {
            content: "Field reports of the order",
            trigger: ".oe_stat_button:contains(Field Reports)",
            run: "click",
        },
        {
            content: "New report",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Commissioning",
            trigger: ".o_field_widget[name='kind'] input[data-value='commissioning']",
            run: "click",
        },
        {
            content: "Visit from",
            trigger: ".o_field_widget[name='date_from'] button[data-field='date_from']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='date_from'] input[data-field='date_from']",
            run: "edit 03/03/2025",
        },
        {
            content: "Place",
            trigger: ".o_field_widget[name='place'] input",
            run: "edit Boiler room, building 3",
        },
        {
            content: "Visit to",
            trigger: ".o_field_widget[name='date_from'] input[data-field='date_to']",
            run: "edit 03/04/2025",
        },
        {
            content: "Travel expense",
            trigger: ".o_field_widget[name='travel_expense'] input",
            run: "edit 180",
        },
        {
            content: "The visit dates are taken",
            trigger: ".o_field_widget[name='date_from'] button[data-field='date_to']:contains(Mar 4)",
        },
        {
            trigger: ".o_field_widget[name='date_from'] button[data-field='date_from']:contains(Mar 3)",
        },
        {
            content: "Work done",
            trigger: ".o_field_widget[name='work_done'] textarea",
            run: "edit Replaced the flame sensor.",
        },
        {
            content: "Problems found",
            trigger: ".o_field_widget[name='problems_found'] textarea",
            run: "edit Flame sensor covered with soot.",
        },
        {
            content: "Causes",
            trigger: ".o_field_widget[name='causes'] textarea",
            run: "edit Burner badly adjusted.",
        },
        {
            content: "Parts used",
            trigger: ".o_field_widget[name='parts_used'] textarea",
            run: "edit 1 flame sensor FS-10",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit",
            trigger: ".o_form_saved .o_form_statusbar button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
    ],
});

/** A quality officer acknowledges it with a comment. */
registry.category("web_tour.tours").add("quality_feedback_field_report_acknowledge", {
    steps: () => [
        {
            content: "Acknowledge",
            trigger: ".o_form_statusbar button[name='action_qf_review_wizard']:contains(Acknowledge)",
            run: "click",
        },
        {
            content: "Comment",
            trigger: ".modal .o_field_widget[name='comment'] textarea",
            run: "edit Sensor type noted for spares.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']:contains(Acknowledge)",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Acknowledged)",
        },
    ],
});
