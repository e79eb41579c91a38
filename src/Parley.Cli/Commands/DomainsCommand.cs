using System.CommandLine;
using Parley.Environments;
using Parley.Tools;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley domains</c>: lists the built-in domains with their tools and scenarios.</summary>
internal static class DomainsCommand
{
    public static Command Create()
    {
        var command = new Command("domains", "List the built-in domains.");
        command.SetAction((_, _) =>
        {
            var table = new Table().AddColumns("domain", "tables", "tools (read/write)", "scenarios", "description");
            foreach (var name in DomainCatalog.BuiltIn.Names)
            {
                var spec = DomainCatalog.BuiltIn.Get(name);
                var tables = spec.Seed?.Tables.Count ?? spec.Data?.Count ?? 0;
                var writes = spec.Tools.Count(t => t.Access == ToolAccess.Write);
                table.AddRow(Markup.Escape(name), tables.ToString(), $"{spec.Tools.Count} ({spec.Tools.Count - writes}/{writes})", spec.Scenarios.Count.ToString(), Markup.Escape(spec.Description));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
