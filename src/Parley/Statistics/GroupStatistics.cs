using Parley.Determinism;
using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>Statistics of one group of dialogues (a mode, a domain). Means and medians are over kept dialogues.</summary>
#pragma warning disable CS1591 // self-describing statistic names
public sealed record GroupStatistics
{
    public required string Mode { get; init; }
    public required string Domain { get; init; }
    public required int Dialogues { get; init; }
    public required int Kept { get; init; }
    public required double PassRate { get; init; }
    public required Summary Turns { get; init; }
    public required Summary UserTurns { get; init; }
    public required Summary AssistantTurns { get; init; }
    public required Summary ToolCalls { get; init; }
    public required Summary Tasks { get; init; }
    /// <summary>o200k_base tokens of the rendered conversation (see <see cref="DialogueTokenCounter"/>).</summary>
    public required Summary Tokens { get; init; }
    public required int DistinctTools { get; init; }
    public required double ToolErrorRate { get; init; }
    public required double DistinctUserMessages { get; init; }
    public required double DistinctOpenings { get; init; }

    /// <summary>The statistics of a group, added one dialogue at a time.</summary>
    internal sealed class Accumulator(string mode, string domain)
    {
        private readonly IntTally _turns = new(), _userTurns = new(), _assistantTurns = new(), _toolCalls = new(), _tasks = new(), _tokens = new();
        private readonly HashSet<string> _tools = new(StringComparer.Ordinal);
        // Hashes of texts, not the texts: a run of any size costs 8 bytes per distinct message.
        private readonly HashSet<ulong> _userMessages = [];
        private readonly HashSet<ulong> _openings = [];
        private int _dialogues, _kept, _userMessageCount, _calls, _errors;

        /// <summary>The group's mode.</summary>
        public string Mode => mode;

        /// <summary>Kept dialogues added.</summary>
        public int Kept => _kept;

        /// <summary>Turns of the kept dialogues.</summary>
        public IntTally Turns => _turns;

        /// <summary>User messages of the kept dialogues.</summary>
        public IntTally UserTurns => _userTurns;

        /// <summary>Tool calls of the kept dialogues.</summary>
        public IntTally ToolCalls => _toolCalls;

        /// <summary>Tasks of the kept dialogues.</summary>
        public IntTally Tasks => _tasks;

        /// <summary>Tokens of the kept dialogues.</summary>
        public IntTally Tokens => _tokens;

        /// <summary>Adds a dialogue; <paramref name="tokens"/> counts only when it is kept.</summary>
        public void Add(Dialogue dialogue, bool kept, int tokens)
        {
            _dialogues++;
            if (!kept) return;
            _kept++;
            var counts = dialogue.Metadata.Counts;
            _turns.Add(counts.Turns);
            _userTurns.Add(counts.UserMessages);
            _assistantTurns.Add(counts.AssistantMessages);
            _toolCalls.Add(counts.ToolCalls);
            _tasks.Add(counts.Tasks);
            _tokens.Add(tokens);
            _calls += counts.ToolCalls;
            _errors += counts.ToolErrors;
            string? opening = null;
            foreach (var message in dialogue.Messages)
            {
                if (message is UserMessage user)
                {
                    _userMessages.Add(Fnv1a.Hash(user.Content ?? ""));
                    _userMessageCount++;
                    opening ??= user.Content ?? "";
                }
                else if (message is AssistantMessage { ToolCalls: { } calls })
                {
                    foreach (var call in calls) _tools.Add(call.Function.Name);
                }
            }
            _openings.Add(Fnv1a.Hash(opening ?? ""));
        }

        /// <summary>The group's statistics so far.</summary>
        public GroupStatistics Result() => new()
        {
            Mode = mode,
            Domain = domain,
            Dialogues = _dialogues,
            Kept = _kept,
            PassRate = _dialogues == 0 ? 0 : Math.Round((double)_kept / _dialogues, 4),
            Turns = Summary.Of(_turns),
            UserTurns = Summary.Of(_userTurns),
            AssistantTurns = Summary.Of(_assistantTurns),
            ToolCalls = Summary.Of(_toolCalls),
            Tasks = Summary.Of(_tasks),
            Tokens = Summary.Of(_tokens),
            DistinctTools = _tools.Count,
            ToolErrorRate = _calls == 0 ? 0 : Math.Round((double)_errors / _calls, 4),
            DistinctUserMessages = Share(_userMessages.Count, _userMessageCount),
            DistinctOpenings = Share(_openings.Count, _kept),
        };

        private static double Share(int distinct, int all) => all == 0 ? 0 : Math.Round((double)distinct / all, 4);
    }
}

/// <summary>Mean, median, minimum and maximum of a count.</summary>
public sealed record Summary(double Mean, double Median, int Min, int Max)
{
    /// <summary>Summarises the values (all zero when there are none).</summary>
    public static Summary Of(IEnumerable<int> values) => Of(IntTally.Of(values));

    /// <summary>Summarises a tally of values (all zero when there are none).</summary>
    internal static Summary Of(IntTally values)
    {
        if (values.Count == 0) return new Summary(0, 0, 0, 0);
        var n = values.Count;
        var median = n % 2 == 1 ? values.At(n / 2) : (values.At(n / 2 - 1) + values.At(n / 2)) / 2.0;
        return new Summary(Math.Round((double)values.Sum / n, 2), median, values.Min, values.Max);
    }
}
