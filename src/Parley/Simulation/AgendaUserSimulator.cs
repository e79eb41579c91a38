using System.Collections.Frozen;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Tasks;
using Parley.Text;

namespace Parley.Simulation;

/// <summary>
/// The rule-based user: works through an agenda of sub-requests. In user-oriented mode it states one request at a
/// time, gives a fact only when asked (or volunteers it, as its persona dictates), reacts to every result, sometimes
/// mistypes and corrects, changes its mind before confirming, asks follow-ups, and moves on only when the agent has
/// reported the current request done. In task-oriented mode it states everything up front and then only acknowledges.
/// </summary>
/// <remarks>Deterministic: every choice comes from the seeded generator held in <see cref="UserState"/>.</remarks>
internal sealed class AgendaUserSimulator : IUserSimulator
{
    private static readonly TemplateBank Bank = TemplateBank.User;

    private static readonly FrozenSet<string> CommonWords = new[]
    {
        "Could", "Can", "Would", "Will", "Please", "What", "What's", "When", "Where", "Which", "Who", "Who's", "How", "Is", "Are", "Do",
        "Does", "Did", "The", "My", "It", "It's", "That", "That's", "This", "There", "Let", "Let's", "Thanks", "Great", "Also", "And",
        "Just", "Now", "Oh", "Actually", "Any", "Show", "Tell", "Check", "Cancel", "Book", "Put", "Change", "Move", "Help", "List",
        "Find", "Renew", "Report", "Pay", "Place", "Open", "Escalate", "Give", "Send", "Update", "Make", "Add", "Need", "Quick",
        "Hoping", "Got", "Get", "One", "Since", "About", "Next", "Then", "So", "Before", "After", "For",
        "Here's", "Here", "Reschedule", "Return", "Transfer", "Approve", "Decline", "Reject", "Request", "Submit", "Order", "Set",
        "Switch", "Freeze", "Block", "Replace", "Assign", "Release", "Reopen", "See", "Look", "Remind", "Confirm", "Double",
        "Similarly", "In", "On", "Regarding", "Related", "Following", "Along", "While", "Once", "Additionally", "Furthermore",
        "Different", "Something", "Another", "Lastly", "Finally", "First", "To", "Sure", "Okay", "Ok", "Yes", "Yep", "No", "Hmm",
        "Sorry", "Apologies", "Thank", "Many", "Much", "Really", "Perfect", "Excellent", "Good", "Nice", "Cool", "Awesome", "Brilliant",
        "Understood", "Noted", "Very", "Certainly", "Of", "Ah", "Wait", "Am", "We", "Our", "Your", "You", "An", "Has", "Have",
        "Had", "Was", "Were", "Should", "Shall", "May", "Might", "Must", "Want", "Wanted", "Hi", "Hello", "Hey", "Quickly",
        "If", "Unfortunately", "As", "From", "At", "With", "Whatever", "Instead", "Because", "Right", "Well", "Basically",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<UserTurn> NextTurnAsync(UserView view, CancellationToken cancellationToken = default)
    {
        var rng = new SeededRandom(view.State.Rng);
        var turn = new Composer(view, rng);
        var result = view.Mode == DialogueMode.TaskOriented ? TaskOriented(view, turn) : UserOriented(view, turn);
        return ValueTask.FromResult(result with { State = result.State with { Rng = rng.State } });
    }

    private static UserTurn UserOriented(UserView view, Composer turn)
    {
        var state = view.State;
        if (state.Request < 0)
        {
            // Joining a conversation already under way (an augmented chat), the user moves on instead of greeting.
            if (view.Conversation.Any(m => m is AssistantMessage)) turn.Add(Bank.Say("bridge", turn.Style, turn.Rng));
            else
            {
                turn.Add(Bank.Say("greet", turn.Style, turn.Rng));
                if (turn.Rng.Chance(0.5)) turn.Add(Bank.Say("opener", turn.Style, turn.Rng));
            }
            return turn.StateRequest(state, 0, 0);
        }

        var acts = view.AgentActs;
        // Whatever else the agent says, note what it reported done: a report can come with a question.
        state = MarkDone(state, acts);
        if (Find(acts, ActType.ReportError) is { Fact: { } suspect } && state.Uncorrected is { } wrong)
        {
            var truth = turn.Truth(wrong);
            if (suspect == wrong)
            {
                turn.Add(Bank.Say("correct_typo", turn.Style, turn.Rng, ("value", truth), ("label", FactLabel.Of(wrong))));
                return turn.Finish(state with { Uncorrected = null, Stated = With(state.Stated, wrong, truth) }, Inform(view, state.Task, wrong, truth));
            }
            // The agent suspects the wrong detail: confirm that one and correct the one actually mistyped.
            var right = turn.Truth(suspect);
            turn.Add(Bank.Say("correct_other", turn.Style, turn.Rng, ("label", FactLabel.Of(suspect)), ("value", right), ("other", FactLabel.Of(wrong)), ("fixed", truth)));
            return turn.Finish(state with { Uncorrected = null, Stated = With(With(state.Stated, suspect, right), wrong, truth) },
                Inform(view, state.Task, suspect, right), Inform(view, state.Task, wrong, truth));
        }
        if (Find(acts, ActType.AskInfo) is not null)
        {
            return turn.Answer(state, acts.Where(a => a.Type == ActType.AskInfo).Select(a => a.Fact!).ToList());
        }
        if (Find(acts, ActType.Clarify) is { } clarify)
        {
            return turn.Disambiguate(state, clarify);
        }
        if (Find(acts, ActType.Confirm) is not null)
        {
            if (state.Uncorrected is { } changed)
            {
                var truth = turn.Truth(changed);
                turn.Add(Bank.Say("change_mind", turn.Style, turn.Rng, ("label", FactLabel.Of(changed)), ("value", truth), ("old", state.Stated[changed])));
                return turn.Finish(state with { Uncorrected = null, Stated = With(state.Stated, changed, truth) }, Inform(view, state.Task, changed, truth));
            }
            if (!state.Hesitated && turn.Rng.Chance(0.1 + 0.1 * (1 - view.Persona.Patience)))
            {
                // A non-committal reply is not consent: the agent has to ask again.
                turn.Add(Bank.Say("hesitate", turn.Style, turn.Rng));
                return turn.Finish(state with { Hesitated = true }, new DialogueAct(ActType.Thank));
            }
            var affirm = Bank.Say("affirm", turn.Style, turn.Rng);
            turn.Add(affirm);
            // No second thanks after a "yes" that already said it.
            if (turn.Rng.Chance(view.Persona.Verbosity * 0.5) && !affirm.Contains("thank", StringComparison.OrdinalIgnoreCase))
            {
                turn.Add(Bank.Say("affirm_tail", turn.Style, turn.Rng));
            }
            return turn.Finish(state, new DialogueAct(ActType.Affirm));
        }
        var done = state;
        var current = new RequestKey(state.Task, state.Request);
        if (!done.Done.Contains(current))
        {
            // The agent has not finished what was asked: nudge rather than move on or end.
            turn.Add(Bank.Say("nudge", turn.Style, turn.Rng));
            return turn.Finish(done, RequestAct(state.Task, state.Request));
        }
        var sub = view.Goals[state.Task].Steps[state.Request];
        if (Find(acts, ActType.Decline) is not null)
        {
            if (!state.PushedBack && turn.Rng.Chance(0.25 + 0.5 * (1 - view.Persona.Patience)))
            {
                turn.Add(Bank.Say("push_back", turn.Style, turn.Rng));
                return turn.Finish(done with { PushedBack = true }, new DialogueAct(ActType.PushBack) { Task = state.Task, Request = state.Request });
            }
            return Advance(view, turn, done, acts, Bank.Say("accept_decline", turn.Style, turn.Rng));
        }
        if (Find(acts, ActType.Report) is not null && sub.FollowUps.Count > 0 && done.FollowUps == 0 && turn.Rng.Chance(view.Persona.Curiosity))
        {
            if (turn.Rng.Chance(view.Persona.Verbosity)) turn.Add(Bank.Say("feedback", turn.Style, turn.Rng));
            turn.Add(turn.Rng.Pick(sub.FollowUps));
            return turn.Finish(done with { FollowUps = 1 }, new DialogueAct(ActType.FollowUp) { Task = state.Task, Request = state.Request });
        }
        return Advance(view, turn, done, acts);
    }

    private static UserTurn Advance(UserView view, Composer turn, UserState state, IReadOnlyList<DialogueAct> acts, string? reaction = null)
    {
        if (reaction is not null) turn.Add(reaction);
        var task = view.Goals[state.Task];
        var offered = Find(acts, ActType.OfferHelp) is not null;
        // One acknowledgement per message: a reaction, or that the task is done, or the goodbye — never two stacked.
        if (state.Request + 1 < task.Steps.Count)
        {
            if (!offered && reaction is null && turn.Rng.Chance(view.Persona.Verbosity * 0.25))
            {
                // A chatty user reacts first and brings up the next request after the agent offers more help.
                turn.Add(Bank.Say(turn.Rng.Chance(0.5) ? "feedback" : "feedback_more", turn.Style, turn.Rng));
                return turn.Finish(state, new DialogueAct(ActType.Thank));
            }
            if (!offered && reaction is null) turn.Add(Bank.Say("feedback", turn.Style, turn.Rng));
            turn.Connect("next_request");
            return turn.StateRequest(state, state.Task, state.Request + 1);
        }
        if (state.Task + 1 < view.Goals.Count)
        {
            var next = view.Goals[state.Task + 1];
            if (!offered && reaction is null) turn.Add(Bank.Say("task_done", turn.Style, turn.Rng));
            turn.Connect(next.BuildsOnEarlier ? "builds_on" : "new_task");
            return turn.StateRequest(state, state.Task + 1, 0) with { CurrentTaskDone = true };
        }
        if (Missing(view, state) is var (t, r))
        {
            // Termination contract: never end while something asked for was not reported done.
            turn.Add(Bank.Say("nudge", turn.Style, turn.Rng));
            return turn.Finish(state, RequestAct(t, r));
        }
        turn.Add(Bank.Say("closing", turn.Style, turn.Rng));
        return turn.Finish(state with { Ended = true }, new DialogueAct(ActType.Bye)) with { CurrentTaskDone = true, EndConversation = true };
    }

    private static (int Task, int Request)? Missing(UserView view, UserState state) =>
        view.Requests().Where(k => !state.Done.Contains(k)).Select(k => ((int, int)?)(k.Task, k.Request)).FirstOrDefault();

    private static UserTurn TaskOriented(UserView view, Composer turn)
    {
        var state = view.State;
        if (state.Request < 0)
        {
            turn.Add(Bank.Say("greet", turn.Style, turn.Rng));
            turn.Add(Bank.Say("all_up_front", turn.Style, turn.Rng));
            var acts = new List<DialogueAct>();
            var total = view.Goals.Sum(t => t.Steps.Count);
            var n = 0;
            for (var t = 0; t < view.Goals.Count; t++)
            {
                var goal = view.Goals[t];
                for (var r = 0; r < goal.Steps.Count; r++, n++)
                {
                    var utterance = turn.Rng.Pick(goal.Steps[r].Utterances);
                    turn.Connect(n == 0 ? "first" : n == total - 1 ? "finally" : "then");
                    turn.Add(utterance.Text);
                    var extra = goal.Steps[r].Needs
                        .Where(f => !IsAboutUser(view, f) && !utterance.Mentions.Contains(f) && !acts.Any(a => a.Type == ActType.Inform && a.Fact == f && a.Task == t)).ToList();
                    if (extra.Count > 0)
                    {
                        turn.Add($"({string.Join(", ", extra.Select(f => $"{FactLabel.Of(f)}: {goal.Facts[f]}"))})");
                        acts.AddRange(extra.Select(f => Inform(view, t, f, goal.Facts[f])));
                    }
                    var mentioned = utterance.Mentions.Select(m => (m, v: goal.Facts.GetValueOrDefault(m) ?? goal.Recognised.GetValueOrDefault(m)))
                        .Where(x => x.v is not null).ToDictionary(x => x.m, x => x.v!, StringComparer.Ordinal);
                    acts.Add(RequestAct(t, r) with { Mentions = mentioned });
                    acts.AddRange(mentioned.Select(m => Inform(view, t, m.Key, m.Value)));
                }
            }
            var facts = view.Goals[0].Facts.Where(f => IsAboutUser(view, f.Key)).ToList();
            if (facts.Count > 0)
            {
                turn.Add(Bank.Say("details", turn.Style, turn.Rng, ("facts", string.Join(", ", facts.Select(f => $"{FactLabel.Of(f.Key)}: {f.Value}")))));
                acts.AddRange(facts.Select(f => Inform(view, -1, f.Key, f.Value)));
            }
            var last = view.Goals.Count - 1;
            return turn.Finish(state with { Task = last, Request = view.Goals[last].Steps.Count - 1 }, [.. acts]);
        }
        var done = MarkDone(state, view.AgentActs);
        if (Find(view.AgentActs, ActType.AskInfo) is not null)
        {
            return turn.Answer(done, view.AgentActs.Where(a => a.Type == ActType.AskInfo).Select(a => a.Fact!).ToList());
        }
        if (Find(view.AgentActs, ActType.Clarify) is { } clarify) return turn.Disambiguate(done, clarify);
        if (Find(view.AgentActs, ActType.Confirm) is not null)
        {
            turn.Add(Bank.Say("affirm", turn.Style, turn.Rng));
            return turn.Finish(done, new DialogueAct(ActType.Affirm));
        }
        var all = view.Requests();
        if (all.All(done.Done.Contains))
        {
            turn.Add(Bank.Say("closing", turn.Style, turn.Rng));
            return turn.Finish(done with { Ended = true }, new DialogueAct(ActType.Bye)) with { CurrentTaskDone = true, EndConversation = true };
        }
        turn.Add(Bank.Say("acknowledge", turn.Style, turn.Rng));
        return turn.Finish(done, new DialogueAct(ActType.Thank));
    }

    private static UserState MarkDone(UserState state, IReadOnlyList<DialogueAct> acts)
    {
        var reported = acts.Where(a => a.Type is ActType.Report).Select(a => a.Key).Where(k => !state.Done.Contains(k)).ToList();
        return reported.Count == 0 ? state : state with { Done = [.. state.Done, .. reported] };
    }

    private static DialogueAct? Find(IReadOnlyList<DialogueAct> acts, ActType type) => acts.FirstOrDefault(a => a.Type == type);

    /// <summary>An inform act, scoped to <paramref name="task"/> unless the fact is about the user (the same in every task).</summary>
    private static DialogueAct Inform(UserView view, int task, string fact, string value) =>
        new(ActType.Inform) { Fact = fact, Value = value, Task = IsAboutUser(view, fact) ? -1 : task };

    private static bool IsAboutUser(UserView view, string fact) =>
        view.Goals.All(t => t.Facts.TryGetValue(fact, out var v) && v == view.Goals[0].Facts[fact]);

    private static DialogueAct RequestAct(int t, int r) => new(ActType.Request) { Task = t, Request = r };

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> map, string key, string value) =>
        new(map, StringComparer.Ordinal) { [key] = value };

