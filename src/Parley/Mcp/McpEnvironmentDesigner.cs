using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using Parley.Determinism;
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
    public static Task<EnvironmentSpec> DesignAsync(string server, CancellationToken cancellationToken = default) => DesignAsync(server, 0, cancellationToken);

    /// <summary>As <see cref="DesignAsync(string, CancellationToken)"/>; <paramref name="scratchSeed"/> seeds the files a server that works on paths finds in its scratch folder.</summary>
    public static async Task<EnvironmentSpec> DesignAsync(string server, ulong scratchSeed, CancellationToken cancellationToken = default)
    {
        var isUrl = server.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || server.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var spec = new McpServerSpec
        {
            Command = isUrl ? null : server,
            Url = isUrl ? server : null,
            Isolation = isUrl ? McpIsolation.FreshSession : McpIsolation.FreshProcess,
        };
        await using var connection = await McpConnection.OpenAsync(spec, ScratchSeed.Written, cancellationToken);
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
        // A server that works on paths in its own scratch folder gets a small seeded tree of files to work on.
        var onPaths = !isUrl && (server.Contains(McpCommandLine.Scratch, StringComparison.Ordinal)) && tools.Any(t => McpToolShapes.Required(t).Any(McpToolShapes.IsPath));
        if (onPaths) spec = spec with { ScratchFiles = ScratchSeed.Files(scratchSeed) };
        var (probe, probeArguments, probeRead) = evaluator ? (McpEnvironmentTools.StateHash, null, null) : onPaths ? PathProbe(tools) : (McpToolShapes.Probe(tools), null, null);
        spec = spec with { Probe = probe, ProbeArguments = probeArguments, ProbeRead = probeRead };

        // Every read is sampled on two fresh servers: a read that answers differently is volatile, one that answers with
        // an image, audio or a blob is binary; neither is planned. The second server's files are dated a day later, so a
        // read that shows file times differs even when both folders were seeded within the same second.
        var samples = new List<McpSample>();
        var volatileTools = new List<string>();
        var binaryTools = new List<string>();
        await using (var first = new McpToolExecutor(spec))
        await using (var second = new McpToolExecutor(spec) { ScratchWritten = ScratchSeed.Written.AddDays(1) })
        {
            var state = onPaths ? await first.SnapshotAsync(cancellationToken) : null;
            var rng = new SeededRandom(StableSeed.Derive(scratchSeed, "mcp-samples"));
            foreach (var tool in tools.Where(t => t.Access == ToolAccess.Read))
            {
                var arguments = McpToolShapes.SampleArguments(tool) ?? (state is { HasPaths: true } ? PathArguments.For(tool, state, rng)?.Arguments.ToJsonString() : null);
                if (arguments is null) continue;
                var (result, binary) = await first.SampleAsync(new ToolInvocation("sample", tool.Name, arguments), cancellationToken);
                if (binary)
                {
                    binaryTools.Add(tool.Name);
                    continue;
                }
                var again = await second.ExecuteAsync(new ToolInvocation("sample", tool.Name, arguments), cancellationToken);
                if (result.Content != again.Content)
                {
                    volatileTools.Add(tool.Name);
                }
                else if (result.IsSuccess && result.Content.Length <= MaxSampleChars)
                {
                    samples.Add(new McpSample(tool.Name, JsonElement.Parse(arguments), JsonElement.Parse(result.Content)));
                }
            }
        }
        // The probe must answer the same on every clean server, or no dialogue could match its plan.
        spec = spec with { Samples = samples, Volatile = volatileTools, Binary = binaryTools };
        if (spec.Probe is { } p && !spec.Plans(p)) spec = spec with { Probe = null, ProbeArguments = null, ProbeRead = null };
        if (spec.ProbeRead is { } r && !spec.Plans(r)) spec = spec with { ProbeRead = null };
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
            Mcp = spec,
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

    /// <summary>
    /// The probe of a server that works on paths: a tree-shaped read of the root (<c>{"path": "."}</c>), with a one-path
    /// file read to read every listed file back; or, without a tree, the usual argument-free read.
    /// </summary>
    private static (string? Probe, string? Arguments, string? Read) PathProbe(IReadOnlyList<ToolSpec> tools)
    {
        var reads = tools.Where(t => t.Access == ToolAccess.Read && !McpToolShapes.IsDeprecated(t) && McpToolShapes.TakesOnePath(t)).ToList();
        var tree = reads.Where(t => t.Name.Contains("tree", StringComparison.OrdinalIgnoreCase)).OrderBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault();
        var file = reads.Where(t => !McpToolShapes.WorksOnFolders(t) && McpToolShapes.Required(t)[0] == "path")
            .OrderByDescending(t => t.Name.Contains("text", StringComparison.OrdinalIgnoreCase)).ThenBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault();
        if (tree is null) return (McpToolShapes.Probe(tools), null, null);
        return (tree.Name, new JsonObject { [McpToolShapes.Required(tree)[0]] = "." }.ToJsonString(), file?.Name);
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
