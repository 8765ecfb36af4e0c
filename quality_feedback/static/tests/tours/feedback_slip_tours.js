import { registry } from "@web/core/registry";

/** A production department handler sends a slip to the quality office. */
registry.category("web_tour.tours").add("quality_feedback_slip_send", {
    steps: () => [
        {
            content: "New slip",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name='subject'] input",
            run: "edit Paint peels off the tour frames",
        },
        {
            content: "Sent by his own department",
            trigger: ".o_field_widget[name='sender_department_id'] input:value(Tour Assembly Workshop)",
        },
        {
            content: "Receiving department",
            trigger: ".o_field_widget[name='department_id'] input",
            run: "edit Tour Quality Office",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Quality Office)",
            run: "click",
        },
        {
            content: "Holds up production",
            trigger: ".o_field_widget[name='holds_production'] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".o_form_statusbar button[name='action_send']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sent)",
        },
    ],
});

/** A quality officer answers it. */
registry.category("web_tour.tours").add("quality_feedback_slip_answer", {
    steps: () => [
        {
            content: "Answer",
            trigger: ".o_form_statusbar button[name='action_qf_answer_wizard']",
            run: "click",
        },
        {
            content: "The answer",
            trigger: ".modal .o_field_widget[name='answer'] textarea",
            run: "edit Primer changed back to the approved supplier's.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_answer']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Answered)",
        },
    ],
});