    /// <summary>Builds one user message from parts, keeping the acts it performs.</summary>
    private sealed class Composer(UserView view, SeededRandom rng)
    {
        private readonly List<string> _parts = [];
        private bool _lowerNext;

        public SeededRandom Rng { get; } = rng;
        public string Style { get; } = view.Persona.Style;

        public void Add(string text)
        {
            if (text.Length == 0) return;
            if (_lowerNext && StartsWithCommonWord(text))
            {
                text = char.ToLowerInvariant(text[0]) + text[1..];
            }
            // A part that does not end a sentence ("Hey,", "And", "Also,") runs on into the next one.
            _lowerNext = !(text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') || text.EndsWith(':') || text.EndsWith(')'));
            _parts.Add(text);
        }

        /// <summary>Adds a connector phrase before the next part.</summary>
        public void Connect(string key) => Add(Bank.Say(key, Style, Rng));

        // Only ordinary words lose their capital mid-sentence; names and "I" keep it.
        private static bool StartsWithCommonWord(string text)
        {
            var end = 0;
            while (end < text.Length && (char.IsLetter(text[end]) || text[end] == '\'')) end++;
            return end > 1 && CommonWords.Contains(text[..end]);
        }

        public string Truth(string fact) =>
            view.Goals[view.State.Task].Facts.TryGetValue(fact, out var v) ? v
            : view.Goals.Select(t => t.Facts.GetValueOrDefault(fact)).FirstOrDefault(x => x is not null) ?? "";

