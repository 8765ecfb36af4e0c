import { registry } from "@web/core/registry";

/**
 * Opens the form view of each record of `window.qfOpenForms` ([model, id, label]
 * triples, set by the Python test before the tour starts) through the action service,
 * and fails on an RPC error or an error dialog.
 */
function actionService() {
    return odoo.__WOWL_DEBUG__.root.env.services.action;
}

/** The server's message of an RPC error, however deep OWL wrapped it. */
function describe(error) {
    let cause = error;
    while (cause) {
        if (cause.data && cause.data.message) {
            return `${cause.data.name}: ${cause.data.message}`;
        }
        cause = cause.cause;
    }
    return error.message || String(error);
}

function assertNoErrorDialog(label) {
    const dialog = document.querySelector(".o_error_dialog");
    if (dialog) {
        throw new Error(`${label}: error dialog: ${dialog.innerText}`);
    }
}

registry.category("web_tour.tours").add("quality_feedback_open_forms", {
    steps: () =>
        (window.qfOpenForms || []).flatMap(([model, id, label]) => [
            {
                content: `Open ${label}`,
                trigger: ".o_action_manager",
                run: async () => {
                    try {
                        await actionService().doAction(
                            {
                                type: "ir.actions.act_window",
                                res_model: model,
                                res_id: id,
                                views: [[false, "form"]],
                                target: "current",
                            },
                            { clearBreadcrumbs: true }
                        );
                    } catch (error) {
                        throw new Error(`${label}: ${describe(error)}`);
                    }
                },
            },
            {
                content: `${label}: shown without error`,
                trigger: `.o_form_view .o_form_renderer`,
                run: () => assertNoErrorDialog(label),
            },
        ]),
});
