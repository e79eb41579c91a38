using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Environments;
using Parley.Llm;

namespace Parley.Design;

/// <summary>
/// Designs an environment with a model, in stages: (a) realistic user needs, (b) the schema and its rows, (c) the
/// tools those needs call for, (d) a gap analysis adding complementary tools, (e) each tool's SQL and result schema,
/// (f) the principal, policy and scenarios. Parley then self-tests the result (<see cref="EnvironmentSelfTest"/>) and
/// sends concrete problems back for repair, at most <see cref="LlmRoleSettings.MaxRepairs"/> times; an environment
/// that still fails is rejected. Over an existing database (<see cref="DesignRequest.Database"/>) the schema and rows
/// are kept and only the tools are designed, starting from the rule-based draft (<see cref="DatabaseEnvironmentDesigner"/>):
/// its tools, principal, policy and scenarios are shown to the model and kept unless the model replaces them by name,
/// so the model adds richer tools to a toolset that already works. Seed tools (<see cref="DesignRequest.SeedTools"/>)
/// are reproduced and extended.
/// </summary>
/// <remarks>Deterministic for a deterministic model: every call's seed derives from <see cref="DesignRequest.Seed"/>. Thread-safe.</remarks>
internal sealed partial class LlmEnvironmentDesigner(IChatClient client, LlmRoleSettings settings) : IEnvironmentDesigner, IDomainBrainstormer
{
    /// <summary>Rows per table shown to the model from an existing database (the environment keeps all sampled rows).</summary>
    public const int RowsShown = 5;

    private const string DefaultToday = "2025-06-15";

    /// <summary>The brainstormer's follow-up rounds and fill-ins.</summary>
    public static PromptFragments BrainstormFragments { get; } = PromptFragments.Get("design-brainstorm.yaml");

    /// <summary>What the stage prompts are filled with besides the domain: the tools wanted and what the model starts from.</summary>
    public static PromptFragments ContextFragments { get; } = PromptFragments.Get("design-context.yaml");

