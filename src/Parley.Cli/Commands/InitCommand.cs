using System.CommandLine;
using Parley.Llm;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley init</c>: writes a fully commented example parley.yaml.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Where to write the configuration.", DefaultValueFactory = _ => "parley.yaml" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write an example parley.yaml (endpoints, roles, cache) to edit for `parley generate --config`.") { path, force };
        command.SetAction((parse, _) =>
        {
            var target = parse.GetValue(path)!;
            LlmConfigTemplate.Write(target, parse.GetValue(force));
            AnsiConsole.MarkupLineInterpolated($"wrote {target}: edit its endpoints and roles, then run [bold]parley generate --config {target}[/]");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
