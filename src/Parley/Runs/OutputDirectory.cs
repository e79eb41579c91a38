using System.Text.Json;
using Parley.Environments;
using Parley.Serialization;

namespace Parley.Runs;

/// <summary>
/// Writes a run's files: <c>dialogues.jsonl</c>, <c>rejected.jsonl</c>, <c>tasks.jsonl</c>, <c>states.jsonl</c> (paused
/// dialogues), <c>environments/&lt;id&gt;.json</c> and <c>manifest.json</c>. Lines are appended as they come;
/// <see cref="Mark"/> tells where each file ends, for the run's ledger, and <see cref="Sync"/> makes them durable.
/// </summary>
internal sealed class OutputDirectory : IDisposable
{
    /// <summary>The file of kept dialogues.</summary>
    public const string DialoguesFile = "dialogues.jsonl";
    /// <summary>The file of rejected dialogues.</summary>
    public const string RejectedFile = "rejected.jsonl";
    /// <summary>The file of tasks.</summary>
    public const string TasksFile = "tasks.jsonl";
    /// <summary>The file of paused dialogue states.</summary>
    public const string StatesFile = "states.jsonl";
    /// <summary>The manifest.</summary>
    public const string ManifestFile = "manifest.json";
    /// <summary>The folder of environment files.</summary>
    public const string EnvironmentsFolder = "environments";

    /// <summary>Where a run in progress spills finished items waiting for an earlier one (deleted when the run ends).</summary>
    public const string SpillFile = ".reorder.spill";

    private readonly FileStream _dialogues, _rejected, _tasks;
    private readonly bool _append;
    private FileStream? _states;

    /// <summary>Creates (or truncates) the run files in <paramref name="path"/>.</summary>
    public OutputDirectory(string path) : this(path, null)
    {
    }

    private OutputDirectory(string path, FileOffsets? resumeAt)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.Combine(path, EnvironmentsFolder));
        _append = resumeAt is not null;
        _dialogues = Open(DialoguesFile);
        _rejected = Open(RejectedFile);
        _tasks = Open(TasksFile);
        if (resumeAt is { States: > 0 }) _states = Open(StatesFile);
    }

    /// <summary>
    /// Reopens a run's files to append after <paramref name="offsets"/>, cutting off whatever follows them (a torn last
    /// line, or lines the ledger never recorded as finished); throws when a file is shorter than recorded.
    /// </summary>
    public static OutputDirectory Reopen(string path, FileOffsets offsets)
    {
        foreach (var (file, length) in new[] { (DialoguesFile, offsets.Dialogues), (RejectedFile, offsets.Rejected), (TasksFile, offsets.Tasks), (StatesFile, offsets.States) })
        {
            var full = System.IO.Path.Combine(path, file);
            var actual = File.Exists(full) ? new FileInfo(full).Length : 0;
            if (actual < length)
            {
                throw ParleyException.InvalidFile(full, $"is {actual} bytes but the run's ledger records {length} written; the file was changed after the run, so it cannot be resumed");
            }
            if (actual > length)
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
                stream.SetLength(length);
                stream.Flush(flushToDisk: true);
            }
        }
        return new OutputDirectory(path, offsets);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The path of a run folder's <c>dialogues.jsonl</c>; a <see cref="ParleyException"/> (not found) when there is none.</summary>
    public static string DialoguesOf(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, DialoguesFile);
        return File.Exists(path) ? path : throw ParleyException.NotFound(runFolder, $"no {DialoguesFile} here; is this a run folder?");
    }

    /// <summary>Writes an environment file (the materialised declaration with its rows), whole or not at all.</summary>
    public void WriteEnvironment(EnvironmentSpec spec) => WriteEnvironment(Path, spec);

    /// <summary>Writes an environment file into the run folder <paramref name="folder"/> before the run's files are opened (a freshly designed environment).</summary>
    public static void WriteEnvironment(string folder, EnvironmentSpec spec)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(folder, EnvironmentsFolder));
        AtomicFile.WriteAllText(System.IO.Path.Combine(folder, EnvironmentsFolder, spec.Id + ".json"), IndentedJson.Serialize(spec, RunJsonContext.Default.EnvironmentSpec));
    }

    /// <summary>Appends one item's lines: its tasks, and its kept dialogue, rejected dialogue or paused state.</summary>
    public void Append(OutputLines lines)
    {
        Append(_tasks, lines.Tasks);
        Append(_dialogues, lines.Dialogues);
        Append(_rejected, lines.Rejected);
        if (lines.States.Length > 0) Append(_states ??= Open(StatesFile), lines.States);
    }

    /// <summary>Writes the manifest, whole or not at all.</summary>
    public void WriteManifest(Manifest manifest) => WriteManifest(Path, manifest);

    /// <summary>Writes a manifest into <paramref name="folder"/>, whole or not at all.</summary>
    public static void WriteManifest(string folder, Manifest manifest) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(folder, ManifestFile), IndentedJson.Serialize(manifest, RunJsonContext.Default.Manifest));

    /// <summary>Reads the manifest of <paramref name="folder"/>; null when it has none, an invalid-file error when it does not parse.</summary>
    public static Manifest? ReadManifest(string folder)
    {
        var path = System.IO.Path.Combine(folder, ManifestFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunJsonContext.Default.Manifest);
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(path, e.Message);
        }
    }

    /// <summary>Flushes every open file to the operating system (enough to survive the process being killed).</summary>
    public void Flush()
    {
        _dialogues.Flush();
        _rejected.Flush();
        _tasks.Flush();
        _states?.Flush();
    }

    /// <summary>Flushes every file to the operating system and returns where each ends: where the next item's lines will start.</summary>
    public FileOffsets Mark()
    {
        Flush();
        return new FileOffsets(_dialogues.Position, _rejected.Position, _tasks.Position, _states?.Position ?? 0);
    }

    /// <summary>Flushes every file through to the disk (fsync), so what was written survives a power cut.</summary>
    public void Sync()
    {
        Flush();
        foreach (var file in new[] { _dialogues, _rejected, _tasks, _states }) file?.Flush(flushToDisk: true);
    }

    private FileStream Open(string file) =>
        new(System.IO.Path.Combine(Path, file), _append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);

    private static void Append(FileStream file, byte[] lines) => file.Write(lines);

    /// <inheritdoc />
    public void Dispose()
    {
        _dialogues.Dispose();
        _rejected.Dispose();
        _tasks.Dispose();
        _states?.Dispose();
    }
}