    /// <inheritdoc />
    /// <exception cref="ParleyException">The design still fails its self-test after the allowed repairs (the message lists why).</exception>
    public async ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default)
    {
        var id = DomainNames.Normalize(request.Domain);
        if (id.Length == 0) throw ParleyException.InvalidOption("domain", $"'{request.Domain}' has no letters or digits");
        var chat = new DesignConversation(client, settings, id, request.Seed);
        var existing = request.Database;
        var baseline = Baseline(request);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["domain"] = request.Description is { Length: > 0 } about ? $"{request.Domain.Trim()} ({about.Trim()})" : request.Domain.Trim(),
            ["context"] = Context(request, baseline),
            ["tools_wanted"] = baseline is null
                ? ContextFragments.Render("tools_wanted", ("from", Number(DesignSchemas.ToolsFrom)), ("to", Number(ToolsTo(request, DesignSchemas.ToolsTo))))
                : ContextFragments.Render("tools_wanted_draft", ("to", Number(ToolsTo(request, DesignSchemas.DraftToolsTo)))),
            ["questions_from"] = QuestionsReply.AskedFrom.ToString(CultureInfo.InvariantCulture),
            ["questions_to"] = QuestionsReply.AskedTo.ToString(CultureInfo.InvariantCulture),
            ["expansion_to"] = Number(DesignSchemas.ExpansionTo),
            ["scenarios_from"] = Number(baseline is null ? DesignSchemas.ScenariosFrom : 0),
            ["scenarios_to"] = Number(DesignSchemas.ScenariosTo),
            ["say_from"] = Number(DesignSchemas.SayFrom),
            ["say_to"] = Number(DesignSchemas.SayTo),
        };

        var needs = await chat.AskAsync("questions", "design-questions.md", values, DesignJsonContext.Default.QuestionsReply, null, cancellationToken, QuestionsReply.Schema);
        var spec = new EnvironmentSpec
        {
            Id = id,
            Domain = id,
            Description = needs.Description.Trim(),
            Today = baseline?.Today ?? DefaultToday,
            Schema = existing?.Schema ?? "",
            Data = existing is { HasRows: true } ? existing.Data : null,
            // The draft's tools are the starting point: the model's tools are added to them, or replace them by name.
            Tools = baseline?.Tools ?? [],
        };
        spec = await DataAsync(chat, spec, existing, request.Seed, cancellationToken);

        var toolsSchema = baseline is null
            ? ToolsTo(request, DesignSchemas.ToolsTo) == DesignSchemas.ToolsTo ? DesignSchemas.Tools : DesignSchemas.ToolsFor(DesignSchemas.ToolsFrom, ToolsTo(request, DesignSchemas.ToolsTo))
            : ToolsTo(request, DesignSchemas.DraftToolsTo) == DesignSchemas.DraftToolsTo ? DesignSchemas.DraftTools : DesignSchemas.ToolsFor(0, ToolsTo(request, DesignSchemas.DraftToolsTo));
        var sketches = await chat.AskAsync("tools", "design-tools.md", values, DesignJsonContext.Default.ToolsReply,
            r => CheckSketches(r.Tools, [], request), cancellationToken, toolsSchema);
        var expansion = await chat.AskAsync("expand", "design-expand.md", values, DesignJsonContext.Default.ToolsReply,
            r => CheckSketches(r.Tools, sketches.Tools, null), cancellationToken, DesignSchemas.Expansion);
        var wanted = sketches.Tools.Concat(expansion.Tools).Select(t => t.Name).ToList();
        values["tool_names"] = string.Join(", ", wanted);
        IReadOnlyList<DesignedTool> implemented = wanted.Count == 0 ? [] : (await chat.AskAsync("sql", "design-sql.md", values, DesignJsonContext.Default.ImplementationReply,
            r => CheckImplementation(r.Tools, wanted), cancellationToken, DesignSchemas.Implementation)).Tools;
        var usage = await chat.AskAsync("usage", "design-usage.md", values, DesignJsonContext.Default.UsageReply, null, cancellationToken,
            baseline is null ? DesignSchemas.Usage : DesignSchemas.DraftUsage);

        var draft = DesignDraft.Create(Usage(spec, usage, baseline, implemented.Select(t => t.Name)), implemented);
        for (var attempt = 0; ; attempt++)
        {
            var problems = await EnvironmentSelfTest.RunAsync(draft.Spec, request.Seed, draft.Examples, cancellationToken);
            if (problems.Count == 0) break;
            if (attempt >= settings.MaxRepairs)
            {
                throw ParleyException.InvalidEnvironment($"{id}: still failing its self-test after {attempt} repair{(attempt == 1 ? "" : "s")}: {string.Join("; ", problems)}");
            }
            values["problems"] = string.Join("\n", problems.Select(p => "- " + p));
            var repair = await chat.AskAsync("repair", "design-repair.md", values, DesignJsonContext.Default.RepairReply,
                r => CheckRepair(r, existing), cancellationToken, DesignSchemas.Repair);
            draft = draft.Apply(repair);
        }
        // The rows tested are the rows kept: seed rules are materialised, so a run's --scale or seed cannot change them.
        using var built = EnvironmentDatabase.Build(draft.Spec, request.Seed);
        return built.Spec;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainIdea>> BrainstormAsync(IReadOnlyList<string> seeds, IReadOnlyList<string> existing, int count, ulong seed = 0,
        CancellationToken cancellationToken = default)
    {
        if (count <= 0) return [];
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in existing.Concat(seeds).Select(DomainNames.Normalize).Where(n => n.Length > 0)) taken.TryAdd(DomainNames.Key(name), name);
        var ideas = new List<DomainIdea>();
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, PromptLibrary.Get("design-brainstorm.md").Render(new Dictionary<string, string>
            {
                ["count"] = count.ToString(CultureInfo.InvariantCulture),
                ["seeds"] = seeds.Count == 0 ? BrainstormFragments["no_seeds"] : string.Join(", ", seeds.Select(DomainNames.Normalize)),
                ["existing"] = taken.Count == 0 ? BrainstormFragments["none_taken"] : string.Join(", ", taken.Values.Order(StringComparer.Ordinal)),
            })),
        };
        for (var round = 0; round <= settings.MaxRepairs && ideas.Count < count; round++)
        {
            var options = settings.CreateOptions(StableSeed.Derive(seed, "design:brainstorm", round));
            StructuredReply<BrainstormReply> reply;
            try
            {
                reply = await StructuredOutput.GetAsync(client, messages, BrainstormReply.Schema, DesignJsonContext.Default.BrainstormReply, options, null, settings.MaxRepairs, cancellationToken);
            }
            catch (LlmException e) when (e.Kind is LlmFailureKind.InvalidJson or LlmFailureKind.Empty or LlmFailureKind.Refusal or LlmFailureKind.Truncated)
            {
                if (ideas.Count > 0) break; // keep what was already proposed
                throw ParleyException.InvalidOption("design domains", $"the model proposed no usable domains: {e.Message}");
            }
            var duplicates = new List<string>();
            foreach (var idea in reply.Value.Domains)
            {
                var name = DomainNames.Normalize(idea.Name);
                if (name.Length == 0) continue;
                if (!taken.TryAdd(DomainNames.Key(name), name))
                {
                    duplicates.Add(name);
                    continue;
                }
                if (ideas.Count < count) ideas.Add(new DomainIdea(name, idea.Description.Trim()));
            }
            messages.Add(new ChatMessage(ChatRole.Assistant, StructuredOutput.StripReasoning(reply.Response.Text).Text));
            messages.Add(new ChatMessage(ChatRole.User, BrainstormFragments.Render("more",
                ("duplicates", duplicates.Count > 0 ? BrainstormFragments.Render("duplicates", ("names", string.Join(", ", duplicates))) : ""),
                ("count", (count - ideas.Count).ToString(CultureInfo.InvariantCulture)),
                ("taken", string.Join(", ", taken.Values.Order(StringComparer.Ordinal))))));
        }
        return ideas;
    }

    /// <summary>Stage (b): the schema and rows, or only rows for a schema brought without any.</summary>
    private static async Task<EnvironmentSpec> DataAsync(DesignConversation chat, EnvironmentSpec spec, ExistingDatabase? existing, ulong seed, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["domain"] = spec.Domain,
            ["tables_from"] = Number(DesignSchemas.TablesFrom),
            ["tables_to"] = Number(DesignSchemas.TablesTo),
            ["rows_to"] = Number(DesignSchemas.RowsTo),
        };
        if (existing is { HasRows: true }) return spec;
        if (existing is not null)
        {
            var rows = await chat.AskAsync("rows", "design-rows.md", values, DesignJsonContext.Default.RowsReply,
                r => CheckData(spec with { Data = TableReply.ToData(r.Data) }, r.Data, seed), cancellationToken, DesignSchemas.Rows);
            return spec with { Data = TableReply.ToData(rows.Data) };
        }
        var schema = await chat.AskAsync("schema", "design-schema.md", values, DesignJsonContext.Default.SchemaReply,
            r => CheckData(spec with { Schema = r.Schema, Today = r.Today, Data = TableReply.ToData(r.Data) }, r.Data, seed), cancellationToken, DesignSchemas.Schema);
        return spec with { Schema = schema.Schema, Today = schema.Today, Data = TableReply.ToData(schema.Data) };
    }

    /// <summary>The schema runs, the rows load (keys consistent), and every table has rows.</summary>
    private static string? CheckData(EnvironmentSpec spec, IReadOnlyList<TableReply> tables, ulong seed)
    {
        if (!DateOnly.TryParseExact(spec.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return $"'today' must be a date like 2025-06-15, not '{spec.Today}'";
        if (TableReply.Repeated(tables).ToList() is { Count: > 0 } repeated) return $"these tables are given more than once: {string.Join(", ", repeated)}";
        try
        {
            using var env = EnvironmentDatabase.Build(spec, seed);
            var empty = env.Data.Where(t => t.Value.Rows.Count == 0).Select(t => t.Key).ToList();
            return empty.Count == 0 ? null : $"these tables have no rows: {string.Join(", ", empty)}";
        }
        catch (ParleyException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The rule-based design over a brought database with rows, the draft the model refines; null without rows, or when
    /// no rule-based scenario could be written (the model then designs from the schema alone).
    /// </summary>
    private static EnvironmentSpec? Baseline(DesignRequest request)
    {
        if (request.Database is not { HasRows: true } database) return null;
        try
        {
            return DatabaseEnvironmentDesigner.Design(database, request.Domain, request.Seed);
        }
        catch (ParleyException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stage (f)'s reply over the draft's: a principal or policy left out keeps the draft's; scenarios are added to the
    /// draft's, replacing those of the same id. A draft scenario calling a tool the model <paramref name="replaced"/> is
    /// dropped: its arguments were written for the draft's version.
    /// </summary>
    private static EnvironmentSpec Usage(EnvironmentSpec spec, UsageReply usage, EnvironmentSpec? baseline, IEnumerable<string> replaced)
    {
        var given = usage.Scenarios.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var changed = replaced.ToHashSet(StringComparer.Ordinal);
        var kept = (baseline?.Scenarios ?? []).Where(s => !given.Contains(s.Id) && !s.Requests.SelectMany(r => r.Calls).Any(c => changed.Contains(c.Tool)));
        return spec with
        {
            Principal = usage.Principal ?? baseline?.Principal,
            Policy = !string.IsNullOrWhiteSpace(usage.Policy) ? usage.Policy.Trim() : baseline?.Policy ?? "",
            Scenarios = [.. kept, .. usage.Scenarios.Select(s => s.ToSpec())],
        };
    }

    // Names, types and counts are the schema's; here what ties entries together.
    private static string? CheckSketches(IReadOnlyList<ToolSketch> tools, IReadOnlyList<ToolSketch> earlier, DesignRequest? request)
    {
        var problems = new List<string>();
        var names = earlier.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!names.Add(tool.Name)) problems.Add($"'{tool.Name}' is proposed twice");
            problems.AddRange(RepeatedParameters(tool.Name, tool.Parameters));
        }
        if (request is not null) problems.AddRange(request.SeedTools.Where(s => !names.Contains(s.Name)).Select(s => $"the seed tool '{s.Name}' is missing; keep its name"));
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string? CheckImplementation(IReadOnlyList<DesignedTool> tools, IReadOnlyList<string> wanted)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!names.Add(tool.Name)) problems.Add($"'{tool.Name}' is given twice");
            problems.AddRange(RepeatedParameters(tool.Name, tool.Parameters));
        }
        problems.AddRange(wanted.Where(w => !names.Contains(w)).Select(w => $"'{w}' is not implemented"));
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string? CheckRepair(RepairReply repair, ExistingDatabase? existing)
    {
        var problems = new List<string>();
        if (existing is not null && repair.Schema is not null) problems.Add("the schema belongs to an existing database and cannot change; fix the tools instead (set 'schema' to null)");
        if (existing is { HasRows: true } && repair.Data is not null) problems.Add("the rows belong to an existing database and cannot change; fix the tools instead (set 'data' to null)");
        var duplicates = repair.Tools.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) problems.Add($"tools given twice: {string.Join(", ", duplicates)}");
        problems.AddRange(repair.Tools.SelectMany(t => RepeatedParameters(t.Name, t.Parameters)));
        if (repair.Data is { } data) problems.AddRange(TableReply.Repeated(data).Select(t => $"table '{t}' is given more than once"));
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>What the model starts from besides the domain: an existing database, a draft, seed tools.</summary>
    private static string Context(DesignRequest request, EnvironmentSpec? baseline)
    {
        var text = new StringBuilder();
        if (request.Database is { } db)
        {
            text.Append(ContextFragments.Render("existing_database", ("schema", db.Schema)));
            text.Append(db.HasRows
                ? ContextFragments.Render("existing_rows",
                    ("shown", Number(RowsShown)),
                    ("counts", string.Join(", ", db.Data.Select(t => ContextFragments.Render("table_count", ("table", t.Key), ("count", Number(t.Value.Rows.Count)))))),
                    ("rows", JsonSerializer.Serialize(db.Data.ToDictionary(t => t.Key, t => t.Value with { Rows = [.. t.Value.Rows.Take(RowsShown)] }, StringComparer.Ordinal),
                        DesignJsonContext.Default.DictionaryStringTableData)))
                : ContextFragments["existing_no_rows"]);
        }
        if (baseline is not null)
        {
            text.Append(ContextFragments.Render("draft",
                ("tools", JsonSerializer.Serialize(new ImplementationReply { Tools = [.. baseline.Tools.Select(DesignedTool.From)] }, DesignJsonContext.Relaxed.ImplementationReply)),
                ("usage", JsonSerializer.Serialize(new UsageReply { Principal = baseline.Principal, Policy = baseline.Policy, Scenarios = [.. baseline.Scenarios.Select(ScenarioReply.From)] },
                    DesignJsonContext.Relaxed.UsageReply))));
        }
        if (request.SeedTools.Count > 0)
        {
            text.Append(ContextFragments.Render("seed_tools", ("tools", JsonSerializer.Serialize(request.SeedTools, DesignJsonContext.Default.IReadOnlyListFunctionDefinition))));
        }
        return text.Length == 0 ? ContextFragments["nothing"] : text.ToString().TrimEnd();
    }

    private static IEnumerable<string> RepeatedParameters(string tool, IReadOnlyList<ParameterReply> parameters) =>
        parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{tool}': parameter '{g.Key}' is given twice");

    // Seed tools are kept: a toolset asked for must have room for all of them and a few more.
    private static int ToolsTo(DesignRequest request, int to) => Math.Max(to, request.SeedTools.Count + DesignSchemas.ExpansionTo);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
