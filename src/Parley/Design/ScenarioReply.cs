using Parley.Environments;

namespace Parley.Design;

/// <summary>A scenario as the designer's strict schema asks for it: choices and arguments as lists of named entries.</summary>
internal sealed record ScenarioReply
{
    public required string Id { get; init; }
    public required string Goal { get; init; }
    public required string Difficulty { get; init; }
    public required string Sample { get; init; }
    public required IReadOnlyList<string> Knows { get; init; }
    public required IReadOnlyList<ChoiceReply> Choices { get; init; }
    public required IReadOnlyList<RequestReply> Requests { get; init; }

    /// <summary>The scenario as an environment keeps it.</summary>
    public ScenarioSpec ToSpec() => new()
    {
        Id = Id,
        Goal = Goal,
        Difficulty = Difficulty,
        Sample = Sample,
        Knows = Knows,
        Choices = Choices.GroupBy(c => c.Fact, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Values, StringComparer.Ordinal),
        Requests = [.. Requests.Select(r => new ScenarioRequest
        {
            Goal = r.Goal,
            Say = r.Say,
            Calls = [.. r.Calls.Select(c => new ScenarioCall { Tool = c.Tool, Args = c.Args.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)g.Last().Value, StringComparer.Ordinal) })],
        })],
    };

    /// <summary>A draft's scenario in the reply's shape, to show the model (follow-ups and declines are the draft's own).</summary>
    public static ScenarioReply From(ScenarioSpec scenario) => new()
    {
        Id = scenario.Id,
        Goal = scenario.Goal,
        Difficulty = scenario.Difficulty,
        Sample = scenario.Sample,
        Knows = scenario.Knows,
        Choices = [.. scenario.Choices.Select(c => new ChoiceReply(c.Key, c.Value))],
        Requests = [.. scenario.Requests.Select(r => new RequestReply(r.Goal, r.Say, [.. r.Calls.Select(c => new CallReply(c.Tool, NamedValue.From(c.Args)))]))],
    };
}

/// <summary>A scenario's extra fact and the values it is drawn from.</summary>
internal sealed record ChoiceReply(string Fact, IReadOnlyList<string> Values);

/// <summary>One step of a scenario.</summary>
internal sealed record RequestReply(string Goal, IReadOnlyList<string> Say, IReadOnlyList<CallReply> Calls);

/// <summary>One expected call of a step.</summary>
internal sealed record CallReply(string Tool, IReadOnlyList<NamedValue> Args);
