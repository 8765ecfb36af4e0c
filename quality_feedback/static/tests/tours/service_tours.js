import { registry } from "@web/core/registry";

/** the sales office clerk registers a phone call from the service menu. */
registry.category("web_tour.tours").add("quality_feedback_service_register", {
    steps: () => [
        {
            content: "Customer",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tour Pumps Ltd",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Pumps Ltd)",
            run: "click",
        },
        {
            content: "Product",
            trigger: ".o_field_widget[name='product_id'] input",
            run: "edit Tour Pump",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Pump TP-1)",
            run: "click",
        },
        {
            content: "What the customer reports",
            trigger: ".o_field_widget[name='description'] textarea",
            run: "edit The pump does not start.",
        },
        {
            content: "Register",
            trigger: ".modal button[name='action_register']",
            run: "click",
        },
        {
            content: "The order is new, waiting for the factory director",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(New)",
        },
    ],
});

/** The factory director dispatches the technician. */
registry.category("web_tour.tours").add("quality_feedback_service_dispatch", {
    steps: () => [
        {
            content: "Dispatch",
            trigger: ".o_form_statusbar button:contains(Dispatch)",
            run: "click",
        },
        {
            content: "Technician",
            trigger: ".modal .o_field_widget[name='person_id'] input",
            run: "edit Tour Technician",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Technician)",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_dispatch']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Dispatched)",
        },
    ],
});

/** On site, on his phone: the customer signs, the technician completes. */
registry.category("web_tour.tours").add("quality_feedback_service_sign", {
    steps: () => [
        {
            content: "My service orders",
            trigger: ".o_kanban_record:contains(Tour Pumps Ltd)",
            run: "click",
        },
        {
            content: "The customer signs",
            trigger: ".o_statusbar_buttons button:contains(Customer Signs)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='signed_by'] input",
            run: "edit Li Lei",
        },
        {
            trigger: ".modal .o_field_widget[name='signature'] .o_signature",
            run: "click",
        },
        {
            content: "The customer signs with his finger",
            trigger: ".modal canvas.o_web_sign_signature",
            run() {
                const canvas = this.anchor;
                const box = canvas.getBoundingClientRect();
                const stroke = (type, x, y) =>
                    canvas.dispatchEvent(
                        new PointerEvent(type, {
                            bubbles: true,
                            isPrimary: true,
                            pointerId: 1,
                            buttons: type === "pointerup" ? 0 : 1,
                            clientX: box.left + x,
                            clientY: box.top + y,
                        })
                    );
                stroke("pointerdown", 20, 40);
                for (let x = 30; x < 200; x += 10) {
                    stroke("pointermove", x, 40 + (x % 30));
                }
                stroke("pointerup", 200, 40);
            },
        },
        {
            trigger: ".modal .btn-primary:contains(Adopt):not([disabled])",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_sign']",
            run: "click",
        },
        {
            content: "Complete",
            trigger: "body:not(:has(.modal)) button[name='action_complete']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status :contains(Completed)",
        },
    ],
});

/** The quality department files the signed form. */
registry.category("web_tour.tours").add("quality_feedback_service_file", {
    steps: () => [
        {
            content: "File",
            trigger: ".o_form_statusbar button[name='action_qf_file']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Filed)",
        },
    ],
});
