using System.Text.Json;
using Parley.Dialogues;
using Parley.Tools;

namespace Parley.Verification;

/// <summary>
/// Verifies a dialogue over an MCP server by what was recorded and, where the server has a state probe, by its state:
/// every expected write was called with the planned arguments and succeeded, every expected read was called and
/// succeeded, and the probe's answer after the dialogue equals the one the planner saw after the last task.
/// Dialogues over SQL environments get no checks from it.
/// </summary>
internal sealed class McpVerifier : IVerifier
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        if (context.Dialogue.Metadata.Mcp is not { } run) return ValueTask.FromResult<IReadOnlyList<CheckResult>>([]);
        var answered = context.Dialogue.Messages.OfType<ToolMessage>().Where(m => !m.IsError).Select(m => m.ToolCallId).ToHashSet(StringComparer.Ordinal);
        var succeeded = context.Dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Where(c => answered.Contains(c.Id)).ToList();
        var checks = new List<CheckResult>();
        foreach (var (task, i) in context.Tasks.Select((t, i) => (t, i)))
        {
            var missing = task.ExpectedActions.Where(a => !succeeded.Any(c => c.Function.Name == a.Tool
                && (!IsWrite(context, a.Tool) || SameArguments(c.Function.Arguments, a.Arguments)))).ToList();
            checks.Add(new CheckResult(new CheckName(CheckKind.Calls, i), missing.Count == 0,
                missing.Count == 0 ? null : $"task {task.Id}: no successful call of {string.Join(", ", missing.Select(a => a.Tool))} with the planned arguments"));
        }
        if (run.Probe is not null && context.Tasks.Count > 0)
        {
            var expected = context.Tasks[^1].ExpectedEndState;
            checks.Add(new CheckResult(new CheckName(CheckKind.StateProbe), run.ProbeState == expected,
                run.ProbeState == expected ? null : $"{run.Probe} answered {run.ProbeState ?? "nothing"} after the dialogue, not {expected} as planned"));
        }
        return ValueTask.FromResult<IReadOnlyList<CheckResult>>(checks);
    }

    private static bool IsWrite(VerificationContext context, string tool) => context.Tools.TryGet(tool, out var spec) && spec.Access == ToolAccess.Write;

    private static bool SameArguments(string given, JsonElement planned)
    {
        try
        {
            return JsonElement.DeepEquals(JsonElement.Parse(string.IsNullOrWhiteSpace(given) ? "{}" : given), planned);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
