import { registry } from "@web/core/registry";

/** A sales user opens his customer, clicks "New Complaint", fills it in and saves. */
registry.category("web_tour.tours").add("quality_feedback_sales_new_complaint", {
    steps: () => [
        {
            content: "Open a new complaint from the customer",
            trigger: ".oe_stat_button[name='action_qf_new_complaint']",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Motor overheats after one hour",
        },
        {
            content: "Describe the problem",
            trigger: ".o_field_html[name='description'] .odoo-editor-editable div.o-paragraph",
            run: "editor The motor of both pumps overheats after one hour of running.",
        },
        {
            content: "Product",
            trigger: ".o_field_widget[name='product_id'] input",
            run: "edit Tour Pump",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Pump)",
            run: "click",
        },
        {
            content: "The product is chosen (its onchange re-renders the form)",
            trigger: ".o_field_widget[name='product_id'] input:value(Tour Pump)",
        },
        {
            content: "Quantity affected",
            trigger: ".o_field_widget[name='qty_affected'] input",
            run: "edit 2",
        },
        {
            content: "The quantity is taken",
            trigger: ".o_field_widget[name='qty_affected'] input:value(2)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the complaint has its number",
            trigger: ".o_breadcrumb .active:contains(QF)",
        },
        {
            content: "and is registered",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Registered)",
        },
    ],
});

/** Steps choosing a value of a selection field by its label. */
function selectValue(field, label) {
    return [
        {
            content: `Open ${field}`,
            trigger: `.o_field_widget[name='${field}'] .o_select_menu_toggler`,
            run: "click",
        },
        {
            content: `Choose ${label}`,
            trigger: `.o_select_menu_menu .o_select_menu_item:contains('${label}')`,
            run: "click",
        },
    ];
}

/** A quality officer classifies the complaint and accepts it. */
registry.category("web_tour.tours").add("quality_feedback_officer_accept", {
    steps: () => [
        {
            content: "Open the classification tab",
            trigger: ".o_notebook .nav-link[name='qf_classification']",
            run: "click",
        },
        ...selectValue("info_class", "Quality Information Needing Feedback"),
        ...selectValue("abnormality_type", "Quality Abnormality"),
        ...selectValue("severity", "Major"),
        {
            content: "Category",
            trigger: ".o_field_widget[name='category_id'] input",
            run: "edit Tour Category",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Category)",
            run: "click",
        },
        {
            content: "Accept",
            trigger: ".o_form_statusbar button[name='action_qf_accept']",
            run: "click",
        },
        {
            content: "The complaint is accepted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Accepted)",
        },
    ],
});
