using System.Runtime.CompilerServices;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Runs;

/// <summary>
/// Re-checks a run folder from its files alone: each kept dialogue's structure, and its tool calls replayed in order on
/// a fresh copy of its environment (a clean MCP server for an MCP environment) — every result must equal the recorded
/// one and the final state must hash (or probe) to the last task's expected end state. A run's files are read through
/// <see cref="RunReader"/>, one dialogue at a time, so lines changed after the run are refused with their line number;
/// a folder without a ledger (written by <c>parley filter</c>) is checked by content alone.
/// </summary>
public sealed class RunValidator(DomainCatalog catalog)
{
    /// <summary>One dialogue's failed checks (empty when it passed).</summary>
    public sealed record Finding(string DialogueId, IReadOnlyList<string> Failures);

    /// <summary>Validates every dialogue of <paramref name="runFolder"/>'s <c>dialogues.jsonl</c>, yielding each one's finding as it is checked.</summary>
    public async IAsyncEnumerable<Finding> ValidateAsync(string runFolder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = OutputDirectory.DialoguesOf(runFolder);
        var environments = new Dictionary<string, EnvironmentDatabase>(StringComparer.Ordinal);
        try
        {
            foreach (var (dialogue, tasks) in Dialogues(runFolder, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = dialogue.Metadata.EnvironmentId;
                if (!environments.TryGetValue(id, out var env))
                {
                    environments[id] = env = EnvironmentDatabase.Build(ArtifactLoader.FindEnvironment(id, path, catalog), 0);
                }
                var own = tasks.OrderBy(t => t.Index).ToList();
                var failures = (await new StructuralVerifier().VerifyAsync(new VerificationContext(dialogue, own, env.Tools), cancellationToken))
                    .Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
                if (GroundingVerifier.Check(dialogue.Messages) is { Passed: false } grounding) failures.Add($"{grounding.Name}: {grounding.Detail}");
                failures.AddRange(await ReplayAsync(env, dialogue, own, cancellationToken));
                yield return new Finding(dialogue.Id, failures);
            }
        }
        finally
        {
            foreach (var env in environments.Values) env.Dispose();
        }
    }

    // A run's tasks are its items' own lines of tasks.jsonl; a folder without a ledger can only be matched by dialogue id.
    private static IEnumerable<(Dialogue Dialogue, IReadOnlyList<TaskSpec> Tasks)> Dialogues(string folder, CancellationToken cancellationToken)
    {
        var tasksPath = Path.Combine(folder, OutputDirectory.TasksFile);
        var byDialogue = RunFolder.IsRun(folder) || !File.Exists(tasksPath)
            ? Enumerable.Empty<TaskSpec>().ToLookup(t => t.DialogueId)
            : JsonlFile.Read(tasksPath, RunJsonContext.Default.TaskSpec).ToLookup(t => t.DialogueId);
        return RunReader.Dialogues(folder, DialogueSet.Kept, cancellationToken).Select(d => (d.Dialogue, d.Item?.TaskSpecs ?? [.. byDialogue[d.Dialogue.Id]]));
    }

    // Runs written before tool results used minimal escaping hold the same JSON with other escapes.
    private static bool SameJson(string recorded, string replayed)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(recorded), System.Text.Json.Nodes.JsonNode.Parse(replayed));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<string>> ReplayAsync(EnvironmentDatabase env, Dialogue dialogue, List<TaskSpec> tasks, CancellationToken cancellationToken)
    {
        // An MCP environment replays on a clean server of its own, and its state probe stands in for the state hash.
        await using var mcp = env.Spec.Mcp is { } server ? new Mcp.McpToolExecutor(server) : null;
        try
        {
            return await ReplayAsync(env, mcp, dialogue, tasks, cancellationToken);
        }
        catch (ToolServerLostException e)
        {
            return [$"replay: {e.Message}"];
        }
    }

    private static async Task<IReadOnlyList<string>> ReplayAsync(EnvironmentDatabase env, Mcp.McpToolExecutor? mcp, Dialogue dialogue, List<TaskSpec> tasks, CancellationToken cancellationToken)
    {
        using var session = DialogueSession.Open(env, mcp);
        var recorded = dialogue.Messages.OfType<ToolMessage>().GroupBy(m => m.ToolCallId).ToDictionary(g => g.Key, g => g.First().Content, StringComparer.Ordinal);
        foreach (var call in dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            var result = await session.Executor.ExecuteAsync(new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), cancellationToken);
            if (!recorded.TryGetValue(call.Id, out var content) || content != result.Content && !SameJson(content, result.Content))
            {
                return [$"replay: call {call.Id} ({call.Function.Name}) does not give the recorded result"];
            }
        }
        if (tasks.Count == 0) return ["end_state: the run's tasks.jsonl has no tasks for this dialogue"];
        if (mcp is not null && env.Spec.Mcp!.Probe is null) return [];
        var hash = mcp is null ? env.Hasher.Hash(session.Database) : await mcp.ProbeAsync(cancellationToken);
        return hash == tasks[^1].ExpectedEndState ? [] : [$"end_state: the replayed state {hash} differs from the expected {tasks[^1].ExpectedEndState}"];
    }
}
