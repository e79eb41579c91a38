using System.Globalization;
using Parley.Determinism;
using Parley.Generation;
using Parley.Tasks;

namespace Parley.Evaluation;

/// <summary>Summarises scored trials as <see cref="EvaluationResults"/>: pass^k with bootstrap intervals overall and per domain, failures by kind, and each task's result.</summary>
internal static class EvaluationSummary
{
    public static EvaluationResults Of(IReadOnlyList<TrialRecord> records, IReadOnlyList<IReadOnlyList<TaskSpec>> groups, EvaluationOptions options, RoleEngines engines)
    {
        var tasksById = groups.SelectMany(g => g).GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var perTask = records.GroupBy(r => r.Task, StringComparer.Ordinal).Select(g => Task(g.ToList(), tasksById)).ToList();
        var k = options.Trials;
        return new EvaluationResults
        {
            Tasks = perTask.Count,
            Trials = k,
            Agent = engines.Agent,
            User = engines.User,
            Seed = options.Seed,
            TrialsPassed = records.Count(r => r.Passed),
            PassHatK = Curve(perTask, k, StableSeed.Derive(options.Seed, "bootstrap")),
            ByDomain = new SortedDictionary<string, DomainResults>(perTask.GroupBy(t => t.Domain).ToDictionary(g => g.Key, g => new DomainResults
            {
                Tasks = g.Count(),
                PassHatK = Curve([.. g], k, StableSeed.Derive(options.Seed, "bootstrap:" + g.Key)),
                Failures = Count(records.Where(r => r.Domain == g.Key)),
            }), StringComparer.Ordinal),
            Failures = Count(records),
            Success = EvaluationOptions.SuccessName(options.Success),
            AgentTools = options.AgentTools == AgentToolAccess.Mcp ? "mcp" : "direct",
            AttributedBy = options.Llm?.Judge is { } judge ? "rules+llm:" + judge.Settings.Model : "rules",
            Unattributed = records.Count(r => r.Failure?.Kind == FailureKinds.Unattributed) is > 0 and var n
                ? $"{n} failed trial{(n == 1 ? "" : "s")}: " + (options.Llm?.Judge is null ? LlmFailureJudge.Offline : "neither the rules nor the LLM judge could attribute them; see each trial's failure detail")
                : null,
            PerTask = perTask,
        };
    }

    private static SortedDictionary<string, int> Count(IEnumerable<TrialRecord> records) =>
        new(records.Where(r => r.Failure is not null).GroupBy(r => r.Failure!.Kind).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static SortedDictionary<string, PassHatKValue> Curve(IReadOnlyList<TaskResult> tasks, int trials, ulong seed)
    {
        var tallies = tasks.Select(t => new TaskTally(t.Successes, t.Trials)).ToList();
        var curve = new SortedDictionary<string, PassHatKValue>(Comparer<string>.Create((a, b) => int.Parse(a, CultureInfo.InvariantCulture).CompareTo(int.Parse(b, CultureInfo.InvariantCulture))));
        for (var k = 1; k <= trials; k++)
        {
            var value = PassHatK.Of(tallies, k);
            // The same resamples for every k, so the intervals, like the values, never increase with k.
            var (low, high) = Bootstrap.Interval(tallies, sample => PassHatK.Of(sample, k), seed);
            curve[k.ToString(CultureInfo.InvariantCulture)] = new PassHatKValue(Round(value), [Round(low), Round(high)]);
        }
        return curve;
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static TaskResult Task(List<TrialRecord> trials, IReadOnlyDictionary<string, TaskSpec> tasks)
    {
        var failed = trials.Where(t => t.Failure is { FailedTask: not null, FailedSubRequest: not null })
            .GroupBy(t => (t.Failure!.FailedTask!, t.Failure.FailedSubRequest!.Value))
            .Select(g => new SubRequestFailure(g.Key.Item1, g.Key.Value, Goal(tasks, g.Key.Item1, g.Key.Value), g.Count()))
            .OrderBy(f => f.Task, StringComparer.Ordinal).ThenBy(f => f.SubRequest).ToList();
        return new TaskResult
        {
            Task = trials[0].Task,
            Domain = trials[0].Domain,
            Successes = trials.Count(t => t.Passed),
            Trials = trials.Count,
            Failures = Count(trials),
            FailedSubRequests = failed,
        };
    }

    private static string Goal(IReadOnlyDictionary<string, TaskSpec> tasks, string task, int subRequest) =>
        tasks.TryGetValue(task, out var spec) && subRequest < spec.SubRequests.Count ? spec.SubRequests[subRequest].Goal : "";
}
