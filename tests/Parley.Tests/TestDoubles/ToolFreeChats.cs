using System.Text.Json.Nodes;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// Tool-free conversations written by the test, in both formats <c>parley augment</c> reads: small talk that brushes
/// against the built-in domains (a flight, a hotel stay, a library book), one to three exchanges each.
/// </summary>
public static class ToolFreeChats
{
    private static readonly (string User, string Assistant)[][] Topics =
    [
        [("I'm flying next month and I'm nervous about the flight.", "That's common. Breathing exercises and a good book help."), ("Window or aisle seat?", "A window for sleeping, an aisle for stretching your legs.")],
        [("We're planning a weekend away and need a hotel room.", "Lovely. City or countryside?"), ("Is breakfast usually included?", "It depends on the rate.")],
        [("I've been reading a lot of mystery books lately.", "A great genre to get lost in!"), ("How long can I keep a library book?", "Usually two to three weeks.")],
        [("I ordered a blender and wonder how deliveries work.", "Deliveries usually take three to five days."), ("How do returns work for orders?", "Most products can be returned within thirty days.")],
        [("I'm trying to manage the money in my account better.", "A simple budget is a great start."), ("How much should savings hold?", "Three to six months of expenses is a common aim.")],
    ];

    /// <summary>The JSONL text of <paramref name="count"/> chats, alternating OpenAI and ShareGPT lines.</summary>
    public static string Jsonl(int count)
    {
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var topic = Topics[i % Topics.Length];
            var exchanges = topic.Take(i % topic.Length + 1).ToList();
            JsonObject chat;
            if (i % 2 == 0)
            {
                var messages = new JsonArray();
                if (i % 4 == 0) messages.Add(new JsonObject { ["role"] = "system", ["content"] = "You are a friendly assistant." });
                foreach (var (user, assistant) in exchanges)
                {
                    messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"{user} (#{i})" });
                    messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = assistant });
                }
                chat = new JsonObject { ["messages"] = messages };
            }
            else
            {
                var turns = new JsonArray();
                foreach (var (user, assistant) in exchanges)
                {
                    turns.Add(new JsonObject { ["from"] = "human", ["value"] = $"{user} (#{i})" });
                    turns.Add(new JsonObject { ["from"] = "gpt", ["value"] = assistant });
                }
                chat = new JsonObject { ["conversations"] = turns };
            }
            lines.Add(chat.ToJsonString());
        }
        return string.Join("\n", lines) + "\n";
    }
}
