namespace Parley.Tests.TestDoubles;

/// <summary>
/// A small τ²-bench retail domain written for these tests in the published file format (db.json, policy.md, tasks.json):
/// 3 users, 2 products, 4 orders, and tasks that import, and tasks that do not (no action, an unknown tool, only failing actions).
/// </summary>
public static class Tau2Fixture
{
    public const string Db = """
    {
      "products": {
        "1000000001": {"name": "T-Shirt", "product_id": "1000000001", "variants": {
          "2000000001": {"item_id": "2000000001", "options": {"color": "blue", "size": "M"}, "available": true, "price": 50.0},
          "2000000002": {"item_id": "2000000002", "options": {"color": "red", "size": "M"}, "available": true, "price": 55.5},
          "2000000003": {"item_id": "2000000003", "options": {"color": "green", "size": "L"}, "available": false, "price": 48.0}}},
        "1000000002": {"name": "Keyboard", "product_id": "1000000002", "variants": {
          "3000000001": {"item_id": "3000000001", "options": {"switch": "linear"}, "available": true, "price": 120.0},
          "3000000002": {"item_id": "3000000002", "options": {"switch": "clicky"}, "available": true, "price": 130.25}}}
      },
      "users": {
        "ann_lee_1": {"user_id": "ann_lee_1", "name": {"first_name": "Ann", "last_name": "Lee"},
          "address": {"address1": "1 Elm St", "address2": "", "city": "Austin", "country": "USA", "state": "TX", "zip": "73301"},
          "email": "ann.lee@example.com",
          "payment_methods": {"credit_card_1": {"source": "credit_card", "id": "credit_card_1", "brand": "visa", "last_four": "1111"},
                              "gift_card_1": {"source": "gift_card", "id": "gift_card_1", "balance": 20.0}},
          "orders": ["#W0000001", "#W0000002"]},
        "bo_kim_2": {"user_id": "bo_kim_2", "name": {"first_name": "Bo", "last_name": "Kim"},
          "address": {"address1": "2 Oak Ave", "address2": "Apt 3", "city": "Denver", "country": "USA", "state": "CO", "zip": "80202"},
          "email": "bo.kim@example.com",
          "payment_methods": {"paypal_2": {"source": "paypal", "id": "paypal_2"}},
          "orders": ["#W0000003"]},
        "cy_diaz_3": {"user_id": "cy_diaz_3", "name": {"first_name": "Cy", "last_name": "Diaz"},
          "address": {"address1": "3 Pine Rd", "address2": "", "city": "Miami", "country": "USA", "state": "FL", "zip": "33101"},
          "email": "cy.diaz@example.com",
          "payment_methods": {"gift_card_3": {"source": "gift_card", "id": "gift_card_3", "balance": 100.0}},
          "orders": ["#W0000004"]}
      },
      "orders": {
        "#W0000001": {"order_id": "#W0000001", "user_id": "ann_lee_1",
          "address": {"address1": "1 Elm St", "address2": "", "city": "Austin", "country": "USA", "state": "TX", "zip": "73301"},
          "items": [{"name": "T-Shirt", "product_id": "1000000001", "item_id": "2000000001", "price": 50.0, "options": {"color": "blue", "size": "M"}}],
          "status": "pending", "fulfillments": [],
          "payment_history": [{"transaction_type": "payment", "amount": 50.0, "payment_method_id": "gift_card_1"}]},
        "#W0000002": {"order_id": "#W0000002", "user_id": "ann_lee_1",
          "address": {"address1": "1 Elm St", "address2": "", "city": "Austin", "country": "USA", "state": "TX", "zip": "73301"},
          "items": [{"name": "Keyboard", "product_id": "1000000002", "item_id": "3000000001", "price": 120.0, "options": {"switch": "linear"}},
                    {"name": "T-Shirt", "product_id": "1000000001", "item_id": "2000000001", "price": 50.0, "options": {"color": "blue", "size": "M"}}],
          "status": "delivered", "fulfillments": [{"tracking_id": ["900001"], "item_ids": ["3000000001", "2000000001"]}],
          "payment_history": [{"transaction_type": "payment", "amount": 170.0, "payment_method_id": "credit_card_1"}]},
        "#W0000003": {"order_id": "#W0000003", "user_id": "bo_kim_2",
          "address": {"address1": "2 Oak Ave", "address2": "Apt 3", "city": "Denver", "country": "USA", "state": "CO", "zip": "80202"},
          "items": [{"name": "T-Shirt", "product_id": "1000000001", "item_id": "2000000001", "price": 50.0, "options": {"color": "blue", "size": "M"}},
                    {"name": "T-Shirt", "product_id": "1000000001", "item_id": "2000000001", "price": 50.0, "options": {"color": "blue", "size": "M"}}],
          "status": "processed", "fulfillments": [{"tracking_id": ["900002"], "item_ids": ["2000000001", "2000000001"]}],
          "payment_history": [{"transaction_type": "payment", "amount": 100.0, "payment_method_id": "paypal_2"}]},
        "#W0000004": {"order_id": "#W0000004", "user_id": "cy_diaz_3",
          "address": {"address1": "3 Pine Rd", "address2": "", "city": "Miami", "country": "USA", "state": "FL", "zip": "33101"},
          "items": [{"name": "T-Shirt", "product_id": "1000000001", "item_id": "2000000001", "price": 50.0, "options": {"color": "blue", "size": "M"}},
                    {"name": "Keyboard", "product_id": "1000000002", "item_id": "3000000001", "price": 120.0, "options": {"switch": "linear"}}],
          "status": "pending", "fulfillments": [],
          "payment_history": [{"transaction_type": "payment", "amount": 170.0, "payment_method_id": "gift_card_3"}]}
      }
    }
    """;

