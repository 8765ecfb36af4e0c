import { registry } from "@web/core/registry";

/**
 * A portal customer who reads the portal in Chinese reports a quality problem from
 * /my/complaint/new: subject, order, product, quantity, the problem description and
 * what he asks for; he lands on the page of the complaint he created.
 */
registry.category("web_tour.tours").add("quality_feedback_portal_complaint_zh", {
    steps: () => [
        {
            content: "The form is in Chinese",
            trigger: "h1:contains(反馈质量问题)",
        },
        {
            content: "Subject",
            trigger: "input#qf_subject",
            run: "edit 餐椅底座开裂",
        },
        {
            content: "Order",
            trigger: "select#qf_order",
            run: "selectByIndex 1",
        },
        {
            content: "Product",
            trigger: "select#qf_product",
            run: "selectByIndex 1",
        },
        {
            content: "Quantity affected",
            trigger: "input#qf_qty",
            run: "edit 3",
        },
        {
            content: "Describe the problem",
            trigger: "textarea#qf_description",
            run: "edit 三把餐椅的铝合金底座在使用两周后开裂。",
        },
        {
            content: "What the customer asks for",
            trigger: "textarea#qf_request",
            run: "edit 请更换三个底座。",
        },
        {
            content: "Send",
            trigger: "form[action='/my/complaint/submit'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The complaint page shows its number",
            trigger: "div[name='qf_number']:contains(QF)",
        },
        {
            content: "and what the customer asked for",
            trigger: "span:contains(请更换三个底座。)",
        },
    ],
});