        public UserTurn Finish(UserState state, params DialogueAct[] acts) =>
            new(string.Join(" ", _parts.Where(p => p.Length > 0)), state) { Acts = acts };

        /// <summary>
        /// States sub-request <paramref name="r"/> of task <paramref name="t"/> (an impatient user sometimes adds the next one
        /// too), volunteering needed facts as the persona dictates.
        /// </summary>
        public UserTurn StateRequest(UserState state, int t, int r)
        {
            var task = view.Goals[t];
            var last = r + 1 < task.Steps.Count && Rng.Chance((1 - view.Persona.Patience) * 0.5) ? r + 1 : r;
            var stated = new Dictionary<string, string>(t == state.Task ? state.Stated : Carry(state.Stated, task), StringComparer.Ordinal);
            var used = state.DecoysUsed.ToList();
            var uncorrected = t == state.Task ? state.Uncorrected : null;
            var acts = new List<DialogueAct>();
            for (var i = r; i <= last; i++)
            {
                var sub = task.Steps[i];
                var utterance = Rng.Pick(sub.Utterances);
                var text = utterance.Text;
                var mentioned = new Dictionary<string, string>(StringComparer.Ordinal);
                var informs = new List<DialogueAct>();
                foreach (var fact in utterance.Mentions)
                {
                    var value = task.Facts.GetValueOrDefault(fact) ?? task.Recognised.GetValueOrDefault(fact);
                    if (value is null) continue;
                    if (task.MindChanges.TryGetValue(fact, out var decoy) && !used.Contains(fact) && uncorrected is null && Rng.Chance(view.Persona.Indecision)
                        && text.Contains(value, StringComparison.Ordinal))
                    {
                        text = text.Replace(value, decoy, StringComparison.Ordinal);
                        value = decoy;
                        used.Add(fact);
                        uncorrected = fact;
                    }
                    stated[fact] = value;
                    mentioned[fact] = value;
                    informs.Add(Inform(view, t, fact, value));
                }
                if (i > r) Connect("and_also");
                // After a connector ("Next up,") a request that opens with "And" reads twice joined.
                if (_parts.Count > 0 && _lowerNext && text.StartsWith("And ", StringComparison.Ordinal)) text = text[4..];
                Add(text);
                acts.Add(RequestAct(t, i) with { Mentions = mentioned });
                acts.AddRange(informs);
                foreach (var fact in sub.Needs.Where(f => !stated.ContainsKey(f)))
                {
                    if (!Rng.Chance(view.Persona.Upfront)) continue;
                    var value = task.Facts[fact];
                    Add(Bank.Say(FactLabel.IsFreeText(fact) ? "volunteer_free" : "volunteer", Style, Rng, ("label", FactLabel.Of(fact)), ("value", value)));
                    stated[fact] = value;
                    acts.Add(Inform(view, t, fact, value));
                }
            }
            var next = state with { Task = t, Request = last, Stated = stated, DecoysUsed = used, Uncorrected = uncorrected, FollowUps = 0, Hesitated = false, PushedBack = false };
            return Finish(next, [.. acts]);
        }

