using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Statistics;

/// <summary>
/// The numbers of a dataset card: per mode and domain summaries, distributions of per-dialogue counts, tool coverage,
/// tool errors and recoveries, and termination reasons.
/// </summary>
/// <param name="Groups">Per mode (domain <c>all</c>) and per mode and domain, counting kept and rejected dialogues.</param>
/// <param name="Distributions">Histograms over the kept dialogues, by name: <c>turns</c>, <c>user_turns</c>,
/// <c>assistant_turns</c>, <c>tool_calls</c>, <c>tasks</c>, <c>tokens</c> (o200k_base, see <see cref="DialogueTokenCounter"/>).</param>
/// <param name="Coverage">Per domain, the tools declared and called in the kept dialogues.</param>
/// <param name="Errors">Tool errors and recoveries in the kept dialogues.</param>
/// <param name="Terminations">Every dialogue (kept and rejected) per termination reason, in the reasons' declared order, only reasons that occur.</param>
/// <param name="Habits">Habits the kept dialogues would teach (see <see cref="HabitStatistics"/>).</param>
public sealed record DatasetStatistics(
    IReadOnlyList<GroupStatistics> Groups,
    IReadOnlyDictionary<string, Histogram> Distributions,
    IReadOnlyList<ToolCoverage> Coverage,
    ToolErrorStatistics Errors,
    IReadOnlyDictionary<string, int> Terminations,
    HabitStatistics Habits)
{
    /// <summary>The distribution names, in the order <see cref="Distributions"/> lists them.</summary>
    public static IReadOnlyList<string> DistributionNames { get; } = ["turns", "user_turns", "assistant_turns", "tool_calls", "tasks", "tokens"];

    /// <summary>Reads a run folder's kept and rejected dialogues one batch at a time and summarises them.</summary>
    public static DatasetStatistics Load(string runFolder)
    {
        var accumulator = new Accumulator();
        accumulator.AddAll(RunReader.Dialogues(runFolder, DialogueSet.Kept).Select(d => d.Dialogue), kept: true);
        accumulator.AddAll(RunReader.Dialogues(runFolder, DialogueSet.Rejected).Select(d => d.Dialogue), kept: false);
        return accumulator.Result();
    }

    /// <summary>Summarises dialogues that passed and failed verification. For one mode's numbers alone, pass only that mode's dialogues.</summary>
    public static DatasetStatistics Of(IReadOnlyList<Dialogue> kept, IReadOnlyList<Dialogue> rejected)
    {
        var accumulator = new Accumulator();
        accumulator.AddAll(kept, kept: true);
        accumulator.AddAll(rejected, kept: false);
        return accumulator.Result();
    }

    /// <summary>
    /// The statistics of dialogues added a batch at a time: only counters, tallies and the distinct texts the shares
    /// need stay, never a dialogue. Results depend only on the order dialogues are added.
    /// </summary>
    internal sealed class Accumulator
    {
        // Tokens are counted in parallel over a batch this size; the rest is added in order.
        private const int BatchSize = 256;
        private readonly SortedDictionary<DialogueMode, (GroupStatistics.Accumulator All, SortedDictionary<string, GroupStatistics.Accumulator> Domains)> _modes = [];
        private readonly IntTally _turns = new(), _userTurns = new(), _assistantTurns = new(), _toolCalls = new(), _tasks = new(), _tokens = new();
        private readonly ToolCoverage.Accumulator _coverage = new();
        private readonly ToolErrorStatistics.Accumulator _errors = new();
        private readonly HabitStatistics.Accumulator _habits = new();
        private readonly SortedDictionary<TerminationReason, int> _terminations = [];

        /// <summary>Per mode present, in order, its <c>all</c> group and its groups per domain (ordinal order).</summary>
        internal IEnumerable<(GroupStatistics.Accumulator All, IReadOnlyDictionary<string, GroupStatistics.Accumulator> Domains)> Modes =>
            _modes.Values.Select(m => (m.All, (IReadOnlyDictionary<string, GroupStatistics.Accumulator>)m.Domains));

        /// <summary>Adds dialogues that were all kept or all rejected, counting the kept ones' tokens in parallel a batch at a time.</summary>
        public void AddAll(IEnumerable<Dialogue> dialogues, bool kept)
        {
            var counter = DialogueTokenCounter.O200kBase;
            foreach (var batch in dialogues.Chunk(BatchSize))
            {
                var tokens = new int[batch.Length];
                if (kept) Parallel.For(0, batch.Length, i => tokens[i] = counter.Count(batch[i]));
                for (var i = 0; i < batch.Length; i++) Add(batch[i], kept, tokens[i]);
            }
        }

        private void Add(Dialogue dialogue, bool kept, int tokens)
        {
            var m = dialogue.Metadata;
            if (!_modes.TryGetValue(m.Mode, out var mode))
            {
                _modes[m.Mode] = mode = (new GroupStatistics.Accumulator(m.Mode.Name(), "all"), new SortedDictionary<string, GroupStatistics.Accumulator>(StringComparer.Ordinal));
            }
            if (!mode.Domains.TryGetValue(m.Domain, out var domain)) mode.Domains[m.Domain] = domain = new GroupStatistics.Accumulator(m.Mode.Name(), m.Domain);
            mode.All.Add(dialogue, kept, tokens);
            domain.Add(dialogue, kept, tokens);
            _terminations[m.Termination] = _terminations.GetValueOrDefault(m.Termination) + 1;
            if (!kept) return;
            _turns.Add(m.Counts.Turns);
            _userTurns.Add(m.Counts.UserMessages);
            _assistantTurns.Add(m.Counts.AssistantMessages);
            _toolCalls.Add(m.Counts.ToolCalls);
            _tasks.Add(m.Counts.Tasks);
            _tokens.Add(tokens);
            _coverage.Add(dialogue);
            _errors.Add(dialogue);
            _habits.Add(dialogue);
        }

        /// <summary>The statistics of every dialogue added.</summary>
        public DatasetStatistics Result()
        {
            var distributions = new Dictionary<string, Histogram>(StringComparer.Ordinal)
            {
                ["turns"] = Histogram.Of(_turns),
                ["user_turns"] = Histogram.Of(_userTurns),
                ["assistant_turns"] = Histogram.Of(_assistantTurns),
                ["tool_calls"] = Histogram.Of(_toolCalls),
                ["tasks"] = Histogram.Of(_tasks),
                ["tokens"] = Histogram.Of(_tokens),
            };
            var terminations = _terminations.ToDictionary(t => Name(t.Key), t => t.Value, StringComparer.Ordinal);
            return new DatasetStatistics(Groups(), distributions, _coverage.Result(), _errors.Result(), terminations, _habits.Result());
        }

        /// <summary>The groups alone: per mode (domain <c>all</c>), then that mode's domains.</summary>
        public IReadOnlyList<GroupStatistics> Groups() => [.. _modes.Values.SelectMany(m => m.Domains.Values.Prepend(m.All)).Select(g => g.Result())];
    }

    private static string Name(TerminationReason reason) =>
        System.Text.Json.JsonSerializer.Serialize(reason, DialogueJsonContext.Default.TerminationReason).Trim('"');
}
