using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// The older design kept for comparison (<c>tool_mode: simulated</c>) and for tools without SQL: a model invents each
/// tool's result from the tool's declaration, the arguments and the dialogue's earlier results (for consistency).
/// Unknown tools and invalid arguments are answered without the model; the model's errors are data like SQL's.
/// </summary>
/// <remarks>
/// One executor per dialogue (it remembers the dialogue's results; not thread-safe). Each call's seed derives from the
/// dialogue seed and the call id, so a replay sends identical requests. Nothing reaches the database: a dialogue run
/// this way cannot pass the end-state check for tasks that write.
/// </remarks>
internal sealed class SimulatedToolExecutor : IToolExecutor
{
    private static readonly Prompt Template = PromptLibrary.Get("tool-simulator.md");
    private static readonly PromptFragments Fragments = PromptFragments.Get("tool-simulator.yaml");
    private readonly IChatClient _client;
    private readonly LlmRoleSettings _settings;
    private readonly ToolCatalog _tools;
    private readonly ulong _seed;
    private readonly string _system;
    private readonly List<(ToolInvocation Call, string Result)> _history = [];

    /// <summary>Creates the executor for one dialogue; <paramref name="history"/> holds its earlier messages when it resumes.</summary>
    public SimulatedToolExecutor(IChatClient client, LlmRoleSettings settings, ToolCatalog tools, ulong seed, IEnumerable<Message>? history = null)
    {
        _client = client;
        _settings = settings;
        _tools = tools;
        _seed = seed;
        _system = Template.Render(new Dictionary<string, string>
        {
            ["tools"] = Describe(tools),
            ["error_kinds"] = string.Join(", ", ToolSimulatorReply.ErrorKinds),
        }).Trim();
        var messages = history?.ToList() ?? [];
        var results = messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, m => m.Content ?? "", StringComparer.Ordinal);
        foreach (var call in messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            if (results.TryGetValue(call.Id, out var result)) _history.Add((new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), result));
        }
    }

    /// <summary>Tokens spent so far.</summary>
    public TokenUsage Usage { get; private set; } = TokenUsage.None;

    /// <summary>The prompt file, its hash and the settings, for metadata.</summary>
    public string DescribePrompt() => $"{Template.Tag} {Fragments.File.Tag} {StructuredOutput.Fragments.File.Tag} {_settings.Describe()}";

    /// <inheritdoc />
    /// <exception cref="LlmException">The model gave no usable result within the allowed repairs.</exception>
    public async ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        if (ArgumentValidatingToolExecutor.Check(_tools, invocation) is { } invalid) return invalid;
        var counter = new UsageCountingChatClient(_client);
        var options = _settings.CreateOptions(StableSeed.Derive(_seed, "tool-simulator:" + invocation.CallId));
        StructuredReply<ToolSimulatorReply> reply;
        try
        {
            reply = await StructuredOutput.GetAsync(counter, Messages(invocation), ToolSimulatorReply.Schema, RoleReplyJsonContext.Default.ToolSimulatorReply,
                options, Check, _settings.MaxRepairs, cancellationToken);
        }
        finally
        {
            Usage += counter.Usage;
        }
        var result = reply.Value.Error is { } error
            ? ToolResult.Failure(ToolErrorKinds.Parse(error.Kind), error.Message)
            : ToolResult.Success(JsonSerializer.Serialize(JsonElement.Parse(reply.Value.Result!), PrimitiveJsonContext.Relaxed.JsonElement));
        _history.Add((invocation, result.Content));
        return result;
    }

    private List<ChatMessage> Messages(ToolInvocation invocation)
    {
        var text = new StringBuilder();
        if (_history.Count > 0)
        {
            var calls = string.Concat(_history.Select(h => Fragments.Render("history_call", ("name", h.Call.Name), ("arguments", h.Call.Arguments ?? ""), ("result", h.Result ?? ""))));
            text.Append(Fragments.Render("history", ("calls", calls)));
        }
        text.Append(Fragments.Render("call", ("name", invocation.Name), ("arguments", string.IsNullOrWhiteSpace(invocation.Arguments) ? "{}" : invocation.Arguments)));
        return [new ChatMessage(ChatRole.System, _system), new ChatMessage(ChatRole.User, text.ToString())];
    }

    // Kinds, types and required keys are the schema's (ToolSimulatorReply.Schema); here only what ties the two keys together.
    private static string? Check(ToolSimulatorReply reply)
    {
        if ((reply.Result is null) == (reply.Error is null)) return Fragments["one_of_result_error"];
        if (reply.Result is null) return null;
        try
        {
            using var parsed = JsonDocument.Parse(reply.Result);
            return null;
        }
        catch (JsonException e)
        {
            return Fragments.Render("result_not_json", ("error", e.Message));
        }
    }

    private static string Describe(ToolCatalog tools) => string.Join('\n', tools.Tools.Select(t => Fragments.Render("tool",
        ("definition", JsonSerializer.Serialize(new ToolDefinition(new FunctionDefinition(t.Name, t.Description, t.Parameters)), DialogueJsonContext.Relaxed.ToolDefinition)),
        ("returns", Fragments[t.Returns switch { ToolReturns.One => "returns_one", ToolReturns.None => "returns_none", _ => "returns_many" }]),
        ("changes", t.Access == ToolAccess.Write ? Fragments["changes_data"] : ""))));
}
