using System.CommandLine;
using Parley.Generation;
using Parley.Runs;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley merge &lt;shard-outs...&gt; --out DIR</c>: joins the folders of a sharded run into one run folder.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard folders (written by parley generate --shard i/N, or by an earlier parley merge --partial).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The merged run folder.", Required = true };
        var partial = new Option<bool>("--partial") { Description = "Allow merging only some consecutive shards (e.g. 0-9 of 100); merge the result with the other shards later." };
        var force = new Option<bool>("--force") { Description = "Replace the earlier parley run in --out (never a folder that is not a parley run)." };
        var command = new Command("merge", "Merge the outputs of a sharded run: dialogues in global index order, environments deduplicated, manifests combined.") { shards, output, partial, force };
        command.SetAction(async (parse, ct) =>
        {
            var folders = parse.GetValue(shards)!;
            var manifest = await RunMerger.MergeAsync(folders, parse.GetValue(output)!, parse.GetValue(partial), parse.GetValue(force), ct);
            var part = manifest.Config.GetValueOrDefault("shard") is { } range ? $" into shards {range} (part of the run; merge it with the other shards later)" : "";
            AnsiConsole.MarkupLineInterpolated($"merged {folders.Length} shards{part}: [green]{manifest.Kept}[/] kept, [yellow]{manifest.Rejected}[/] rejected of {manifest.Attempted} → {parse.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
