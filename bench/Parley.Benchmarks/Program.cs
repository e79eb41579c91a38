using System.Diagnostics;
using System.Globalization;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Tools;

// Offline throughput: dialogues per second and peak memory for one configuration per process, so peak memory is
// that configuration's own. Usage: throughput [-n N] [--concurrency C] [--mode user-oriented|task-oriented] [--domains a,b]
// (--parallelism is an alias of --concurrency, as in the CLI).
Parley.Tools.SqliteEngine.Configure(); // as the CLI does
if (args.Contains("--mock-server"))
{
    await Parley.Benchmarks.LlmOverhead.ServeAsync(Latency());
    return;
}
if (args.Contains("--llm-overhead"))
{
    if (args.Contains("--debug")) AppDomain.CurrentDomain.FirstChanceException += (_, e) => { if (e.Exception is not OperationCanceledException) Console.Error.WriteLine("FIRST: " + e.Exception.GetType().Name + ": " + e.Exception.Message + "\n" + e.Exception.StackTrace?.Split('\n').FirstOrDefault()); };
    // LLM mode: usage --llm-overhead [--concurrency 16,256,2048] [--latency-ms 200] [--slow-share 0.02 --slow-factor 20] [--dialogues-per-slot 6] [--domains a,b] [--no-prompt-stats] [--series]
    var levels = Text("--concurrency", "16,256,2048").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
    await Parley.Benchmarks.LlmOverhead.RunAsync(levels, Latency(), Arg("--dialogues-per-slot", 6),
        Text("--domains", "").Split(',', StringSplitOptions.RemoveEmptyEntries), promptStats: !args.Contains("--no-prompt-stats"), series: args.Contains("--series"));
    return;
}
if (args.Contains("--eval-throughput"))
{
    await Parley.Benchmarks.EvalThroughput.RunAsync(Arg("-n", 2000), Arg("--trials", 4), Arg("--concurrency", Environment.ProcessorCount));
    return;
}
if (args.Contains("--eval-overhead"))
{
    await Parley.Benchmarks.LlmOverhead.EvalAsync(Arg("--concurrency", 64), Arg("--trials", 2), Latency(), Text("--domains", "").Split(',', StringSplitOptions.RemoveEmptyEntries));
    return;
}
if (args.Contains("--read-memory"))
{
    // Readers' peak memory: usage --read-memory --source RUN --cli PATH/Parley.Cli [--sizes 10000,100000] [--work DIR]
    await Parley.Benchmarks.ReadMemory.RunAsync(Text("--source", ""), [.. Text("--sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
        Text("--cli", ""), Text("--work", Path.Combine(Path.GetTempPath(), "parley-read-memory")));
    return;
}
var n = Arg("-n", 2000);
var parallelism = Arg("--concurrency", Arg("--parallelism", Environment.ProcessorCount));
var mode = Text("--mode", "user-oriented") == "task-oriented" ? DialogueMode.TaskOriented : DialogueMode.UserOriented;
var domains = Text("--domains", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
var output = Path.Combine(Path.GetTempPath(), "parley-bench-" + Guid.NewGuid().ToString("N"));
try
{
    // Warm up first: tiered JIT compiles each hot method up to three times, which would dominate a short measurement.
    await Generator.RuleBased.RunAsync(new GenerationOptions { Output = output, Count = 1000, Concurrency = parallelism, Mode = mode, Domains = domains });
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var (gcs, paused, allocated) = (GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    var clock = Stopwatch.StartNew();
    var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = output, Count = n, Concurrency = parallelism, Mode = mode, Domains = domains, Seed = 1 });
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    var gcCount = GC.CollectionCount(0) - gcs;
    var gcMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
    var kbPerDialogue = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / n;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"n={n} concurrency={parallelism} mode={mode} kept={manifest.Kept} rejected={manifest.Rejected} seconds={seconds:0.00} dialogues/s={n / seconds:0} verified/s={manifest.Kept / seconds:0} cpu-ms/dialogue={1000 * cpuSeconds / n:0.00} peak-MB={peak:0} alloc-KB/dialogue={kbPerDialogue:0} gc={gcCount} gc-pause-ms={gcMs:0}"));
}
finally
{
    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
}

Parley.Benchmarks.LlmOverhead.MockLatency Latency() => new(TimeSpan.FromMilliseconds(Arg("--latency-ms", 200)),
    double.Parse(Text("--slow-share", "0"), CultureInfo.InvariantCulture), double.Parse(Text("--slow-factor", "1"), CultureInfo.InvariantCulture));

int Arg(string name, int fallback) => Text(name, "") is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string Text(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
