using System.Security.Cryptography;
using System.Text;
using Parley.Dialogues;
using Parley.Runs;
using Parley.Tasks;

namespace Parley.Evaluation;

/// <summary>
/// The tasks an evaluation used (its <c>held_out.json</c>), so training data can leave them out: a dialogue is excluded
/// when one of its tasks has a held-out id, or the same content (environment and expected actions) under another id.
/// </summary>
public sealed class HeldOutTasks
{
    /// <summary>The file in an evaluation folder.</summary>
    public const string FileName = "held_out.json";

    private readonly HashSet<string> _ids;
    private readonly HashSet<string> _hashes;

    /// <summary>The held-out set of <paramref name="tasks"/>.</summary>
    public HeldOutTasks(IEnumerable<HeldOutTask> tasks)
    {
        var list = tasks.ToList();
        Tasks = list;
        _ids = [.. list.Select(t => t.Id)];
        _hashes = [.. list.Select(t => t.Hash)];
    }

    /// <summary>The held-out tasks.</summary>
    public IReadOnlyList<HeldOutTask> Tasks { get; }

    /// <summary>The content hash of a task: its environment and its expected actions with canonical arguments.</summary>
    public static string HashOf(TaskSpec task)
    {
        var text = new StringBuilder(task.EnvironmentId).Append('\n');
        foreach (var action in task.ExpectedActions) text.Append(action.Tool).Append(' ').Append(CanonicalJson.Of(action.Arguments)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The held-out set of an evaluation's tasks.</summary>
    public static HeldOutTasks Of(IEnumerable<TaskSpec> tasks) => new(tasks.Select(t => new HeldOutTask(t.Id, HashOf(t))));

    /// <summary>Reads an evaluation folder's <c>held_out.json</c> (or that file itself).</summary>
    /// <exception cref="ParleyException">There is no such file, or it does not parse.</exception>
    public static HeldOutTasks Load(string evaluation)
    {
        var path = Directory.Exists(evaluation) ? Path.Combine(evaluation, FileName) : evaluation;
        if (!File.Exists(path)) throw ParleyException.NotFound(evaluation, $"no {FileName}: is this an evaluation folder (parley eval --out)?");
        try
        {
            var list = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), EvaluationJsonContext.Default.IReadOnlyListHeldOutTask);
            return new HeldOutTasks(list ?? []);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ParleyException.InvalidFile(path, e.Message);
        }
    }

    /// <summary>Writes the set as <c>held_out.json</c> into <paramref name="folder"/>.</summary>
    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), System.Text.Json.JsonSerializer.Serialize(Tasks, EvaluationJsonContext.Default.IReadOnlyListHeldOutTask) + "\n");

    /// <summary>True when a task with <paramref name="id"/> or with <paramref name="task"/>'s content is held out.</summary>
    public bool Contains(string id, TaskSpec? task) => _ids.Contains(id) || task is not null && _hashes.Contains(HashOf(task));

    /// <summary>
    /// Whether a kept dialogue of <paramref name="run"/> uses a held-out task: by id, or by content through the tasks its
    /// item wrote to the run's <c>tasks.jsonl</c> (for <c>parley export --exclude-tasks</c>). The run is read once, one
    /// item at a time, and only the ids of the dialogues that use one stay; a folder without a ledger (written by
    /// <c>parley filter</c>) has no tasks, so only ids match there.
    /// </summary>
    /// <exception cref="ParleyException">The run folder does not exist or a run file does not parse.</exception>
    public Func<Dialogue, bool> UsedIn(string run, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kept in RunReader.Dialogues(run, DialogueSet.Kept, cancellationToken))
        {
            var tasks = kept.Item?.TaskSpecs ?? [];
            if (kept.Dialogue.Metadata.Tasks.Any(id => Contains(id, tasks.FirstOrDefault(t => t.Id == id)))) ids.Add(kept.Dialogue.Id);
        }
        return d => ids.Contains(d.Id);
    }
}
