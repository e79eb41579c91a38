using System.Text.Json.Nodes;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// Writes a plan drafted the readable way (facts and arguments as objects, optional keys left out) in the shape the
/// planner's strict schema asks for: every key present, facts and arguments as <c>{name, value}</c> pairs.
/// </summary>
public static class StrictPlanJson
{
    /// <summary>The plan <paramref name="plan"/> as a model under the strict schema writes it.</summary>
    public static string Write(JsonNode plan)
    {
        var copy = plan.DeepClone().AsObject();
        foreach (var task in copy["tasks"]!.AsArray().Select(t => t!.AsObject()))
        {
            task["difficulty"] ??= "medium";
            foreach (var facts in new[] { "user_facts", "hidden_facts", "mind_changes" }) task[facts] = Pairs(task[facts]);
            if (!task.ContainsKey("builds_on")) task["builds_on"] = null;
            foreach (var sub in task["sub_requests"]!.AsArray().Select(s => s!.AsObject()))
            {
                sub["follow_ups"] ??= new JsonArray();
                foreach (var call in sub["calls"]!.AsArray().Select(c => c!.AsObject())) call["arguments"] = Pairs(call["arguments"]);
            }
        }
        return copy.ToJsonString();
    }

    // Pairs already written as pairs stay as they are.
    private static JsonArray Pairs(JsonNode? values) => values switch
    {
        JsonObject o => new JsonArray([.. o.Select(p => (JsonNode)new JsonObject { ["name"] = p.Key, ["value"] = p.Value?.DeepClone() })]),
        JsonArray a => a.DeepClone().AsArray(),
        _ => [],
    };
}