    public const string Policy = "# Retail agent policy\n\nAuthenticate the user by email, or by name and zip code, before anything else.\nConfirm every change with the user (yes/no) before making it.\n";

    private static string Task(string id, string reason, string known, string actions) =>
        "{\"id\": \"" + id + "\", \"description\": {\"purpose\": null}, \"user_scenario\": {\"persona\": null, \"instructions\": {"
        + "\"task_instructions\": \"You are polite.\", \"domain\": \"retail\", \"reason_for_call\": \"" + reason + "\", \"known_info\": \"" + known + "\", \"unknown_info\": null}},"
        + " \"initial_state\": null, \"evaluation_criteria\": {\"actions\": [" + actions + "], \"communicate_info\": [], \"nl_assertions\": null, \"reward_basis\": [\"DB\"]}}";

    private static string Action(string name, string args) => $$"""{"action_id": "x", "name": "{{name}}", "arguments": {{args}}, "info": null}""";

    public static readonly string Tasks = "[" + string.Join(",\n",
        Task("0", "You want to cancel order #W0000001 because you no longer need it.", "Your email is ann.lee@example.com.",
            string.Join(",", Action("find_user_id_by_email", """{"email": "ann.lee@example.com"}"""), Action("get_order_details", """{"order_id": "#W0000001"}"""),
                Action("cancel_pending_order", """{"order_id": "#W0000001", "reason": "no longer needed"}"""))),
        Task("1", "You want to exchange the keyboard of order #W0000002 for a clicky one, paying with your card.", "You are Ann Lee in zip code 73301.",
            string.Join(",", Action("find_user_id_by_name_zip", """{"first_name": "Ann", "last_name": "Lee", "zip": "73301"}"""),
                Action("get_order_details", """{"order_id": "#W0000002"}"""), Action("get_product_details", """{"product_id": "1000000002"}"""),
                Action("calculate", """{"expression": "130.25 - 120"}"""),
                Action("exchange_delivered_order_items", """{"order_id": "#W0000002", "item_ids": ["3000000001"], "new_item_ids": ["3000000002"], "payment_method_id": "credit_card_1"}"""))),
        Task("2", "You want the T-shirt of pending order #W0000004 in red, and the order shipped to 9 Bay St, Miami, FL 33139, USA.", "Your email is cy.diaz@example.com.",
            string.Join(",", Action("find_user_id_by_email", """{"email": "cy.diaz@example.com"}"""), Action("get_order_details", """{"order_id": "#W0000004"}"""),
                Action("modify_pending_order_items", """{"order_id": "#W0000004", "item_ids": ["2000000001"], "new_item_ids": ["2000000002"], "payment_method_id": "gift_card_3"}"""),
                Action("modify_pending_order_address", """{"order_id": "#W0000004", "address1": "9 Bay St", "address2": "", "city": "Miami", "state": "FL", "country": "USA", "zip": "33139"}"""))),
        Task("3", "You want to return the T-shirt of order #W0000002 to your gift card.", "Your email is ann.lee@example.com.",
            string.Join(",", Action("find_user_id_by_email", """{"email": "ann.lee@example.com"}"""), Action("find_user_id_by_email", """{"email": "ann.lee@example.com"}"""),
                Action("return_delivered_order_items", """{"order_id": "#W0000002", "item_ids": ["2000000001"], "payment_method_id": "gift_card_1"}"""))),
        Task("4", "You want a refund in cash, which the policy does not allow.", "Your email is bo.kim@example.com.", ""),
        Task("5", "You want to book a flight.", "Your email is bo.kim@example.com.", Action("book_flight", """{"flight": "X1"}""")),
        Task("6", "You want to exchange order #W0000003, which has not been delivered.", "Your email is bo.kim@example.com.",
            Action("exchange_delivered_order_items", """{"order_id": "#W0000003", "item_ids": ["2000000001"], "new_item_ids": ["2000000002"], "payment_method_id": "paypal_2"}"""))) + "]";

    /// <summary>Writes the domain's files into <paramref name="folder"/> and returns it.</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "db.json"), Db);
        File.WriteAllText(Path.Combine(folder, "policy.md"), Policy);
        File.WriteAllText(Path.Combine(folder, "tasks.json"), Tasks);
        return folder;
    }
}
