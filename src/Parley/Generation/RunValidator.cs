using Parley.Dialogues;
using Parley.Environments;
using Parley.Export;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Generation;

/// <summary>
/// Re-checks a run folder from its files alone: each kept dialogue's structure, and its tool calls replayed in order on
/// a fresh copy of its environment — every result must equal the recorded one and the final state must hash to the
/// last task's expected end state.
/// </summary>
public sealed class RunValidator(DomainCatalog catalog)
{
    /// <summary>One dialogue's failed checks (empty when it passed).</summary>
    public sealed record Finding(string DialogueId, IReadOnlyList<string> Failures);

    /// <summary>Validates every dialogue of <paramref name="runFolder"/>'s <c>dialogues.jsonl</c>.</summary>
    public async Task<IReadOnlyList<Finding>> ValidateAsync(string runFolder, CancellationToken cancellationToken = default)
    {
        var path = OutputDirectory.DialoguesOf(runFolder);
        var tasksPath = Path.Combine(runFolder, OutputDirectory.TasksFile);
        var tasks = File.Exists(tasksPath) ? JsonlFile.Read(tasksPath, ParleyJsonContext.Default.TaskSpec).ToLookup(t => t.DialogueId) : Enumerable.Empty<TaskSpec>().ToLookup(t => t.DialogueId);
        var environments = new Dictionary<string, EnvironmentDatabase>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        try
        {
            foreach (var dialogue in JsonlFile.Read(path, ParleyJsonContext.Default.Dialogue))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = dialogue.Metadata.EnvironmentId;
                if (!environments.TryGetValue(id, out var env))
                {
                    environments[id] = env = EnvironmentDatabase.Build(ArtifactLoader.FindEnvironment(id, path, catalog), 0);
                }
                var own = tasks[dialogue.Id].OrderBy(t => t.Index).ToList();
                var failures = (await new StructuralVerifier().VerifyAsync(new VerificationContext(dialogue, own, env.Tools), cancellationToken))
                    .Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
                if (GroundingVerifier.Check(dialogue.Messages) is { Passed: false } grounding) failures.Add($"{grounding.Name}: {grounding.Detail}");
                failures.AddRange(await ReplayAsync(env, dialogue, own, cancellationToken));
                findings.Add(new Finding(dialogue.Id, failures));
            }
        }
        finally
        {
            foreach (var env in environments.Values) env.Dispose();
        }
        return findings;
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
        using var session = DialogueSession.Open(env);
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
        var hash = env.Hasher.Hash(session.Database);
        return hash == tasks[^1].ExpectedEndState ? [] : [$"end_state: the replayed state {hash} differs from the expected {tasks[^1].ExpectedEndState}"];
    }
}
