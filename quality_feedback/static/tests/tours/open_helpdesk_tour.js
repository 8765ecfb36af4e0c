import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("quality_feedback_open_helpdesk", {
    steps: () => [
        ...stepUtils.goToAppSteps("helpdesk_mgmt.helpdesk_ticket_main_menu", "Open the Helpdesk app"),
        {
            content: "Open the tickets menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='helpdesk_mgmt.helpdesk_ticket_menu']",
            run: "click",
        },
        {
            content: "Open all tickets",
            trigger: ".o-dropdown-item[data-menu-xmlid='helpdesk_mgmt.helpdesk_all_ticket_menu']",
            run: "click",
        },
        {
            content: "The ticket list is shown",
            trigger: ".o_list_view .o_list_table",
        },
    ],
});
