using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;

namespace Parley.Simulation;

/// <summary>
/// The agent played by a model: the dialogue's system message and conversation (tool calls and results included),
/// the environment's tools offered natively or, for endpoints without tools, as text. Calls keep the model's ids (or get
/// stable ones derived from the state's generator); results come only from the tool executor, never from the model.
/// </summary>
/// <remarks>
/// A call to a tool the agent was not given is not an error here: it runs, the executor answers with its unknown-tool
/// error result, and the turn counts it (<see cref="AgentTurn.UnknownToolCalls"/>). An empty or cut-off reply, or an
/// unreadable <c>&lt;tool_call&gt;</c> block, is sent back for one repair, then fails with <see cref="LlmException"/>.
/// Deterministic requests: each call's seed comes from the state's generator, so a replay sends identical requests.
/// </remarks>
internal sealed class LlmAgent(IChatClient client, LlmRoleSettings settings, LlmAgentOptions? options = null) : IAgent, ILlmRole
{
    private static readonly Prompt TextTools = PromptLibrary.Get("agent-text-tools.md");

    /// <summary>The dialogue's system message, rendered from this file by generation (the agent sends it as given).</summary>
    public static Prompt SystemPrompt { get; } = PromptLibrary.Get("agent-system.md");

    /// <summary>The repair request sent with an unusable reply.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("llm-agent.yaml");
    private readonly LlmAgentOptions _options = options ?? new LlmAgentOptions();

    /// <inheritdoc />
    public string DescribePrompt(DialogueMode mode) => _options.ToolCalling == ToolCallingStyle.Text
        ? $"system-message={SystemPrompt.Tag}+{TextTools.Tag} {Fragments.File.Tag} {settings.Describe()}"
        : $"system-message={SystemPrompt.Tag} tools=native {Fragments.File.Tag} {settings.Describe()}";

    /// <inheritdoc />
    /// <exception cref="LlmException">The reply stayed empty, cut off or unreadable after one repair.</exception>
    public async ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default)
    {
        var rng = new SeededRandom(view.State.Rng);
        var request = settings.CreateOptions(rng.NextUInt64());
        var native = _options.ToolCalling == ToolCallingStyle.Native;
        List<ChatMessage> conversation;
        if (native)
        {
            request.Tools = ChatMessageMapper.ToDeclarations(view.Tools);
            request.ToolMode = ChatToolMode.Auto;
            request.AllowMultipleToolCalls = view.ParallelToolCalls;
            conversation = ChatMessageMapper.ToNative(view.Messages);
        }
        else
        {
            conversation = ChatMessageMapper.ToText(view.Messages, HermesToolCalls.Describe(view.Tools, TextTools));
        }
        var counter = new UsageCountingChatClient(client);
        var repairs = Math.Min(1, settings.MaxRepairs);
        for (var attempt = 0; ; attempt++)
        {
            var response = await counter.RunAsync(() => counter.GetResponseAsync(conversation, request, cancellationToken));
            var (turn, kind, problem) = Read(response, native, rng, UsedIds(view));
            if (turn is not null)
            {
                var unknown = turn.ToolCalls?.Count(c => !view.Tools.TryGet(c.Function.Name, out _)) ?? 0;
                return turn with { State = view.State with { Rng = rng.State }, Usage = counter.Usage, UnknownToolCalls = unknown };
            }
            if (attempt >= repairs) throw new LlmException(kind, $"agent: {problem} (after {attempt} repair{(attempt == 1 ? "" : "s")})") { Usage = counter.Usage };
            if (response.Text is { Length: > 0 } said) conversation.Add(new ChatMessage(ChatRole.Assistant, said));
            conversation.Add(new ChatMessage(ChatRole.User, Fragments.Render("repair", ("problem", problem))));
        }
    }

    private static (AgentTurn? Turn, LlmFailureKind Kind, string Problem) Read(ChatResponse response, bool native, SeededRandom rng, HashSet<string> usedIds)
    {
        if (response.FinishReason == ChatFinishReason.ContentFilter) return (null, LlmFailureKind.ContentFilter, "the reply was blocked by the content filter");
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var apiReasoning = string.Join("\n", contents.OfType<TextReasoningContent>().Select(r => r.Text).Where(t => !string.IsNullOrWhiteSpace(t)));
        var (text, thought) = StructuredOutput.StripReasoning(string.Concat(contents.OfType<TextContent>().Select(t => t.Text)));
        var reasoning = string.Join("\n", new[] { apiReasoning, thought }.Where(r => !string.IsNullOrWhiteSpace(r))).Trim();
        List<ToolCall> calls;
        if (native)
        {
            // Ids are kept; a missing or reused one (some endpoints number calls per reply) gets a stable new id.
            calls = [];
            foreach (var call in contents.OfType<FunctionCallContent>())
            {
                var mapped = ChatMessageMapper.ToToolCall(call, NewId(rng));
                if (!usedIds.Add(mapped.Id)) mapped = mapped with { Id = NewId(rng) };
                usedIds.Add(mapped.Id);
                calls.Add(mapped);
            }
        }
        else
        {
            var (rest, parsed, problem) = HermesToolCalls.Parse(text);
            if (problem is not null) return (null, LlmFailureKind.InvalidJson, problem);
            text = rest;
            calls = [.. parsed.Select(c => new ToolCall(NewId(rng), new FunctionCall(c.Name, c.Arguments)))];
        }
        // A cut-off reply is never acted on: its last call's arguments may be cut too (a server can even hand back the
        // fragment parsed as {}), and running a write with half its arguments would put a wrong state in the dialogue.
        if (response.FinishReason == ChatFinishReason.Length)
        {
            return (null, LlmFailureKind.Truncated, calls.Count > 0 ? "the reply was cut off by the token limit in the middle of a tool call" : "the reply was cut off by the token limit");
        }
        text = text.Trim();
        if (text.Length == 0 && calls.Count == 0) return (null, LlmFailureKind.Empty, "the reply was empty");
        return (new AgentTurn(new AgentState())
        {
            Text = text.Length > 0 ? text : null,
            ToolCalls = calls.Count > 0 ? calls : null,
            Reasoning = reasoning.Length > 0 ? reasoning : null,
        }, default, "");
    }

    private static HashSet<string> UsedIds(AgentView view) =>
        view.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

    private static string NewId(SeededRandom rng) => ToolCallId.New(rng);
}
