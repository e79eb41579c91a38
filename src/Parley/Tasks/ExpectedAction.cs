using System.Text.Json;

namespace Parley.Tasks;

/// <summary>A tool call the task requires, with concrete arguments, as executed on the planner's scratch copy.</summary>
public sealed record ExpectedAction(string Tool, JsonElement Arguments, int SubRequest);
