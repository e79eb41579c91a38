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
/// <c>--llm-overhead</c>: an LLM user and an LLM agent (rule-based planner) through the full transport stack against a
/// mock OpenAI endpoint in a child process that answers after a fixed latency, at several concurrencies. Reports the
/// achieved requests/s in the steady state (every slot holding a dialogue) against the ideal concurrency / latency, and
/// the CPU time per request of this process (Parley) and of the mock, read separately. A bare HttpClient loop against the
/// same mock gives the harness's own ceiling. Then the prompt statistics of recorded requests: o200k tokens per request
/// and per dialogue, and the share of each prompt that repeats the previous request's prompt of the same role and dialogue
/// (what a prefix cache can reuse).
/// </summary>
internal static partial class LlmOverhead
{
    public static async Task RunAsync(int[] concurrencies, MockLatency latency, int dialoguesPerSlot, string[] domains, bool promptStats, bool series)
    {
        await using var mock = await MockProcess.StartAsync(latency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency={latency.Base.TotalMilliseconds:0}ms slow-share={latency.SlowShare} slow-factor={latency.SlowFactor} mean-latency={latency.Mean.TotalMilliseconds:0.0}ms cores={Environment.ProcessorCount} load={Load()} mock=pid {mock.Id}"));
        foreach (var c in concurrencies)
        {
            var count = Math.Max(64, c * dialoguesPerSlot);
            await GenerateAsync(mock, c, Math.Max(32, c), domains); // warm-up (JIT, connections)
            var bare = await BareLoopAsync(mock, c, Math.Max(4000, c * 16));
            var run = await GenerateAsync(mock, c, count, domains, series);
            var ideal = c / latency.Mean.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"concurrency={c} dialogues={count} requests={run.Requests} seconds={run.Seconds:0.0} steady-window={run.Window:0.0}s req/s(steady)={run.SteadyRate:0} ideal={ideal:0} of-ideal={100 * run.SteadyRate / ideal:0.0}% " +
                $"parley-cpu-ms/req={run.ClientCpuMs:0.000} alloc-KB/req={run.Gc.KbPerRequest:0} gc-pause={100 * run.Gc.PauseShare:0.0}% gcs={run.Gc.Collections} mock-cpu-ms/req={run.ServerCpuMs:0.000} " +
                $"bare-loop: req/s(steady)={bare.SteadyRate:0} of-ideal={100 * bare.SteadyRate / ideal:0.0}% round-trip-ms={bare.RoundTripMs:0.0} client-cpu-ms/req={bare.ClientCpuMs:0.000} mock-cpu-ms/req={bare.ServerCpuMs:0.000} kept={run.Kept} load={Load()}"));
        }
        if (!promptStats) return;
        await using var server = await OpenAiProtocolServer.StartAsync(Reply);
        server.Latency = latency.Base;
        await GenerateAsync(new InProcessEndpoint(server.BaseUrl), 64, 256, domains);
        PromptStats(server.Requests);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One measured run. CPU figures are per request: this process's (client) and the mock's (server).</summary>
    private sealed record Measurement(long Requests, double Seconds, double Window, double SteadyRate, double ClientCpuMs, double ServerCpuMs, long Kept)
    {
        public GcCost Gc { get; init; } = new(0, 0, 0);

        /// <summary>Mean time from sending a request to reading its reply (bare loop only).</summary>
        public double RoundTripMs { get; init; }
    }

    /// <summary>Allocation per request, the share of the run spent in GC pauses, and the collections.</summary>
    private sealed record GcCost(double KbPerRequest, double PauseShare, int Collections);

