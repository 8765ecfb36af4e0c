import { registry } from "@web/core/registry";

/** a quality officer sends the opinion survey from the customer's form. */
registry.category("web_tour.tours").add("quality_feedback_survey_send", {
    steps: () => [
        {
            content: "Opinion surveys of the customer",
            trigger: ".o_notebook .nav-link:contains(Opinion Surveys)",
            run: "click",
        },
        {
            content: "Send Opinion Survey",
            trigger: ".o_form_view button[name='action_qf_send_survey']",
            run: "click",
        },
        {
            content: "The customer is chosen",
            trigger: ".modal .o_field_widget[name='partner_ids'] .o_tag:contains(Tour Furniture Buyers)",
        },
        {
            content: "The opinion survey is chosen",
            trigger: ".modal .o_field_widget[name='survey_id'] input:value(Customer Opinion Survey)",
        },
        {
            content: "Send",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_notification:contains(sent to 1 customers)",
        },
    ],
});
