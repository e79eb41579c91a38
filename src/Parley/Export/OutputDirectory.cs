using System.Text;
using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Export;

/// <summary>
/// Writes a run's files: <c>dialogues.jsonl</c>, <c>rejected.jsonl</c>, <c>tasks.jsonl</c>, <c>states.jsonl</c> (paused
/// dialogues), <c>environments/&lt;id&gt;.json</c> and <c>manifest.json</c>. Lines are appended and flushed as they come.
/// </summary>
public sealed class OutputDirectory : IDisposable
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

    private static readonly ParleyJsonContext Indented = new(new JsonSerializerOptions(ParleyJsonContext.Default.Options) { WriteIndented = true });
    private readonly StreamWriter _dialogues, _rejected, _tasks;
    private StreamWriter? _states;

    /// <summary>Creates (or truncates) the run files in <paramref name="path"/>.</summary>
    public OutputDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.Combine(path, EnvironmentsFolder));
        _dialogues = Open(DialoguesFile);
        _rejected = Open(RejectedFile);
        _tasks = Open(TasksFile);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The path of a run folder's <c>dialogues.jsonl</c>; a <see cref="ParleyException"/> (not found) when there is none.</summary>
    public static string DialoguesOf(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, DialoguesFile);
        return File.Exists(path) ? path : throw ParleyException.NotFound(runFolder, $"no {DialoguesFile} here; is this a run folder?");
    }

    /// <summary>Writes an environment file (the materialised declaration with its rows).</summary>
    public void WriteEnvironment(EnvironmentSpec spec) =>
        File.WriteAllText(System.IO.Path.Combine(Path, EnvironmentsFolder, spec.Id + ".json"), JsonSerializer.Serialize(spec, Indented.EnvironmentSpec) + "\n", new UTF8Encoding(false));

    /// <summary>Appends a kept dialogue.</summary>
    public void WriteDialogue(Dialogue dialogue)
    {
        // Serialised straight into the file's UTF-8 stream: a dialogue is tens of kilobytes, not worth a string.
        _dialogues.Flush();
        using (var json = new Utf8JsonWriter(_dialogues.BaseStream))
        {
            JsonSerializer.Serialize(json, dialogue, ParleyJsonContext.Default.Dialogue);
        }
        _dialogues.BaseStream.WriteByte((byte)'\n');
    }

    /// <summary>Appends a rejected dialogue with its reasons.</summary>
    public void WriteRejected(RejectedDialogue rejected) => Append(_rejected, JsonSerializer.Serialize(rejected, ParleyJsonContext.Default.RejectedDialogue));

    /// <summary>Appends a task.</summary>
    public void WriteTask(TaskSpec task) => Append(_tasks, JsonSerializer.Serialize(task, ParleyJsonContext.Default.TaskSpec));

    /// <summary>Appends a paused dialogue's state.</summary>
    public void WriteState(GenerationState state) => Append(_states ??= Open(StatesFile), JsonSerializer.Serialize(state, ParleyJsonContext.Default.GenerationState));

    /// <summary>Writes the manifest.</summary>
    public void WriteManifest(Manifest manifest) =>
        File.WriteAllText(System.IO.Path.Combine(Path, ManifestFile), JsonSerializer.Serialize(manifest, Indented.Manifest) + "\n", new UTF8Encoding(false));

    /// <summary>Flushes every open file.</summary>
    public void Flush()
    {
        _dialogues.Flush();
        _rejected.Flush();
        _tasks.Flush();
        _states?.Flush();
    }

    private StreamWriter Open(string file) =>
        new(System.IO.Path.Combine(Path, file), append: false, new UTF8Encoding(false)) { NewLine = "\n" };

    private static void Append(StreamWriter writer, string line) => writer.WriteLine(line);

    /// <inheritdoc />
    public void Dispose()
    {
        _dialogues.Dispose();
        _rejected.Dispose();
        _tasks.Dispose();
        _states?.Dispose();
    }
}
