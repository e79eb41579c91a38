using System.Text.Json;

namespace Parley.Tasks;

/// <summary>A tool call as planned: argument expressions, resolved against the conversation when it is made.</summary>
public sealed record PlannedCall(string Tool, IReadOnlyDictionary<string, JsonElement> Args);
