using System.CommandLine;
using Parley.Cli.Rendering;
using Parley.Runs;

namespace Parley.Cli.Commands;

/// <summary><c>parley show RUN ID</c>: a readable rendering of one dialogue.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run folder (written by parley generate)." };
        var id = new Argument<string?>("dialogue-id") { Description = "The dialogue's id (or a unique prefix, or its index).", Arity = ArgumentArity.ZeroOrOne };
        // The former form, `show ID --out RUN`, still works.
        var former = new Option<string?>("--out", "-o") { Hidden = true, Description = "Deprecated: name the run folder first, `parley show RUN ID`." };
        var command = new Command("show", "Show one dialogue as a conversation.") { run, id, former };
        command.SetAction((parse, _) =>
        {
            var (folder, key) = parse.GetValue(former) is { } old
                ? (old, parse.GetValue(id) is null ? parse.GetValue(run)! : throw ParleyException.InvalidOption("--out", "give the run folder once: parley show RUN ID"))
                : (parse.GetValue(run)!, parse.GetValue(id) ?? throw ParleyException.InvalidOption("dialogue-id", "name the dialogue after the run folder: parley show RUN ID"));
            DialogueRenderer.Write(DialogueLookup.Find(folder, key), Console.Out);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
