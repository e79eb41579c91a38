using System.Collections.Concurrent;
using System.Globalization;
using Parley.Dialogues;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// Small retail runs generated once per configuration and shared by the tests that only read them; tests that need
/// a run of their own call <see cref="RunAsync"/> with a folder of their own.
/// </summary>
public sealed class GeneratedRuns : IDisposable
{
    /// <summary>Dialogues in a shared run.</summary>
    public const int Count = 30;

    private readonly ConcurrentDictionary<string, Lazy<Task<GeneratedRun>>> _runs = new(StringComparer.Ordinal);
    private readonly TempDirectory _root = new();

    /// <summary>A shared retail run of <see cref="Count"/> dialogues.</summary>
    public Task<GeneratedRun> RetailAsync(ulong seed = 7, DialogueMode mode = DialogueMode.UserOriented, int parallelism = 2, int? pauseAfter = null)
    {
        var key = string.Join("_", seed.ToString(CultureInfo.InvariantCulture), mode, parallelism.ToString(CultureInfo.InvariantCulture),
            pauseAfter?.ToString(CultureInfo.InvariantCulture) ?? "full");
        return _runs.GetOrAdd(key, k => new Lazy<Task<GeneratedRun>>(() => RunAsync(new GenerationOptions
        {
            Output = _root.Combine(k),
            Count = Count,
            Domains = ["retail"],
            Seed = seed,
            Mode = mode,
            Parallelism = parallelism,
            PauseAfter = pauseAfter,
        }))).Value;
    }

    /// <summary>A shared run of <paramref name="count"/> dialogues over every built-in domain, as <c>parley generate -n</c> makes it.</summary>
    public Task<GeneratedRun> AllDomainsAsync(DialogueMode mode = DialogueMode.UserOriented, int count = 200)
    {
        var key = string.Join("_", "all", mode, count.ToString(CultureInfo.InvariantCulture));
        return _runs.GetOrAdd(key, k => new Lazy<Task<GeneratedRun>>(() => RunAsync(new GenerationOptions { Output = _root.Combine(k), Count = count, Mode = mode, Parallelism = 2 }))).Value;
    }

    /// <summary>Runs the rule-based generator and returns the run folder.</summary>
    public static async Task<GeneratedRun> RunAsync(GenerationOptions options, CancellationToken cancellationToken = default)
    {
        var manifest = await Generator.RuleBased.RunAsync(options, null, cancellationToken);
        return new GeneratedRun(options.Output, manifest);
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>A generated run folder and its manifest.</summary>
public sealed record GeneratedRun(string Folder, Manifest Manifest)
{
    public string PathOf(string file) => Path.Combine(Folder, file);

    public string DialoguesPath => PathOf(OutputDirectory.DialoguesFile);
    public string TasksPath => PathOf(OutputDirectory.TasksFile);
    public string StatesPath => PathOf(OutputDirectory.StatesFile);
    public string RejectedPath => PathOf(OutputDirectory.RejectedFile);
    public string EnvironmentPath(string id) => PathOf(Path.Combine(OutputDirectory.EnvironmentsFolder, id + ".json"));

    public IReadOnlyList<Dialogue> Dialogues => JsonlFile.Read(DialoguesPath, DialogueJsonContext.Default.Dialogue);
    public IReadOnlyList<TaskSpec> Tasks => JsonlFile.Read(TasksPath, RunJsonContext.Default.TaskSpec);
    public IReadOnlyList<GenerationState> States => JsonlFile.Read(StatesPath, RunJsonContext.Default.GenerationState);
    public IReadOnlyList<RejectedDialogue> Rejected => JsonlFile.Read(RejectedPath, RunJsonContext.Default.RejectedDialogue);

    /// <summary>The non-empty lines of a run file.</summary>
    public IReadOnlyList<string> Lines(string file) => [.. File.ReadAllLines(PathOf(file)).Where(l => l.Length > 0)];

    /// <summary>The tasks of one dialogue, in order.</summary>
    public IReadOnlyList<TaskSpec> TasksOf(string dialogueId) => [.. Tasks.Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Index)];
}
