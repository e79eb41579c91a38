using System.Diagnostics;
using System.Globalization;
using Parley.Evaluation;
using Parley.Generation;

namespace Parley.Benchmarks;

/// <summary>
/// Offline evaluation throughput (rule-based user, oracle agent) side by side with generation in the same process:
/// trials per second of <c>parley eval</c> and dialogues per second of <c>parley generate</c> over the same domains.
/// Usage: --eval-throughput [-n 2000] [--trials 4] [--concurrency C]
/// </summary>
internal static class EvalThroughput
{
    public static async Task RunAsync(int n, int trials, int concurrency)
    {
        var root = Path.Combine(Path.GetTempPath(), "parley-evalbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            async Task<double> Generate(int count, string name)
            {
                var clock = Stopwatch.StartNew();
                await Generator.RuleBased.RunAsync(new GenerationOptions { Output = Path.Combine(root, name), Count = count, Concurrency = concurrency, Seed = 1 });
                return count / clock.Elapsed.TotalSeconds;
            }
            async Task<(double Rate, double PassAt1)> Evaluate(int count, string name)
            {
                var clock = Stopwatch.StartNew();
                var results = await new Evaluator().RunAsync(new EvaluationOptions { Output = Path.Combine(root, name), Count = count / trials, Trials = trials, Concurrency = concurrency, Seed = 1 });
                return (count / clock.Elapsed.TotalSeconds, results.PassHatK["1"].Value);
            }
            await Generate(1000, "warm-g");
            await Evaluate(1000, "warm-e");
            var generated = await Generate(n, "g");
            var (evaluated, pass) = await Evaluate(n, "e");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"n={n} trials/task={trials} concurrency={concurrency} generate dialogues/s={generated:0} eval trials/s={evaluated:0} eval/generate={evaluated / generated:0.00} pass^1={pass:0.000} load={string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