    /// <summary>The LLM user and agent on the mock endpoint, with room for twice <paramref name="concurrency"/> requests.</summary>
    private static LlmSetup MockRoles(IMockEndpoint mock, int concurrency)
    {
        var endpoint = new EndpointSettings { Name = "mock", Provider = ChatProviderFactory.OpenAi, BaseUrl = mock.BaseUrl, MaxConcurrency = concurrency * 2 };
        var settings = new LlmRoleSettings { Model = "mock-model" };
        return LlmSetup.Create(new LlmConfig
        {
            Endpoints = new Dictionary<string, EndpointSettings> { [endpoint.Name] = endpoint },
            Roles = new Dictionary<LlmRole, RoleConfig> { [LlmRole.UserSimulator] = new(endpoint.Name, settings), [LlmRole.Agent] = new(endpoint.Name, settings) },
        });
    }

    private static async Task<Measurement> GenerateAsync(IMockEndpoint mock, int concurrency, int count, string[] domains, bool series = false)
    {
        using var llm = MockRoles(mock, concurrency);
        var output = Path.Combine(Path.GetTempPath(), "parley-llmbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            await using var sampler = new Sampler(clock, () => llm.Usage.Total.Requests);
            // Steady state: from the first dialogue written (every slot has been running a dialogue since the start) to the
            // dispatch of the last item (after it, slots empty as the last dialogues finish).
            var window = new SteadyWindow(clock, count);
            var (cpu, mockCpu) = (Process.GetCurrentProcess().TotalProcessorTime, mock.Cpu);
            var (allocated, paused, gcs) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
            var manifest = await RoleAssembly.Create(llm).RunAsync(new GenerationOptions { Output = output, Count = count, Concurrency = concurrency, Domains = domains, Seed = 1, Llm = llm }, window);
            var seconds = clock.Elapsed.TotalSeconds;
            var (cpuMs, mockMs) = ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, (mock.Cpu - mockCpu).TotalMilliseconds);
            var requests = llm.Usage.Total.Requests;
            var gc = new GcCost((GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / requests, (GC.GetTotalPauseDuration() - paused).TotalSeconds / seconds, GC.CollectionCount(0) - gcs);
            var (from, to) = window.Bounds ?? (0, seconds);
            // --series: the request rate every half second, to see stalls.
            if (series)
                Console.WriteLine(string.Join(' ', Enumerable.Range(0, (int)(seconds * 2)).Select(i => $"{i / 2.0:0.0}:{sampler.Rate(i / 2.0, i / 2.0 + 0.5):0}")) + $" window {from:0.0}-{to:0.0} gc-pause={GC.GetTotalPauseDuration().TotalMilliseconds:0} threads={ThreadPool.ThreadCount}");
            return new Measurement(requests, seconds, to - from, sampler.Rate(from, to), cpuMs / requests, mockMs / requests, manifest.Kept) { Gc = gc };
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The harness's own ceiling: <paramref name="count"/> agent-sized requests, <paramref name="concurrency"/> at a time, steady between 10% and 90% of them.</summary>
    private static async Task<Measurement> BareLoopAsync(IMockEndpoint mock, int concurrency, int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var body = Encoding.UTF8.GetBytes(BareBody);
        var (next, done, ticks) = (-1, 0L, 0L);
        var clock = Stopwatch.StartNew();
        await using var sampler = new Sampler(clock, () => Interlocked.Read(ref done));
        var (cpu, mockCpu) = (Process.GetCurrentProcess().TotalProcessorTime, mock.Cpu);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(mock.BaseUrl + "/chat/completions", content);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - sent);
                Interlocked.Increment(ref done);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var (cpuMs, mockMs) = ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, (mock.Cpu - mockCpu).TotalMilliseconds);
        var (from, to) = (sampler.TimeOf(count * 0.1), sampler.TimeOf(count * 0.9));
        return new Measurement(count, seconds, to - from, sampler.Rate(from, to), cpuMs / count, mockMs / count, 0)
        {
            RoundTripMs = 1000.0 * ticks / Stopwatch.Frequency / count,
        };
    }

    /// <summary>Samples a counter every 20 ms; rates between two times are interpolated between samples.</summary>
    private sealed class Sampler : IAsyncDisposable
    {
        private readonly List<(double Seconds, long Count)> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Sampler(Stopwatch clock, Func<long> counter) => _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            do
            {
                lock (_samples) _samples.Add((clock.Elapsed.TotalSeconds, counter()));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
        });

