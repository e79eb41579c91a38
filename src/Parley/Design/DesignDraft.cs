using System.Text.Json;
using Parley.Environments;

namespace Parley.Design;

/// <summary>An environment being designed: the declaration so far and the arguments each tool is self-tested with.</summary>
internal sealed record DesignDraft(EnvironmentSpec Spec, IReadOnlyDictionary<string, JsonElement> Examples)
{
    /// <summary>
    /// Builds a draft from designed tools added to <paramref name="spec"/>'s (a designed tool replaces one of the same
    /// name); their test arguments are kept apart from the declaration.
    /// </summary>
    public static DesignDraft Create(EnvironmentSpec spec, IEnumerable<DesignedTool> tools)
    {
        var list = tools.ToList();
        var names = list.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new DesignDraft(spec with { Tools = [.. spec.Tools.Where(t => !names.Contains(t.Name)), .. list.Select(t => t.ToSpec())] }, Collect(list, new Dictionary<string, JsonElement>()));
    }

    /// <summary>The draft with a repair applied: given parts replace the old ones, tools by name.</summary>
    public DesignDraft Apply(RepairReply repair)
    {
        var removed = repair.RemoveTools.ToHashSet(StringComparer.Ordinal);
        var fixes = repair.Tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var tools = new List<Tools.ToolSpec>();
        foreach (var tool in Spec.Tools.Where(t => !removed.Contains(t.Name)))
        {
            tools.Add(fixes.Remove(tool.Name, out var fix) ? fix.ToSpec() : tool);
        }
        tools.AddRange(repair.Tools.Where(t => fixes.ContainsKey(t.Name)).Select(t => t.ToSpec()));
        var spec = Spec with
        {
            Schema = repair.Schema ?? Spec.Schema,
            Data = repair.Data is { } data ? TableReply.ToData(data) : Spec.Data,
            Tools = tools,
            Principal = repair.Principal ?? Spec.Principal,
            Policy = repair.Policy ?? Spec.Policy,
            Scenarios = repair.Scenarios is { } scenarios ? [.. scenarios.Select(x => x.ToSpec())] : Spec.Scenarios,
        };
        var examples = Collect(repair.Tools, Examples.Where(e => !removed.Contains(e.Key)).ToDictionary(StringComparer.Ordinal));
        return new DesignDraft(spec, examples);
    }

    private static Dictionary<string, JsonElement> Collect(IEnumerable<DesignedTool> tools, Dictionary<string, JsonElement> into)
    {
        foreach (var tool in tools)
        {
            if (tool.Example is { } example) into[tool.Name] = example;
            else into.Remove(tool.Name);
        }
        return into;
    }
}
