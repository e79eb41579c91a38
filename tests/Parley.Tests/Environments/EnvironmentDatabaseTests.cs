using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using static Parley.Tests.TestDoubles.SqlQueries;

namespace Parley.Tests.Environments;

public sealed class EnvironmentDatabaseTests(BuiltEnvironments environments)
{
    private const int PlansPerDomain = 30;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Domains => [.. DomainCatalog.BuiltIn.Names];

    private static string FullScan(EnvironmentDatabase env, SqliteSandbox database) =>
        new StateHasher(database, env.Hasher.Tables, incremental: false).Hash(database);

    [Fact]
    public void OffersSeveralBuiltInDomains_IncludingRetail()
    {
        DomainCatalog.BuiltIn.Names.Should().Contain("retail").And.BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void BuildsAndValidates_WhenDomainIsBuiltIn(string domain)
    {
        var env = environments.Get(domain);

        env.Spec.Id.Should().Be(domain);
        env.Spec.Seed.Should().BeNull("the built spec carries the generated rows instead");
        env.Data.Should().NotBeEmpty();
        env.Data.Values.Should().AllSatisfy(t => t.Rows.Should().NotBeEmpty());
        env.Tools.Tools.Should().NotBeEmpty();
        env.Spec.Scenarios.Should().NotBeEmpty();
        env.Spec.Principal.Should().NotBeNull();
        env.Hasher.Tables.Should().NotBeEmpty("every domain has write tools whose tables are hashed");
        using var copy = env.OpenCopy();
        var validate = () => EnvironmentValidator.Validate(env.Spec, copy, env.Tools);
        validate.Should().NotThrow();
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public async Task CoversMostToolsAndReplaysEveryExpectedAction_WhenScenariosArePlanned(string domain)
    {
        var env = environments.Get(domain);
        var plans = PlanMany(env);
        plans.Count.Should().BeGreaterThan(PlansPerDomain * 9 / 10, "almost every draw of a user can be given tasks");

        foreach (var tasks in plans)
        {
            using var copy = env.OpenCopy();
            var executor = env.CreateExecutor(copy);
            foreach (var task in tasks)
            {
                foreach (var action in task.ExpectedActions)
                {
                    var result = await executor.ExecuteAsync(new ToolInvocation("replay", action.Tool, action.Arguments.GetRawText()), Ct);
                    result.IsSuccess.Should().BeTrue($"{task.Id} expects {action.Tool}({action.Arguments.GetRawText()}) to succeed, got {result.Content}");
                }
                env.Hasher.Hash(copy).Should().Be(task.ExpectedEndState, $"replaying {task.Id} in order reaches its expected end state");
                env.Hasher.Hash(copy).Should().Be(FullScan(env, copy), "incremental hashing agrees with a full scan");
            }
        }

        var used = plans.SelectMany(p => p).SelectMany(t => t.ExpectedActions).Select(a => a.Tool).ToHashSet(StringComparer.Ordinal);
        var declared = env.Tools.Tools.Select(t => t.Name).ToList();
        used.Should().BeSubsetOf(declared);
        ((double)used.Count / declared.Count).Should().BeGreaterThanOrEqualTo(0.8,
            $"scenarios of {domain} should exercise most tools; unused: {string.Join(", ", declared.Except(used))}");
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public async Task ExercisesEveryTool_WithArgumentsFromRealRows(string domain)
    {
        var env = environments.Get(domain);
        var planned = PlanMany(env).SelectMany(p => p).ToList();
        var problems = new List<string>();

        foreach (var tool in env.Tools.Tools)
        {
            var candidates = Candidates(env, tool, planned).Take(12).ToList();
            if (candidates.Count == 0)
            {
                problems.Add($"{tool.Name}: no arguments could be drawn from the rows");
                continue;
            }
            var outcomes = new List<ToolResult>();
            foreach (var arguments in candidates)
            {
                using var copy = env.OpenCopy();
                outcomes.Add(await env.CreateExecutor(copy).ExecuteAsync(new ToolInvocation("probe", tool.Name, arguments), Ct));
            }
            outcomes.Should().AllSatisfy(r => r.Error.Should().NotBe(ToolErrorKind.ExecutionError, $"{tool.Name} must not hit a SQL error: {r.Content}"));
            if (tool.Access == ToolAccess.Read && !outcomes.Any(r => r.IsSuccess))
            {
                problems.Add($"{tool.Name}: no call succeeded ({outcomes[0].Content})");
            }
        }

        problems.Should().BeEmpty();
    }

    /// <summary>Arguments from planned actions first, then values of same-named columns of real rows.</summary>
    private static IEnumerable<string> Candidates(EnvironmentDatabase env, ToolSpec tool, List<TaskSpec> planned)
    {
        foreach (var action in planned.SelectMany(t => t.ExpectedActions).Where(a => a.Tool == tool.Name).Take(6))
        {
            yield return action.Arguments.GetRawText();
        }
        var properties = tool.Parameters.GetProperty("properties");
        var required = tool.Parameters.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var fromRows = required.Where(p => !properties.GetProperty(p).TryGetProperty("enum", out _)).ToList();
        foreach (var (_, table) in env.Data.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!fromRows.All(table.Columns.Contains)) continue;
            foreach (var row in table.Rows.Take(3))
            {
                var arguments = new JsonObject();
                foreach (var name in required)
                {
                    var schema = properties.GetProperty(name);
                    arguments[name] = schema.TryGetProperty("enum", out var values) && !table.Columns.Contains(name)
                        ? JsonValue.Create(values[0].GetString())
                        : Typed(row[IndexOf(table.Columns, name)], schema);
                }
                yield return arguments.ToJsonString();
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        return -1;
    }

    private static JsonNode? Typed(object? value, JsonElement schema) =>
        (schema.TryGetProperty("type", out var t) ? t.GetString() : "string") switch
        {
            "integer" => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            "number" => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(SqlValue.Text(value)),
        };

    private static List<IReadOnlyList<TaskSpec>> PlanMany(EnvironmentDatabase env)
    {
        var plans = new List<IReadOnlyList<TaskSpec>>();
        for (ulong seed = 1; seed <= PlansPerDomain; seed++)
        {
            try
            {
                plans.Add(Planning.Plan(env, seed, tasks: 3));
            }
            catch (ParleyException)
            {
                // A user for whom nothing can be planned: counted by the caller.
            }
        }
        return plans;
    }

    [Fact]
    public void GeneratesSameRows_WhenBuiltTwiceWithTheSameSeed()
    {
        var spec = DomainCatalog.BuiltIn.Get("retail");
        using var first = EnvironmentDatabase.Build(spec, 11);
        using var second = EnvironmentDatabase.Build(spec, 11);
        using var other = EnvironmentDatabase.Build(spec, 12);

        Json(first.Spec).Should().Be(Json(second.Spec));
        Json(first.Spec).Should().NotBe(Json(other.Spec));
    }

    [Fact]
    public void MultipliesRowCounts_WhenScaleIsGiven()
    {
        var spec = DomainCatalog.BuiltIn.Get("retail");
        using var halved = EnvironmentDatabase.Build(spec, 0, scale: 0.5);

        halved.Data["customers"].Rows.Should().HaveCount(20);
        environments.Retail.Data["customers"].Rows.Should().HaveCount(40);
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public void BuildsBuiltInDomain_WhenEnvironmentSeedChanges(string domain)
    {
        foreach (var seed in new ulong[] { 1, 3, 6 })
        {
            using var env = EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get(domain), seed);
            env.Data.Values.Should().AllSatisfy(t => t.Rows.Should().NotBeEmpty());
        }
    }

    [Fact]
    public void BuildsRetail_ForEveryEnvironmentSeed()
    {
        for (ulong seed = 0; seed <= 12; seed++)
        {
            var build = () => EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get("retail"), seed).Dispose();
            build.Should().NotThrow($"env seed {seed}");
        }
        var renamed = () => EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get("retail") with { Id = "corner_shop", Domain = "corner_shop" }, 0).Dispose();
        renamed.Should().NotThrow("a copy of the retail folder named corner_shop");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void BuildsEveryBuiltInDomain_WhenScaled(double scale)
    {
        foreach (var domain in DomainCatalog.BuiltIn.Names)
        {
            var build = () => EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get(domain), 0, scale).Dispose();
            build.Should().NotThrow($"{domain} at scale {scale}");
        }
    }

    [Fact]
    public void LoadsTheSameDatabase_WhenBuiltFromItsOwnMaterialisedSpec()
    {
        var original = environments.Retail;

        using var rebuilt = EnvironmentDatabase.Build(original.Spec, seed: 999);
        using var a = original.OpenCopy();
        using var b = rebuilt.OpenCopy();

        rebuilt.Hasher.Hash(b).Should().Be(original.Hasher.Hash(a));
        Json(rebuilt.Spec).Should().Be(Json(original.Spec), "rows given as data are loaded as they are, whatever the seed");
        ReadLong(b, "SELECT COUNT(*) FROM order_items").Should().Be(ReadLong(a, "SELECT COUNT(*) FROM order_items"));
    }

    [Fact]
    public async Task HashesLikeAFullScan_WhenAWriteToolReplacesRows()
    {
        var files = TinyDomain.WithTool("""
            - name: put_tag
              description: Sets a tag code on an item, replacing the tag with that code.
              access: write
              parameters:
                type: object
                properties:
                  code: {type: string}
                  item_id: {type: integer}
                required: [code, item_id]
              returns: none
              sql:
                - INSERT OR REPLACE INTO tags (code, item_id) VALUES (:code, :item_id)
            """);
        files["schema.sql"] = TinyDomain.Schema + "\nCREATE TABLE tags (tag_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, item_id INTEGER);\n";
        using var env = TinyDomain.Build(files);
        using var copy = env.OpenCopy();
        var executor = env.CreateExecutor(copy);
        (await executor.ExecuteAsync(new ToolInvocation("c1", "put_tag", "{\"code\":\"red\",\"item_id\":1}"), Ct)).IsSuccess.Should().BeTrue();
        var once = env.Hasher.Hash(copy);

        (await executor.ExecuteAsync(new ToolInvocation("c2", "put_tag", "{\"code\":\"red\",\"item_id\":2}"), Ct)).IsSuccess.Should().BeTrue();

        ReadLong(copy, "SELECT COUNT(*) FROM tags").Should().Be(1);
        env.Hasher.Hash(copy).Should().Be(FullScan(env, copy)).And.NotBe(once);
    }

    [Fact]
    public async Task HashesLikeAFullScan_WhenTheSchemaResolvesConflictsByReplacing()
    {
        var files = TinyDomain.WithTool("""
            - name: put_tag
              description: Sets a tag code on an item.
              access: write
              parameters:
                type: object
                properties:
                  code: {type: string}
                  item_id: {type: integer}
                required: [code, item_id]
              returns: none
              sql:
                - INSERT INTO tags (code, item_id) VALUES (:code, :item_id)
            """);
        files["schema.sql"] = TinyDomain.Schema + "\nCREATE TABLE tags (tag_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE ON CONFLICT REPLACE, item_id INTEGER);\n";
        using var env = TinyDomain.Build(files);
        using var copy = env.OpenCopy();
        var executor = env.CreateExecutor(copy);
        (await executor.ExecuteAsync(new ToolInvocation("c1", "put_tag", "{\"code\":\"red\",\"item_id\":1}"), Ct)).IsSuccess.Should().BeTrue();

        (await executor.ExecuteAsync(new ToolInvocation("c2", "put_tag", "{\"code\":\"red\",\"item_id\":2}"), Ct)).IsSuccess.Should().BeTrue();

        ReadLong(copy, "SELECT COUNT(*) FROM tags").Should().Be(1);
        env.Hasher.Hash(copy).Should().Be(FullScan(env, copy));
    }

    private static string Json(EnvironmentSpec spec) => JsonSerializer.Serialize(spec, EnvironmentJsonContext.Default.EnvironmentSpec);
}
