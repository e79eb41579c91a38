using System.CommandLine;
using Parley.Environments;
using Parley.Generation;
using Parley.Mcp;
using Parley.Runs;

namespace Parley.Cli.Commands;

/// <summary><c>parley mcp serve</c>: serves one environment's tools over MCP (stdio, or streamable HTTP with <c>--http</c>).</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "A built-in domain name, an environment file (.json) or a domain folder.", Required = true };
        var http = new Option<string?>("--http") { Description = "Serve streamable HTTP at ADDRESS:PORT (e.g. 127.0.0.1:8765) instead of stdio; the endpoint is /mcp." };
        var evaluator = new Option<bool>("--evaluator-tools") { Description = "Also offer `reset` and `state_hash` tools, for evaluators that compare end states." };
        var envSeed = new Option<ulong>("--env-seed") { Description = "Seed of the environment's rows.", DefaultValueFactory = _ => 0UL };
        var serve = new Command("serve", "Serve an environment's tools over MCP; every session gets its own database copy.") { env, http, evaluator, envSeed };
        serve.SetAction(async (parse, ct) =>
        {
            using var database = EnvironmentDatabase.Build(Load(parse.GetValue(env)!), parse.GetValue(envSeed));
            using var server = new McpEnvironmentServer(database) { EvaluatorTools = parse.GetValue(evaluator) };
            if (parse.GetValue(http) is not { } address)
            {
                await server.RunStdioAsync(ct);
                return ExitCodes.Ok;
            }
            await using var app = await McpHttpHost.StartAsync(server, address, ct);
            await Console.Error.WriteLineAsync($"serving '{database.Spec.Id}' ({database.Tools.Tools.Count} tools) at {McpHttpHost.EndpointOf(app)}");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop serving and exit normally.
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return new Command("mcp", "Model Context Protocol: serve Parley environments to any MCP client.") { serve };
    }

    /// <summary>A built-in domain by name, else the one environment a file or folder holds.</summary>
    internal static EnvironmentSpec Load(string env)
    {
        if (!File.Exists(env) && !Directory.Exists(env)) return DomainCatalog.BuiltIn.Get(env);
        var environments = Directory.Exists(env) && File.Exists(Path.Combine(env, "tools.yaml"))
            ? [DomainCatalog.ReadFolder(env)]
            : ArtifactLoader.Load(env, DomainCatalog.BuiltIn).Environments;
        return environments.Count == 1 ? environments[0]
            : throw ParleyException.InvalidOption("--env", $"'{env}' holds {environments.Count} environments; name one file or folder");
    }
}
