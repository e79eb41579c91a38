using System.CommandLine;
using Parley.Cli.Rendering;
using Parley.Dialogues;
using Parley.Export;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Cli.Commands;

/// <summary><c>parley show &lt;dialogue-id&gt;</c>: a readable rendering of one dialogue.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("dialogue-id") { Description = "The dialogue's id (or a unique prefix, or its index)." };
        var folder = new Option<string>("--out", "-o") { Description = "The run folder.", DefaultValueFactory = _ => "out/run" };
        var command = new Command("show", "Show one dialogue as a conversation.") { id, folder };
        command.SetAction((parse, _) =>
        {
            var dir = parse.GetValue(folder)!;
            var wanted = parse.GetValue(id)!;
            var dialogues = new List<Dialogues.Dialogue>();
            var path = Path.Combine(dir, OutputDirectory.DialoguesFile);
            if (File.Exists(path)) dialogues.AddRange(JsonlFile.Read(path, DialogueJsonContext.Default.Dialogue));
            var rejected = Path.Combine(dir, OutputDirectory.RejectedFile);
            if (File.Exists(rejected)) dialogues.AddRange(JsonlFile.Read(rejected, RunJsonContext.Default.RejectedDialogue).Select(r => r.Dialogue).OfType<Dialogues.Dialogue>());
            var match = dialogues.Where(d => d.Id == wanted || d.Metadata.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) == wanted).ToList();
            if (match.Count == 0) match = [.. dialogues.Where(d => d.Id.StartsWith(wanted, StringComparison.Ordinal))];
            if (match.Count != 1)
            {
                Console.Error.WriteLine(match.Count == 0 ? $"error: no dialogue '{wanted}' in {dir}" : $"error: '{wanted}' matches {match.Count} dialogues");
                return Task.FromResult(ExitCodes.NotFound);
            }
            DialogueRenderer.Write(match[0], Console.Out);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