        /// <summary>Answers the facts asked for; a fact with a typo decoy may first be given wrong.</summary>
        public UserTurn Answer(UserState state, List<string> facts)
        {
            var task = view.Goals[state.Task];
            var stated = new Dictionary<string, string>(state.Stated, StringComparer.Ordinal);
            var used = state.DecoysUsed.ToList();
            var uncorrected = state.Uncorrected;
            var acts = new List<DialogueAct>();
            var given = new List<(string Fact, string Value)>();
            foreach (var fact in facts.Distinct())
            {
                if (!task.Facts.TryGetValue(fact, out var value))
                {
                    Add(Bank.Say("dont_know", Style, Rng, ("label", FactLabel.Of(fact))));
                    acts.Add(new DialogueAct(ActType.DontKnow) { Fact = fact });
                    continue;
                }
                var isTypo = task.Typos.TryGetValue(fact, out var decoy);
                if ((isTypo || task.MindChanges.TryGetValue(fact, out decoy)) && !used.Contains(fact) && uncorrected is null
                    && Rng.Chance(isTypo ? view.Persona.Typos : view.Persona.Indecision))
                {
                    value = decoy!;
                    used.Add(fact);
                    uncorrected = fact;
                }
                stated[fact] = value;
                given.Add((fact, value));
                acts.Add(Inform(view, state.Task, fact, value));
            }
            if (given.Count == 1)
            {
                // Nobody names a form field for a free-text answer ("The dispute reason is …"): they just say it.
                var key = FactLabel.IsFreeText(given[0].Fact) ? "inform_free" : "inform";
                Add(Bank.Say(key, Style, Rng, ("label", FactLabel.Of(given[0].Fact)), ("value", given[0].Value)));
            }
            else if (given.Count > 1)
            {
                Add(Bank.Say("inform_many", Style, Rng, ("facts", string.Join(given.Count == 2 ? " and " : ", ",
                    given.Select(g => FactLabel.IsFreeText(g.Fact) ? g.Value : $"my {NounPhrase.WithVerb(FactLabel.Of(g.Fact))} {g.Value}")))));
            }
            return Finish(state with { Stated = stated, DecoysUsed = used, Uncorrected = uncorrected }, [.. acts]);
        }

