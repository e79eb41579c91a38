using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Parley.Generation;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Benchmarks;

/// <summary>
/// <c>--llm-overhead</c>: an LLM user and an LLM agent (rule-based planner) through the full transport stack against an
/// in-process mock OpenAI endpoint that answers after a fixed latency, at several concurrencies. Reports achieved
/// requests/s against the ideal concurrency / latency, process CPU per request, and the mock server's own CPU per request
/// (a bare HttpClient loop against the same server), so Parley's share is the difference. Then the prompt statistics of
/// the recorded requests: o200k tokens per request and per dialogue, and the share of each prompt that repeats the
/// previous request's prompt of the same role and dialogue (what a prefix cache can reuse).
/// </summary>
internal static partial class LlmOverhead
{
    public static async Task RunAsync(int[] concurrencies, TimeSpan latency, int dialoguesPerSlot, string[] domains)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(Reply);
        server.Latency = latency;
        server.RecordRequests = false;
        Console.WriteLine($"latency={latency.TotalMilliseconds:0}ms cores={Environment.ProcessorCount} load={Load()}");
        foreach (var c in concurrencies)
        {
            var count = Math.Max(64, c * dialoguesPerSlot);
            await GenerateAsync(server, c, Math.Max(32, c), domains); // warm-up (JIT, connections)
            var bare = await BareLoopAsync(server, c, Math.Max(2000, c * 8));
            var run = await GenerateAsync(server, c, count, domains);
            var ideal = c / latency.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"concurrency={c} dialogues={count} requests={run.Requests} seconds={run.Seconds:0.0} req/s(steady)={run.SteadyRate:0} req/s(whole run)={run.Requests / run.Seconds:0} ideal={ideal:0} of-ideal={100 * run.SteadyRate / ideal:0.0}% " +
                $"cpu-ms/req={run.CpuMsPerRequest:0.000} bare-loop: req/s={bare.Rate:0} cpu-ms/req={bare.CpuMsPerRequest:0.000} parley-cpu-ms/req={run.CpuMsPerRequest - bare.CpuMsPerRequest:0.000} kept={run.Kept} load={Load()}"));
        }
        server.RecordRequests = true;
        await GenerateAsync(server, 64, 256, domains);
        PromptStats(server.Requests);
    }

    private sealed record RunResult(int Requests, double Seconds, double SteadyRate, double CpuMsPerRequest, int Kept);

    private static async Task<RunResult> GenerateAsync(OpenAiProtocolServer server, int concurrency, int count, string[] domains)
    {
        var endpoint = new EndpointSettings { Name = "mock", Provider = ChatProviderFactory.OpenAi, BaseUrl = server.BaseUrl, MaxConcurrency = concurrency * 2 };
        var settings = new LlmRoleSettings { Model = "mock-model" };
        var config = new LlmConfig
        {
            Endpoints = new Dictionary<string, EndpointSettings> { [endpoint.Name] = endpoint },
            Roles = new Dictionary<LlmRole, RoleConfig> { [LlmRole.UserSimulator] = new(endpoint.Name, settings), [LlmRole.Agent] = new(endpoint.Name, settings) },
        };
        using var llm = LlmSetup.Create(config);
        var output = Path.Combine(Path.GetTempPath(), "parley-llmbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = server.RequestCount;
            var samples = new List<(double Seconds, int Count)>();
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    lock (samples) samples.Add((clock.Elapsed.TotalSeconds, server.RequestCount - start));
                    try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var manifest = await RoleAssembly.Create(llm).RunAsync(new GenerationOptions { Output = output, Count = count, Concurrency = concurrency, Domains = domains, Seed = 1, Llm = llm });
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            await stop.CancelAsync();
            await sampler;
            var requests = server.RequestCount - start;
            // Steady state: between 20% and 80% of the requests (the ramp-up and the tail of the last dialogues excluded).
            var from = samples.First(s => s.Count >= requests * 0.2);
            var to = samples.Last(s => s.Count <= requests * 0.8);
            var steady = to.Seconds > from.Seconds ? (to.Count - from.Count) / (to.Seconds - from.Seconds) : requests / seconds;
            return new RunResult(requests, seconds, steady, cpuMs / requests, manifest.Kept);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The mock server's own cost plus a bare client's: <paramref name="count"/> agent-sized requests, <paramref name="concurrency"/> at a time.</summary>
    private static async Task<(double Rate, double CpuMsPerRequest)> BareLoopAsync(OpenAiProtocolServer server, int concurrency, int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var body = Encoding.UTF8.GetBytes(BareBody);
        var next = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(server.BaseUrl + "/chat/completions", content);
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        return (count / seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count);
    }

    // About the size of a mid-dialogue agent request (system prompt, tools, a few turns).
    private static readonly string BareBody = JsonSerializer.Serialize(new
    {
        model = "mock-model",
        messages = new object[]
        {
            new { role = "system", content = new string('s', 3000) },
            new { role = "user", content = new string('u', 200) },
            new { role = "assistant", content = new string('a', 400) },
            new { role = "user", content = new string('u', 200) },
        },
        tools = Enumerable.Range(0, 8).Select(i => new { type = "function", function = new { name = "tool_" + i, description = new string('d', 200), parameters = new { type = "object", properties = new { } } } }).ToArray(),
    });

    /// <summary>The canned model: the user role answers with its JSON reply; the agent calls a tool, then answers in text.</summary>
    private static ServerReply Reply(ChatCompletionRequest request)
    {
        if (request.Body.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0)
        {
            var system = messages[0].TryGetProperty("content", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
            if (system.StartsWith("You play a customer", StringComparison.Ordinal)) return UserReply(system, messages[messages.GetArrayLength() - 1]);
            var last = messages[messages.GetArrayLength() - 1].GetProperty("role").GetString();
            if (last != "tool" && request.Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0)
            {
                var name = tools[0].GetProperty("function").GetProperty("name").GetString()!;
                return ServerReply.Calls(new ServerToolCall($"call_{request.Index}", name, "{}"));
            }
        }
        return ServerReply.Text("I have looked into that for you; it is done. Is there anything else?");
    }

    private static ServerReply UserReply(string system, JsonElement last)
    {
        // The opening names the dialogue (its system prompt's hash), so the agent's requests can be grouped by dialogue.
        var reference = ((uint)string.GetHashCode(system, StringComparison.Ordinal)).ToString("x8", CultureInfo.InvariantCulture);
        var text = last.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
        var opening = text.Contains("Write your opening message", StringComparison.Ordinal);
        var goal = Position().Match(text);
        var lastGoal = goal.Success && goal.Groups[1].Value == goal.Groups[2].Value;
        var done = !opening;
        var end = !opening && lastGoal;
        return ServerReply.Text(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["message"] = end ? "Great, thanks a lot. Bye!" : opening ? $"Hi, I need some help with my account please (ref {reference})." : "Thanks, that works. Next I would like the following.",
            ["request_done"] = done,
            ["current_task_done"] = done,
            ["end_conversation"] = end,
        }));
    }

    [GeneratedRegex(@"You are on goal (\d+) of (\d+)")]
    private static partial Regex Position();

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>Per role: mean o200k prompt tokens per request and per dialogue, and the mean share of each prompt that is the previous prompt's prefix.</summary>
    private static void PromptStats(IReadOnlyList<ChatCompletionRequest> requests)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var byRole = requests.Select(r => (Request: r, Text: Render(r), Messages: r.Messages))
            .GroupBy(r => r.Messages.Count > 0 && Content(r.Messages[0]).StartsWith("You play a customer", StringComparison.Ordinal) ? "user" : "agent");
        foreach (var role in byRole)
        {
            // A dialogue's requests share the system prompt and the first non-system message (the user's opening for the agent).
            var dialogues = role.GroupBy(r => role.Key == "user" ? Content(r.Messages[0]) : Content(r.Messages[0]) + "\u0000" + (r.Messages.Count > 1 ? Content(r.Messages[1]) : "")).ToList();
            long tokens = 0, reusable = 0, laterTokens = 0;
            var n = 0;
            foreach (var dialogue in dialogues)
            {
                string? previous = null;
                foreach (var r in dialogue.OrderBy(r => r.Request.Index))
                {
                    var count = tokenizer.CountTokens(r.Text);
                    tokens += count;
                    n++;
                    if (previous is not null)
                    {
                        var common = CommonPrefix(previous, r.Text);
                        // Tokens of the shared text, less one for the token the boundary may split.
                        reusable += Math.Max(0, tokenizer.CountTokens(r.Text.AsSpan(0, common)) - 1);
                        laterTokens += count;
                    }
                    previous = r.Text;
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"role={role.Key} requests={n} dialogues={dialogues.Count} prompt-tokens/request={(double)tokens / n:0} prompt-tokens/dialogue={(double)tokens / dialogues.Count:0} requests/dialogue={(double)n / dialogues.Count:0.0} prefix-share(after first)={100.0 * reusable / laterTokens:0.0}% prefix-share(all requests)={100.0 * reusable / tokens:0.0}%"));
        }
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    private static string Content(JsonElement message) =>
        message.TryGetProperty("content", out var c) ? c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : c.GetRawText() : "";

    /// <summary>The prompt as an endpoint lays it out: tool declarations first, then each message (role, content, tool calls).</summary>
    private static string Render(ChatCompletionRequest request)
    {
        var text = new StringBuilder();
        if (request.Tools is { } tools) text.Append(tools.GetRawText()).Append('\n');
        foreach (var message in request.Messages)
        {
            text.Append('<').Append(message.GetProperty("role").GetString()).Append(">\n").Append(Content(message));
            if (message.TryGetProperty("tool_calls", out var calls)) text.Append(calls.GetRawText());
            text.Append('\n');
        }
        return text.ToString();
    }
}
