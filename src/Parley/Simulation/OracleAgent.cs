using System.Text.Json;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// The rule-based agent: an oracle planner over the user's requests (taken from the user's acts, as a perfect
/// language-understanding step would), following the task plan it is given (<see cref="AgentView.Plan"/>). It resolves each argument from what the user said or earlier results, asks for
/// what is missing, asks which record is meant when several fit, confirms before every write, calls one tool at a time (with
/// independent look-ups the user already asked for beside it),
/// recovers from errors by asking the user to check what they gave, and summarises each result.
/// </summary>
/// <remarks>Deterministic: every choice comes from the seeded generator held in <see cref="AgentState"/>.</remarks>
internal sealed partial class OracleAgent : IAgent
{
    private const int MaxFailures = 3;
    private static readonly TemplateBank Bank = TemplateBank.Agent;

    // Parsed tool results, memoised per message object: each result is parsed once per dialogue, not once per turn.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ToolMessage, object> _parsed = [];

    /// <inheritdoc />
    public ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default)
    {
        var rng = new SeededRandom(view.State.Rng);
        var turn = Decide(view, rng);
        return ValueTask.FromResult(turn with { State = turn.State with { Rng = rng.State } });
    }

    private AgentTurn Decide(AgentView view, SeededRandom rng)
    {
        var state = view.State;
        var acts = new List<DialogueAct>();
        var last = view.Messages.Count > 0 ? view.Messages[^1] : null;
        if (last is UserMessage)
        {
            if (view.UserActs.Any(a => a.Type == ActType.Bye) && !view.UserActs.Any(a => a.Type == ActType.Request))
            {
                return Say(state, Compose(rng, ("goodbye_open", Addressee(view, rng)), ("goodbye_wish", "")), new DialogueAct(ActType.Goodbye));
            }
            if (view.UserActs.Any(a => a.Type == ActType.PushBack) && state.Declined is { } held)
            {
                // One objection does not change the policy: the agent holds, kindly, and repeats the alternative.
                return Say(state, Bank.Say("decline_hold", "", rng, ("what", held.What), ("because", held.Because), ("offer", held.Offer)),
                    new DialogueAct(ActType.Decline));
            }
            if (view.UserActs.Any(a => a.Type == ActType.FollowUp) && state.LastReported.Count > 0)
            {
                return Say(state, Answer(view, state, rng), new DialogueAct(ActType.Answer));
            }
            state = IngestUser(state, view.UserActs);
            if (view.UserActs.FirstOrDefault(a => a.Type == ActType.DontKnow) is { } unknown && state.Queue.Count > 0)
            {
                // Nothing else can supply the fact: say so and let the user move on instead of asking forever.
                var head = state.Queue[0];
                var dropped = state with { Queue = state.Queue.Skip(1).ToList(), CallIndex = 0, HeadResults = [], Confirmed = null, Proposed = null };
                return Flush(dropped, acts, Bank.Say("cannot_continue", "", rng, ("label", FactLabel.Of(unknown.Fact ?? "detail"))),
                    new DialogueAct(ActType.Report) { Task = head.Task, Request = head.Request });
            }
        }
        else if (last is ToolMessage)
        {
            var (next, problem) = IngestTools(view, state, rng);
            state = next;
            if (problem is not null) return problem;
        }
        return Progress(view, state, acts, rng);
    }

    private static AgentState IngestUser(AgentState state, IReadOnlyList<DialogueAct> userActs)
    {
        var queue = state.Queue.ToList();
        var stated = new Dictionary<string, string>(state.Stated, StringComparer.Ordinal);
        var mentions = new Dictionary<string, string>(state.Mentions, StringComparer.Ordinal);
        var confirmed = state.Confirmed;
        foreach (var act in userActs)
        {
            switch (act.Type)
            {
                case ActType.Request when !queue.Any(q => q.Task == act.Task && q.Request == act.Request):
                    if (queue.Count == 0)
                    {
                        mentions = new(act.Mentions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                    }
                    queue.Add(act);
                    break;
                case ActType.Inform when act.Fact is { } fact && act.Value is { } value:
                    stated[act.Task < 0 ? fact : $"{act.Task}:{fact}"] = value;
                    // A fact the request mentioned, or one given to say which record is meant, narrows the rows.
                    if (state.Clarifying || queue.Count > 0 && (queue[0].Mentions?.ContainsKey(fact) ?? false) || mentions.ContainsKey(fact)) mentions[fact] = value;
                    break;
                case ActType.Affirm:
                    confirmed = state.Proposed;
                    break;
            }
        }
        var newHead = state.Queue.Count == 0 && queue.Count > 0;
        return state with
        {
            Queue = queue,
            Stated = stated,
            Mentions = mentions,
            Confirmed = confirmed,
            Clarifying = false,
            CallIndex = newHead ? 0 : state.CallIndex,
            HeadResults = newHead ? [] : state.HeadResults,
        };
    }

    private static (AgentState State, AgentTurn? Problem) IngestTools(AgentView view, AgentState state, SeededRandom rng)
    {
        // The head request's call comes first; look-ups made beside it are picked up when their requests come up.
        var call = view.Messages.OfType<AssistantMessage>().Last(m => m.ToolCalls is { Count: > 0 }).ToolCalls![0];
        var message = view.Messages.OfType<ToolMessage>().Last(m => m.ToolCallId == call.Id);
        var content = message.Content ?? "";
        if (message.ErrorKind is not { } kind)
        {
            return (state with
            {
                CallIndex = state.CallIndex + 1,
                HeadResults = [.. state.HeadResults, new(call.Function.Name, content)],
                ResultOrder = [.. state.ResultOrder, message.ToolCallId],
                Failures = 0,
                Confirmed = null,
                Proposed = null,
            }, null);
        }
        var failures = state.Failures + 1;
        var head = state.Queue[0];
        var planned = PlanOf(view).Calls(head.Key)[state.CallIndex];
        var suspect = planned.Args.Values
            .Where(e => e.ValueKind == JsonValueKind.String && e.GetString() is ['{', .., '}'])
            .Select(e => e.GetString()![1..^1])
            .FirstOrDefault(StatedFor(state).ContainsKey);
        if (kind is ToolErrorKind.NoRows or ToolErrorKind.InvalidArguments && suspect is not null && failures < MaxFailures)
        {
            var text = Bank.Say("error_not_found", "", rng, ("label", FactLabel.Of(suspect)), ("value", StatedFor(state)[suspect]));
            var stated = state.Stated.Where(f => f.Key != suspect && f.Key != $"{head.Task}:{suspect}").ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var mentions = state.Mentions.Where(f => f.Key != suspect).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var next = state with { Failures = failures, Stated = stated, Mentions = mentions };
            return (next, Say(next, text,
                new DialogueAct(ActType.ReportError) { Fact = suspect, Error = kind },
                new DialogueAct(ActType.AskInfo) { Fact = suspect }));
        }
        // Not something the user can fix: say what happened and give up on this request.
        using var error = JsonDocument.Parse(content);
        var reason = error.RootElement.GetProperty("error").GetProperty("message").GetString() ?? kind.Name();
        var dropped = state with { Queue = state.Queue.Skip(1).ToList(), CallIndex = 0, HeadResults = [], Failures = 0, Confirmed = null, Proposed = null };
        return (dropped, Say(dropped, Bank.Say("error_other", "", rng, ("message", reason)),
            new DialogueAct(ActType.ReportError) { Error = kind },
            new DialogueAct(ActType.Report) { Task = head.Task, Request = head.Request }));
    }

    private AgentTurn Progress(AgentView view, AgentState state, List<DialogueAct> acts, SeededRandom rng)
    {
        var plan = PlanOf(view);
        while (state.Queue.Count > 0)
        {
            var head = state.Queue[0];
            var calls = plan.Calls(head.Key);
            var declined = plan.Decline(head.Key);
            if (state.CallIndex >= calls.Count)
            {
                acts.Add(new DialogueAct(ActType.Completed) { Task = head.Task, Request = head.Request });
                var summary = declined is { } decline
                    ? Bank.Say("decline", "", rng, ("what", decline.What), ("because", decline.Because), ("offer", decline.Offer))
                    : Summarise(view, state, rng);
                if (declined is not null) acts.Add(new DialogueAct(ActType.Decline) { Task = head.Task, Request = head.Request });
                var rest = state.Queue.Skip(1).ToList();
                state = state with
                {
                    Queue = rest,
                    CallIndex = 0,
                    Unreported = [.. state.Unreported, new(head.Key, summary)],
                    LastReported = state.HeadResults,
                    HeadResults = [],
                    Declined = declined ?? state.Declined,
                    Mentions = new Dictionary<string, string>(rest.FirstOrDefault()?.Mentions ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                };
                continue;
            }

            var planned = calls[state.CallIndex];
            if (!view.Tools.TryGet(planned.Tool, out var tool))
            {
                return Say(state with { Queue = state.Queue.Skip(1).ToList(), CallIndex = 0 }, Bank.Say("error_other", "", rng, ("message", $"I don't have a way to {planned.Tool.Replace('_', ' ')}")));
            }
            var byId = view.Messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, StringComparer.Ordinal);
            var results = state.ResultOrder.Where(byId.ContainsKey)
                .Select(id => (JsonElement)_parsed.GetValue(byId[id], x => JsonElement.Parse(x.Content!))).ToList();
            var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var missing = new List<string>();
            var stated = StatedFor(state);
            foreach (var (name, expression) in planned.Args)
            {
                var resolution = ArgumentResolver.Resolve(expression, stated, state.Mentions, results);
                switch (resolution.Kind)
                {
                    case ResolutionKind.Stated:
                        arguments[name] = ArgumentResolver.Coerce(resolution.Value.GetString()!, PropertySchema(tool, name));
                        break;
                    case ResolutionKind.Literal or ResolutionKind.FromResult:
                        arguments[name] = resolution.Value;
                        break;
                    case ResolutionKind.Ambiguous when state.Failures >= MaxFailures - 1:
                        return Flush(state with { Queue = state.Queue.Skip(1).ToList(), CallIndex = 0, HeadResults = [], Failures = 0 }, acts,
                            Bank.Say("cannot_continue", "", rng, ("label", FactLabel.Of(resolution.Name!))),
                            new DialogueAct(ActType.Report) { Task = head.Task, Request = head.Request });
                    case ResolutionKind.Ambiguous:
                        var shown = resolution.Candidates.Take(4).ToList();
                        var options = string.Join("; ", shown.Select(r => string.Join(", ", r.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Take(3)
                            .Select(p => $"{FactLabel.Of(p.Name)} {SqlValue.Text(p.Value)}"))));
                        return Flush(state with { Failures = state.Failures + 1, Clarifying = true }, acts, Bank.Say("clarify", "", rng, ("label", FactLabel.Of(resolution.Name!)), ("options", options)),
                            new DialogueAct(ActType.Clarify) { Fact = resolution.Name, Columns = [.. shown.SelectMany(r => r.EnumerateObject().Take(3).Select(p => p.Name)).Distinct()] });
                    default:
                        missing.Add(resolution.Name!);
                        break;
                }
            }
            if (missing.Count > 0)
            {
                var ask = missing.Take(2).ToList();
                var lead = Bank.Say("ask_lead", "", rng);
                var question = ask.Count == 1
                    ? Bank.Say("ask_info", "", rng, ("label", FactLabel.Of(ask[0])))
                    : Bank.Say("ask_info_many", "", rng, ("labels", $"{FactLabel.Of(ask[0])} and {FactLabel.Of(ask[1])}"));
                var text = lead.Length == 0 ? question : $"{lead} {question}";
                return Flush(state, acts, text, [.. ask.Select(f => new DialogueAct(ActType.AskInfo) { Fact = f })]);
            }
            var json = JsonSerializer.Serialize(arguments, PrimitiveJsonContext.Relaxed.DictionaryStringJsonElement);
            if (tool.Access == ToolAccess.Write && state.Confirmed != json)
            {
                var action = ResultRenderer.Fill(tool.Report?.Confirm, n => Lookup(arguments, state, results, n))
                    ?? $"{tool.Name.Replace('_', ' ')} with {string.Join(", ", arguments.Select(a => $"{FactLabel.Of(a.Key)} {SqlValue.Text(a.Value)}"))}";
                // A reply that was neither a yes nor a change gets the same question again, asked plainly.
                var key = state.Proposed is null ? "confirm" : state.Proposed == json ? "confirm_unclear" : "confirm_again";
                return Flush(state with { Proposed = json }, acts, Bank.Say(key, "", rng, ("action", action)), new DialogueAct(ActType.Confirm));
            }
            if (tool.Access == ToolAccess.Read && (EarlierResult(view, planned.Tool, json) ?? (state.CallIndex + 1 < calls.Count ? Identification(view, planned.Tool, json) : null)) is var (knownId, known))
            {
                // Already looked up, and nothing has changed since (or it is who the user is): use that result instead of asking again.
                state = state with
                {
                    CallIndex = state.CallIndex + 1,
                    HeadResults = [.. state.HeadResults, new(planned.Tool, known)],
                    ResultOrder = [.. state.ResultOrder, knownId],
                };
                continue;
            }
            List<ToolCall> toolCalls = [new ToolCall(ToolCallId.New(rng), new FunctionCall(tool.Name, json))];
            if (tool.Access == ToolAccess.Read) toolCalls.AddRange(IndependentReads(view, state, tool, json, results, rng));
            var callTurn = new AgentTurn(state) { ToolCalls = toolCalls, Acts = acts };
            // A user who asked for two things hears about the first before the agent moves on to the second;
            // a task-oriented solver reports everything at the end.
            return view.Mode == DialogueMode.UserOriented && state.Unreported.Count > 0
                ? Flush(state, acts, null) with { ToolCalls = callTurn.ToolCalls }
                : callTurn;
        }
        if (state.Unreported.Count > 0)
        {
            return Flush(state, acts, null);
        }
        return Say(state, Compose(rng, ("offer_lead", Addressee(view, rng)), ("offer_help", "")), new DialogueAct(ActType.OfferHelp));
    }

    /// <summary>Phrases of several banks in a row, each with its <c>{addressee}</c> slot filled (blank when empty).</summary>
    private static string Compose(SeededRandom rng, params (string Key, string Addressee)[] parts) =>
        string.Join(" ", parts.Select(p => Bank.Say(p.Key, "", rng, ("addressee", p.Addressee))).Where(p => p.Length > 0)).Trim();

    /// <summary>", Ann" half the time once a tool result has named the user (first name only), else nothing.</summary>
    private static string Addressee(AgentView view, SeededRandom rng)
    {
        if (!rng.Chance(0.5)) return "";
        foreach (var message in view.Messages.OfType<ToolMessage>())
        {
            if (message.IsError || message.Content is not ['{', ..] content) continue;
            using var row = JsonDocument.Parse(content);
            foreach (var column in (string[])["first_name", "name", "full_name", "patient_name", "employee_name", "passenger_name", "customer_name", "member_name", "guest_name"])
            {
                if (row.RootElement.TryGetProperty(column, out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } full)
                {
                    var first = full.Split(' ')[0];
                    // Titles ("Dr.", "Ms.") are not first names.
                    return first.EndsWith('.') ? "" : ", " + first;
                }
            }
            return "";
        }
        return "";
    }

    private static string Summarise(AgentView view, AgentState state, SeededRandom rng)
    {
        if (state.HeadResults.Count == 0) return Bank.Say("done_generic", "", rng);
        var (toolName, json) = state.HeadResults[^1];
        view.Tools.TryGet(toolName, out var tool);
        var results = state.HeadResults.Select(r => JsonElement.Parse(r.Value)).ToList();
        // A record read again after a change is presented as its current state, not as a first look-up.
        var again = tool!.Access == ToolAccess.Read && IsReRead(view, toolName, json) ? "_again" : "";
        var intro = Bank.Say("report_intro" + again, "", rng);
        var listIntro = Bank.Say("report_list" + again, "", rng);
        var text = ResultRenderer.Summarise(tool!, json, n => Lookup(new Dictionary<string, JsonElement>(), state, results, n), intro, listIntro);
        return tool.Access == ToolAccess.Write ? Bank.Say("done", "", rng, ("summary", text)) : text;
    }

    /// <summary>True when the last call of <paramref name="tool"/>, which returned <paramref name="result"/>, repeats an earlier successful call with the same arguments.</summary>
    private static bool IsReRead(AgentView view, string tool, string result)
    {
        var calls = view.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Where(c => c.Function.Name == tool).ToList();
        if (calls.Count < 2) return false;
        var succeeded = view.Messages.OfType<ToolMessage>().Where(t => !t.IsError).ToDictionary(t => t.ToolCallId, t => t.Content, StringComparer.Ordinal);
        var latest = calls[^1];
        return succeeded.GetValueOrDefault(latest.Id) == result
            && calls.SkipLast(1).Any(c => c.Function.Arguments == latest.Function.Arguments && succeeded.ContainsKey(c.Id));
    }

    /// <summary>Says the unreported summaries, then <paramref name="text"/>, reporting each summarised sub-request.</summary>
    private static AgentTurn Flush(AgentState state, List<DialogueAct> acts, string? text, params DialogueAct[] more)
    {
        var parts = state.Unreported.Select(u => u.Value).ToList();
        if (text is not null) parts.Add(text);
        acts.AddRange(state.Unreported.Select(u => new DialogueAct(ActType.Report) { Task = u.Key.Task, Request = u.Key.Request }));
        acts.AddRange(more);
        return new AgentTurn(state with { Unreported = [] }) { Text = ResultRenderer.Sentences(string.Join("\n\n", parts)), Acts = acts };
    }

    private static AgentTurn Say(AgentState state, string text, params DialogueAct[] acts) => new(state) { Text = ResultRenderer.Sentences(text), Acts = acts };

    private static string? Lookup(Dictionary<string, JsonElement> arguments, AgentState state, List<JsonElement> results, string name)
    {
        // The user's own words (a reason, a note) are restated to them in the second person.
        if (arguments.TryGetValue(name, out var a)) return FactLabel.IsFreeText(name) ? SecondPerson.Of(SqlValue.Text(a)) : SqlValue.Text(a);
        var filter = arguments.ToDictionary(x => x.Key, x => SqlValue.Text(x.Value));
        // A change's new values (dates, a room type) differ from the record's current ones: match on identifiers then.
        var identifiers = filter.Where(x => x.Key.EndsWith("_id", StringComparison.Ordinal) || x.Key.EndsWith("_number", StringComparison.Ordinal) || x.Key.EndsWith("_code", StringComparison.Ordinal))
            .ToDictionary(x => x.Key, x => x.Value);
        // The record the call acts on, as the latest result shows it, comes before what the user said: after a lost card
        // is replaced, the new card's limit is set on the card ending in the new number, not the one the user named.
        if (!FactLabel.IsFreeText(name) && Current(identifiers, name, results) is { } current) return current;
        if (state.Mentions.TryGetValue(name, out var m) || StatedFor(state).TryGetValue(name, out m)) return FactLabel.IsFreeText(name) ? SecondPerson.Of(m) : m;
        foreach (var by in identifiers.Count < filter.Count ? [filter, .. identifiers.Select(x => new Dictionary<string, string> { [x.Key] = x.Value })] : new[] { filter })
        {
            for (var i = results.Count - 1; i >= 0; i--)
            {
                var rows = ArgumentResolver.Rows(results[i]).Where(r => r.TryGetProperty(name, out _) && ArgumentResolver.Matches(r, by)).ToList();
                if (rows.Count == 1) return SqlValue.Text(rows[0].GetProperty(name));
            }
        }
        return null;
    }

    /// <summary>
    /// <paramref name="name"/> of the record <paramref name="identifiers"/> pick out, from the latest result with exactly
    /// one row that has every identifier: its own columns, or a new record's <c>new_</c> columns (<c>new_card_id</c>,
    /// <c>new_last_four</c>) that a write which creates a record returns. Null when no result describes it.
    /// </summary>
    private static string? Current(Dictionary<string, string> identifiers, string name, List<JsonElement> results)
    {
        if (identifiers.Count == 0) return null;
        for (var i = results.Count - 1; i >= 0; i--)
        {
            var values = new List<string>();
            foreach (var row in ArgumentResolver.Rows(results[i]))
            {
                foreach (var prefix in (string[])["", "new_"])
                {
                    if (row.TryGetProperty(prefix + name, out var value) && identifiers.All(x => row.TryGetProperty(prefix + x.Key, out var cell)
                        && string.Equals(SqlValue.Text(cell), x.Value, StringComparison.OrdinalIgnoreCase)))
                    {
                        values.Add(SqlValue.Text(value));
                    }
                }
            }
            if (values.Count == 1) return values[0];
        }
        return null;
    }

    /// <summary>Answers a follow-up with the field it asks about, in a sentence; failing that, describes the record as a whole.</summary>
    private static string Answer(AgentView view, AgentState state, SeededRandom rng)
    {
        var question = view.Messages[^1].Content ?? "";
        var (toolName, json) = state.LastReported[^1];
        view.Tools.TryGet(toolName, out var tool);
        var rows = ArgumentResolver.Rows(JsonElement.Parse(json)).ToList();
        if (rows.Count > 1 && Superlative().IsMatch(question) && rows[0].EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Number && MoneyColumn().IsMatch(p.Name)) is { Name: { } price })
        {
            var cheapest = rows.MinBy(r => r.GetProperty(price).GetDecimal());
            return Bank.Say("answer_cheapest", "", rng, ("row", ResultRenderer.Row(tool!, cheapest)));
        }
        var row = FollowUpRow(state);
        if (FollowUpAnswer.Of(question, row) is { } answer) return Bank.Say("answer", "", rng, ("answer", answer));
        return Bank.Say("answer_record", "", rng, ("row", row.ValueKind == JsonValueKind.Object && tool is not null ? ResultRenderer.Row(tool, row) : "as above"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(cheapest|least expensive|lowest price)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Superlative();

    [System.Text.RegularExpressions.GeneratedRegex(@"price|fare|rate|cost|total")]
    private static partial System.Text.RegularExpressions.Regex MoneyColumn();

    /// <summary>
    /// The record a follow-up is about: the last single-row result of the request just reported, else the one row of its
    /// results matching what the user said, else the first row of its last result.
    /// </summary>
    private static JsonElement FollowUpRow(AgentState state)
    {
        var stated = StatedFor(state);
        foreach (var (_, json) in state.LastReported.Reverse())
        {
            var rows = ArgumentResolver.Rows(JsonElement.Parse(json)).ToList();
            if (rows.Count == 1) return rows[0];
            var matching = rows.Where(r => ArgumentResolver.Matches(r, stated)).ToList();
            if (matching.Count == 1) return matching[0];
        }
        return ArgumentResolver.Rows(JsonElement.Parse(state.LastReported[^1].Value)).FirstOrDefault();
    }

    /// <summary>The result of an identical successful read call, if no write since changed a table it reads.</summary>
    private static (string Id, string Content)? EarlierResult(AgentView view, string tool, string arguments)
    {
        var reads = view.Tools.TablesOf(tool);
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = view.Messages.Count - 1; i >= 0; i--)
        {
            switch (view.Messages[i])
            {
                case ToolMessage { IsError: false } t when t.Content is { } c:
                    results[t.ToolCallId] = c;
                    break;
                case AssistantMessage { ToolCalls: { } calls }:
                    foreach (var call in calls)
                    {
                        if (view.Tools.TryGet(call.Function.Name, out var spec) && spec.Access == ToolAccess.Write && view.Tools.TablesWrittenBy(spec.Name).Overlaps(reads)) return null;
                        if (call.Function.Name == tool && call.Function.Arguments == arguments && results.TryGetValue(call.Id, out var content)) return (call.Id, content);
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>
    /// The result of the dialogue's first call, when it is this call and found one record: who the user is. A later
    /// request that needs only the user's id takes it from there, even after writes, as an id does not change.
    /// </summary>
    private static (string Id, string Content)? Identification(AgentView view, string tool, string arguments)
    {
        var first = view.Messages.OfType<AssistantMessage>().FirstOrDefault(m => m.ToolCalls is { Count: > 0 })?.ToolCalls![0];
        if (first is null || first.Function.Name != tool || first.Function.Arguments != arguments) return null;
        return view.Messages.OfType<ToolMessage>().FirstOrDefault(m => m.ToolCallId == first.Id) is { Content: ['{', ..] content } && !ToolMessage.IsErrorContent(content)
            ? (first.Id, content)
            : null;
    }

    /// <summary>Facts about the user, overlaid with the facts stated for the head request's task.</summary>
    private static Dictionary<string, string> StatedFor(AgentState state) => StatedFor(state, state.Queue.Count > 0 ? state.Queue[0].Task : -1);

    /// <summary>Facts about the user, overlaid with the facts stated for <paramref name="task"/>.</summary>
    private static Dictionary<string, string> StatedFor(AgentState state, int task)
    {
        var prefix = $"{task}:";
        var facts = state.Stated.Where(f => !f.Key.Contains(':')).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (key, value) in state.Stated.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))) facts[key[prefix.Length..]] = value;
        return facts;
    }

    /// <summary>The plan the oracle follows; running it without one is a wiring bug.</summary>
    private static OraclePlan PlanOf(AgentView view) =>
        view.Plan ?? throw new InvalidOperationException("the oracle agent needs the task plan: run it with OrchestratorOptions.ShowPlan");

    private static JsonElement PropertySchema(ToolSpec tool, string name) =>
        tool.Parameters.TryGetProperty("properties", out var p) && p.TryGetProperty(name, out var s) ? s : default;
}
