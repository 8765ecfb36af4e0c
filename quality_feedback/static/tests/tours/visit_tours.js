import { registry } from "@web/core/registry";

/** The leader of a planned visit files its report. */
registry.category("web_tour.tours").add("quality_feedback_visit_report", {
    steps: () => [
        {
            content: "Visited on",
            trigger: ".o_field_widget[name='date_from'] input",
            run: "edit 11/24/2026",
        },
        {
            content: "Problems found",
            trigger: ".o_field_widget[name='problems'] textarea",
            run: "edit Fine cracks in the lacquer of two table tops.",
        },
        {
            content: "Repairs",
            trigger: ".o_field_widget[name='repairs'] textarea",
            run: "edit Both tops sanded and lacquered again on site.",
        },
        {
            content: "Causes",
            trigger: ".o_field_widget[name='causes'] textarea",
            run: "edit Lacquer dried too fast in winter.",
        },
        {
            content: "Improvements",
            trigger: ".o_field_widget[name='improvements'] textarea",
            run: "edit The drying room is heated evenly.",
        },
        {
            content: "File the report",
            trigger: ".o_form_statusbar button[name='action_file_report']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Reported)",
        },
    ],
});

/** A general manager records the managers' meeting's review. */
registry.category("web_tour.tours").add("quality_feedback_visit_review", {
    steps: () => [
        {
            content: "Reviewed at the managers' meeting",
            trigger: ".o_form_statusbar button[name='action_open_decision']:contains(Reviewed)",
            run: "click",
        },
        {
            content: "The meeting's comment",
            trigger: ".modal .o_field_widget[name='comment'] textarea",
            run: "edit Sales confirms delivery dates in writing from now on.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Reviewed)",
        },
    ],
});
