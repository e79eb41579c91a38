using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using Parley.Design;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// Makes an environment from an MCP server (<c>--from-mcp</c>): its tools with their schemas and descriptions (read or
/// write by the server's read-only hint, else by name), outputs sampled from its argument-free reads and empty
/// searches for the planner, the state probe (an evaluator's <c>state_hash</c>, else an argument-free read of the
/// whole state), and how each dialogue gets a clean server.
/// </summary>
internal static partial class McpEnvironmentDesigner
{
    private const int MaxSampleChars = 200_000;

    /// <summary>Connects to <paramref name="server"/> (a command line or an http(s) URL) and designs its environment.</summary>
    /// <exception cref="ParleyException"><c>mcp_unavailable</c> when the server does not start or answer; <c>invalid_environment</c> when it has no tools.</exception>
    public static async Task<EnvironmentSpec> DesignAsync(string server, CancellationToken cancellationToken = default)
    {
        var isUrl = server.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || server.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var spec = new McpServerSpec
        {
            Command = isUrl ? null : server,
            Url = isUrl ? server : null,
            Isolation = isUrl ? McpIsolation.FreshSession : McpIsolation.FreshProcess,
        };
        await using var connection = await McpConnection.OpenAsync(spec, cancellationToken);
        var client = connection.Client;
        IList<McpClientTool> listed;
        try
        {
            listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ParleyException.McpServerUnavailable(spec.Source, "listing its tools failed: " + McpConnection.Describe(e));
        }
        var names = listed.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var evaluator = names.Contains(McpEnvironmentTools.Reset) && names.Contains(McpEnvironmentTools.StateHash);
        var tools = listed.Where(t => !evaluator || t.Name is not (McpEnvironmentTools.Reset or McpEnvironmentTools.StateHash)).Select(ToToolSpec).ToList();
        if (tools.Count == 0) throw ParleyException.InvalidEnvironment($"MCP server '{spec.Source}' offers no tools");

        // Over HTTP a new session is only a clean state if the server says so; its reset tool makes sure.
        if (isUrl && evaluator) spec = spec with { Isolation = McpIsolation.ResetTool };
        var samples = new List<McpSample>();
        await using (var executor = new McpToolExecutor(spec))
        {
            foreach (var (tool, arguments) in tools.Where(t => t.Access == ToolAccess.Read).Select(t => (t, McpToolShapes.SampleArguments(t))).Where(x => x.Item2 is not null))
            {
                var result = await executor.ExecuteAsync(new ToolInvocation("sample", tool.Name, arguments!), cancellationToken);
                if (result.IsSuccess && result.Content.Length <= MaxSampleChars)
                {
                    samples.Add(new McpSample(tool.Name, JsonElement.Parse(arguments!), JsonElement.Parse(result.Content)));
                }
            }
        }
        var info = client.ServerInfo;
        var id = Slug(info?.Name is { Length: > 0 } n ? n : isUrl ? new Uri(server).Host : Path.GetFileNameWithoutExtension(McpCommandLine.Parse(server, "").Program));
        var instructions = client.ServerInstructions?.Trim() ?? "";
        return new EnvironmentSpec
        {
            Id = id,
            Domain = id,
            Description = instructions.Length > 0 ? FirstParagraph(instructions)
                : $"The tools of the MCP server {info?.Name ?? spec.Source}: {string.Join(", ", tools.Select(t => t.Name))}.",
            Policy = instructions,
            Schema = "-- no tables: the tools run on the MCP server",
            Tools = tools,
            Mcp = spec with { Probe = evaluator ? McpEnvironmentTools.StateHash : McpToolShapes.Probe(tools), Samples = samples },
        };
    }

    private static ToolSpec ToToolSpec(McpClientTool tool)
    {
        var readOnly = tool.ProtocolTool.Annotations?.ReadOnlyHint;
        return new ToolSpec
        {
            Name = tool.Name,
            Description = tool.Description is { Length: > 0 } d ? d : tool.ProtocolTool.Title ?? tool.Name,
            Parameters = tool.JsonSchema.ValueKind == JsonValueKind.Object ? tool.JsonSchema : JsonElement.Parse("""{"type":"object","properties":{}}"""),
            Access = readOnly ?? McpToolShapes.LooksReadOnly(tool.Name) ? ToolAccess.Read : ToolAccess.Write,
            Sql = [],
        };
    }

    private static string FirstParagraph(string text) => text.Split("\n\n", 2)[0].Trim();

    private static string Slug(string name)
    {
        var slug = NotWord().Replace(name.ToLowerInvariant(), "_").Trim('_');
        return slug.Length == 0 ? "mcp" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotWord();
}