        public double Rate(double from, double to) => to > from ? (CountAt(to) - CountAt(from)) / (to - from) : 0;

        public double TimeOf(double count)
        {
            lock (_samples) return _samples.FirstOrDefault(s => s.Count >= count, _samples[^1]).Seconds;
        }

        private double CountAt(double seconds)
        {
            lock (_samples)
            {
                var i = _samples.FindIndex(s => s.Seconds >= seconds);
                if (i <= 0) return i == 0 ? _samples[0].Count : _samples[^1].Count;
                var (a, b) = (_samples[i - 1], _samples[i]);
                return a.Count + (b.Count - a.Count) * (seconds - a.Seconds) / (b.Seconds - a.Seconds);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }

    /// <summary>Watches the run's progress for the steady window: first item written → last item dispatched.</summary>
    private sealed class SteadyWindow(Stopwatch clock, long count) : IProgress<GenerationProgress>
    {
        private double? _from, _to;

        public (double From, double To)? Bounds => _from is { } from && _to is { } to && to > from ? (from, to) : null;

        public void Report(GenerationProgress value)
        {
            var now = clock.Elapsed.TotalSeconds;
            _from ??= now;
            if (_to is null && value.Done + value.Waiting + value.InFlight >= count) _to = now;
        }
    }

    /// <summary>The mock's latency: <see cref="Base"/>, and for a deterministic <see cref="SlowShare"/> of requests <see cref="SlowFactor"/> times it (a stalled replica, a long generation).</summary>
    public sealed record MockLatency(TimeSpan Base, double SlowShare = 0, double SlowFactor = 1)
    {
        public TimeSpan Mean => Base * (1 + SlowShare * (SlowFactor - 1));

        public bool IsSlow(int index) => SlowShare > 0 && (uint)(index * 2654435761u) / (double)uint.MaxValue < SlowShare;
    }

    private interface IMockEndpoint
    {
        string BaseUrl { get; }

        TimeSpan Cpu { get; }
    }

    private sealed record InProcessEndpoint(string BaseUrl) : IMockEndpoint
    {
        public TimeSpan Cpu => TimeSpan.Zero;
    }

    /// <summary>The mock server in a child process (<c>--mock-server</c>), so its CPU is its own and read apart from Parley's.</summary>
    private sealed class MockProcess(Process process, string baseUrl) : IMockEndpoint, IAsyncDisposable
    {
        public string BaseUrl => baseUrl;

        public int Id => process.Id;

        public TimeSpan Cpu
        {
            get
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
        }

        public static async Task<MockProcess> StartAsync(MockLatency latency)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
            start.Environment.Remove("DOTNET_DiagnosticPorts"); // a profiler attached to this process (dotnet-trace) is not the mock's
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(LlmOverhead).Assembly.Location);
            foreach (var a in new[] { "--mock-server", "--latency-ms", Text(latency.Base.TotalMilliseconds), "--slow-share", Text(latency.SlowShare), "--slow-factor", Text(latency.SlowFactor) })
            {
                start.ArgumentList.Add(a);
            }
            var process = Process.Start(start)!;
            var url = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the mock server exited before printing its URL");
            return new MockProcess(process, url);
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close(); // the child stops when its stdin closes
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Child side of <see cref="MockProcess"/>: serves until stdin closes.</summary>
    public static async Task ServeAsync(MockLatency latency)
    {
        var extra = latency.Base * (latency.SlowFactor - 1);
        await using var server = await OpenAiProtocolServer.StartAsync(r => latency.IsSlow(r.Index) ? ServerReply.After(extra, Reply(r)) : Reply(r));
        server.Latency = latency.Base;
        server.RecordRequests = false;
        Console.WriteLine(server.BaseUrl);
        await Console.In.ReadToEndAsync();
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
        return ServerReply.Text(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["thought"] = null,
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