        /// <summary>Answers "which one?" with a fact of the current task that tells the candidates apart.</summary>
        public UserTurn Disambiguate(UserState state, DialogueAct clarify)
        {
            var task = view.Goals[state.Task];
            // Prefer a fact the agent's options show (a column of the candidates), then any fact not yet given.
            var all = task.Facts.Concat(task.Recognised).Where(f => f.Key != clarify.Fact).ToList();
            var shown = all.Where(f => clarify.Columns?.Contains(f.Key) ?? false).ToList();
            var facts = shown.Count > 0 ? shown : all.Where(f => !state.Stated.ContainsKey(f.Key)).ToList();
            if (facts.Count == 0)
            {
                Add(Bank.Say("dont_know", Style, Rng, ("label", FactLabel.Of(clarify.Fact ?? "detail"))));
                return Finish(state, new DialogueAct(ActType.DontKnow) { Fact = clarify.Fact });
            }
            var pick = facts[Rng.Next(facts.Count)];
            Add(Bank.Say("clarify", Style, Rng, ("label", FactLabel.Of(pick.Key)), ("value", pick.Value)));
            return Finish(state with { Stated = With(state.Stated, pick.Key, pick.Value) }, Inform(view, state.Task, pick.Key, pick.Value));
        }

        private static Dictionary<string, string> Carry(IReadOnlyDictionary<string, string> stated, UserGoal next) =>
            // Facts about the user (same value in the next task) stay known; the rest belonged to the previous task.
            stated.Where(f => next.Facts.TryGetValue(f.Key, out var v) && v == f.Value).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }
}
