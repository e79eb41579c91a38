using System.Diagnostics;
using System.Globalization;
using Parley.Dialogues;
using Parley.Runs;
using Parley.Tasks;

namespace Parley.Benchmarks;

/// <summary>
/// Peak memory of the commands that read a whole run, on runs of different sizes: each size is the items of a source
/// run repeated (new dialogue and task ids, new positions) and written through the run writer with their ledger
/// hashes, and each command runs as a child process under <c>/usr/bin/time</c>, whose maximum resident set is its peak.
/// </summary>
internal static class ReadMemory
{
    private const int LedgerBatch = 1000;

    /// <summary>Measures every command on every size and prints a table, one row per command.</summary>
    public static async Task RunAsync(string source, IReadOnlyList<int> sizes, string cli, string work)
    {
        Directory.CreateDirectory(work);
        var items = RunReader.Read(source).ToList();
        var commands = new (string Name, Func<string, string[]> Args)[]
        {
            ("validate", run => ["validate", run]),
            ("stats", run => ["stats", run, "--json"]),
            ("export openai", run => ["export", run, "-f", "openai", "--out", Path.Combine(run, "x-openai.jsonl")]),
            ("export sharegpt --per-turn", run => ["export", run, "-f", "sharegpt", "--per-turn", "--out", Path.Combine(run, "x-sharegpt.jsonl")]),
            ("export hermes --validation-fraction 0.2", run => ["export", run, "-f", "hermes", "--validation-fraction", "0.2", "--out", Path.Combine(run, "x-hermes.jsonl")]),
            ("export parquet", run => ["export", run, "-f", "parquet", "--out", Path.Combine(run, "x-parquet")]),
            ("export openai --dedup", run => ["export", run, "-f", "openai", "--dedup", "--out", Path.Combine(run, "x-dedup.jsonl")]),
            ("dedup", run => ["dedup", run, "--json"]),
            ("report", run => ["report", run, "--out", Path.Combine(run, "x-report.html")]),
            ("filter --turns 4-40", run => ["filter", run, "--turns", "4-40", "--out", Path.Combine(run + "-filtered")]),
        };
        var peaks = new Dictionary<(string, int), double>();
        foreach (var size in sizes)
        {
            var run = Path.Combine(work, $"run-{size}");
            if (!File.Exists(Path.Combine(run, OutputDirectory.ManifestFile))) Replicate(source, items, run, size);
            Console.Error.WriteLine($"{size}: {new FileInfo(Path.Combine(run, OutputDirectory.DialoguesFile)).Length / (1024 * 1024)} MB of dialogues");
            foreach (var (name, args) in commands)
            {
                if (Directory.Exists(run + "-filtered")) Directory.Delete(run + "-filtered", recursive: true);
                var (mb, seconds) = await MeasureAsync(cli, args(run));
                peaks[(name, size)] = mb;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size} {name}: {mb:0} MB peak, {seconds:0.0} s"));
            }
        }
        Console.WriteLine($"| command | {string.Join(" | ", sizes.Select(s => $"{s:N0} dialogues: peak MB"))} | ratio |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|");
        foreach (var (name, _) in commands)
        {
            var row = sizes.Select(s => peaks[(name, s)]).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", row.Select(p => p.ToString("0", CultureInfo.InvariantCulture)))} | {row[^1] / row[0]:0.00} |"));
        }
    }

    // Item i of the copy is source item i mod n with the copy number in its ids, written as the generator writes an item.
    private static void Replicate(string source, List<RunItem> items, string folder, int size)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(Path.Combine(folder, OutputDirectory.EnvironmentsFolder));
        foreach (var file in Directory.GetFiles(Path.Combine(source, OutputDirectory.EnvironmentsFolder)))
        {
            File.Copy(file, Path.Combine(folder, OutputDirectory.EnvironmentsFolder, Path.GetFileName(file)));
        }
        using (var sourceLedger = RunLedger.Open(source))
        using (var ledger = RunLedger.Create(folder, sourceLedger.Options))
        using (var output = new OutputDirectory(folder))
        {
            foreach (var key in new[] { RunLedger.VersionKey, Generation.Generator.EnvironmentsKey }) ledger.Set(key, sourceLedger.Get(key) ?? "");
            ledger.Set(Generation.Generator.TotalKey, size.ToString(CultureInfo.InvariantCulture));
            var batch = new List<LedgerEntry>();
            var (kept, rejected) = (0, 0);
            for (var i = 0; i < size; i++)
            {
                var item = items[i % items.Count];
                var copy = i / items.Count;
                string Id(string id) => copy == 0 ? id : $"{id}-c{copy}";
                var tasks = item.TaskSpecs.Select(t => t with { Id = Id(t.Id), DialogueId = Id(t.DialogueId) }).ToList();
                Dialogue Renamed(Dialogue d) => d with { Id = Id(d.Id), Metadata = d.Metadata with { Index = i, Tasks = [.. d.Metadata.Tasks.Select(Id)] } };
                var keptDialogue = item.Kept is { } k ? Renamed(k) : null;
                var rejectedEntry = item.RejectedEntry is { } r ? r with { Id = Id(r.Id), Dialogue = r.Dialogue is { } rd ? Renamed(rd) : null } : null;
                var lines = OutputLines.Of(tasks, keptDialogue, rejectedEntry, null);
                output.Append(lines);
                batch.Add(new LedgerEntry(i, item.Entry.State, item.Entry.Checks, output.Mark(), lines.Hashes));
                if (keptDialogue is not null) kept++;
                else if (rejectedEntry is not null) rejected++;
                if (batch.Count < LedgerBatch) continue;
                output.Sync();
                ledger.Record([], batch);
                batch.Clear();
            }
            output.Sync();
            ledger.Record([], batch);
            var manifest = OutputDirectory.ReadManifest(source)!;
            output.WriteManifest(manifest with { Attempted = size, Kept = kept, Rejected = rejected });
        }
    }

    private static async Task<(double PeakMb, double Seconds)> MeasureAsync(string cli, string[] args)
    {
        var report = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-f", "%M", "-o", report, cli, .. args]) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        var kb = double.Parse(File.ReadAllLines(report).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
        File.Delete(report);
        return (kb / 1024, clock.Elapsed.TotalSeconds);
    }
}
