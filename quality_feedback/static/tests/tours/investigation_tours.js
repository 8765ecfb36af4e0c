import { registry } from "@web/core/registry";

/** Steps choosing a record in a many2many tags field by typing its name. */
function addTag(field, name) {
    return [
        {
            content: `Type ${name}`,
            trigger: `.modal .o_field_widget[name='${field}'] input`,
            run: `edit ${name}`,
        },
        {
            content: `Choose ${name}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${name}')`,
            run: "click",
        },
        {
            trigger: `.modal .o_field_widget[name='${field}'] .o_tag:contains('${name}')`,
        },
    ];
}

/** The quality manager accepts the complaint and routes it to two departments. */
registry.category("web_tour.tours").add("quality_feedback_manager_assign", {
    steps: () => [
        {
            content: "Accept the classified complaint",
            trigger: ".o_form_statusbar button[name='action_qf_accept']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Accepted)",
        },
        {
            content: "Assign departments",
            trigger: ".o_form_statusbar button[name='action_qf_assign_departments']",
            run: "click",
        },
        ...addTag("department_ids", "Production"),
        ...addTag("department_ids", "R&D"),
        {
            content: "Instructions",
            trigger: ".modal .o_field_widget[name='instructions'] textarea",
            run: "edit Find why the flange leaks.",
        },
        {
            content: "Assign",
            trigger: ".modal button[name='action_assign']",
            run: "click",
        },
        {
            content: "Start the investigation",
            trigger: "body:not(:has(.modal)) .o_form_statusbar button[name='action_qf_investigate']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Investigating)",
        },
        {
            content: "Open the handling steps",
            trigger: ".o_notebook .nav-link[name='qf_steps']",
            run: "click",
        },
        {
            content: "Two departments have a step",
            trigger: ".o_field_widget[name='step_ids'] .o_data_row:eq(1)",
        },
    ],
});

/** A department handler completes his department's step (opened from his list). */
registry.category("web_tour.tours").add("quality_feedback_handler_step", {
    steps: () => [
        {
            content: "Write the result",
            trigger: ".o_field_widget[name='result'] textarea",
            run: "edit Checked: the gasket batch was out of tolerance.",
        },
        {
            content: "Mark the step done",
            trigger: ".o_form_statusbar button[name='action_done']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});

/** The quality manager verifies the action and closes the complaint. */
registry.category("web_tour.tours").add("quality_feedback_manager_close", {
    steps: () => [
        {
            content: "Open the corrective and preventive actions",
            trigger: ".o_notebook .nav-link[name='qf_capa']",
            run: "click",
        },
        {
            content: "Verify the action effective",
            trigger: ".o_field_widget[name='action_ids'] .o_data_row button[name='action_verify_effective']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='action_ids'] .o_data_row .o_field_badge:contains(Verified Effective)",
        },
        {
            content: "Propose the resolution",
            trigger: ".o_form_statusbar button[name='action_qf_propose_resolution']",
            run: "click",
        },
        {
            content: "Close",
            trigger: ".o_form_statusbar button[name='action_qf_close']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Closed)",
        },
    ],
});
