using System.Diagnostics;
using System.Globalization;
using Parley.Evaluation;
using Parley.Llm;

namespace Parley.Benchmarks;

/// <summary>
/// Evaluation overhead in LLM mode: against the same mock endpoint (a child process), one run of the generation path, one
/// evaluation of an LLM agent with an LLM user (k trials per task), and the bare HTTP loop, side by side, so the cost an
/// evaluation adds per trial (scoring, attribution, trials.jsonl, results) shows as a ratio rather than an absolute time.
/// Usage: --eval-overhead [--concurrency 64] [--trials 2] [--latency-ms 200] [--domains a,b]
/// </summary>
internal static partial class LlmOverhead
{
    public static async Task EvalAsync(int concurrency, int trials, MockLatency latency, string[] domains)
    {
        await using var mock = await MockProcess.StartAsync(latency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency={latency.Base.TotalMilliseconds:0}ms cores={Environment.ProcessorCount} load={Load()}"));
        var count = Math.Max(64, concurrency * 4);
        await GenerateAsync(mock, concurrency, Math.Max(32, concurrency), domains); // warm-up
        await EvaluateAsync(mock, concurrency, Math.Max(16, concurrency / trials), trials, domains);
        var bare = await BareLoopAsync(mock, concurrency, Math.Max(4000, concurrency * 16));
        var generated = await GenerateAsync(mock, concurrency, count, domains);
        var (evaluated, trialsRun, evalSeconds) = await EvaluateAsync(mock, concurrency, count / trials, trials, domains);
        var ideal = concurrency / latency.Mean.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"concurrency={concurrency} ideal-req/s={ideal:0} | generate: dialogues={count} req/s(steady)={generated.SteadyRate:0} of-ideal={100 * generated.SteadyRate / ideal:0.0}% cpu-ms/req={generated.ClientCpuMs:0.000} " +
            $"| eval: trials={trialsRun} trials/s={trialsRun / evalSeconds:0.0} req/s(steady)={evaluated.SteadyRate:0} of-ideal={100 * evaluated.SteadyRate / ideal:0.0}% cpu-ms/req={evaluated.ClientCpuMs:0.000} cpu-ms/trial={evaluated.ClientCpuMs * evaluated.Requests / trialsRun:0.0} " +
            $"| bare-loop: req/s(steady)={bare.SteadyRate:0} of-ideal={100 * bare.SteadyRate / ideal:0.0}% cpu-ms/req={bare.ClientCpuMs:0.000} load={Load()}"));
    }

    private static async Task<(Measurement Run, int Trials, double Seconds)> EvaluateAsync(IMockEndpoint mock, int concurrency, int tasks, int trials, string[] domains)
    {
        using var llm = MockRoles(mock, concurrency);
        var output = Path.Combine(Path.GetTempPath(), "parley-evalbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            await using var sampler = new Sampler(clock, () => llm.Usage.Total.Requests);
            var window = new SteadyWindow(clock, (long)tasks * trials);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var options = new EvaluationOptions { Output = output, Domains = domains, Count = tasks, Trials = trials, Agent = AgentUnderTest.Llm, Llm = llm, Concurrency = concurrency, Seed = 1 };
            await new Evaluator().RunAsync(options, window);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var requests = llm.Usage.Total.Requests;
            var (from, to) = window.Bounds ?? (0, seconds);
            return (new Measurement(requests, seconds, to - from, sampler.Rate(from, to), cpuMs / requests, 0, 0), tasks * trials, seconds);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
