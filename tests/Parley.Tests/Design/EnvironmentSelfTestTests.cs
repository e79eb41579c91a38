using System.Text.Json;
using Parley.Design;
using Parley.Environments;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Design;

public sealed class EnvironmentSelfTestTests
{
    private static EnvironmentSpec Pets() => new()
    {
        Id = "pets",
        Domain = "pets",
        Description = "Pets and their owners.",
        Schema = """
            CREATE TABLE owners (owner_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE pets (pet_id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners(owner_id), name TEXT NOT NULL);
            """,
        Data = new Dictionary<string, TableData>
        {
            ["owners"] = new(["owner_id", "name"], [[1L, "Maya"], [2L, "Tom"]]),
            ["pets"] = new(["pet_id", "owner_id", "name"], [[10L, 2L, "Rex"]]),
        },
        Tools = [],
    };

    private static Parley.Tools.ToolSpec Tool(string name, string parameters, string sql, string? resultSchema = null, Parley.Tools.ToolAccess access = Parley.Tools.ToolAccess.Read,
        Parley.Tools.ToolReturns returns = Parley.Tools.ToolReturns.Many) => new()
    {
        Name = name,
        Description = name,
        Parameters = JsonElement.Parse(parameters),
        Sql = [sql],
        Access = access,
        Returns = returns,
        ResultSchema = resultSchema is null ? null : JsonElement.Parse(resultSchema),
    };

    private static Task<IReadOnlyList<string>> RunAsync(EnvironmentSpec spec, IReadOnlyDictionary<string, JsonElement>? examples = null) =>
        EnvironmentSelfTest.RunAsync(spec, 0, examples, TestContext.Current.CancellationToken);

    public static TheoryData<string> BuiltInDomains => [.. DomainCatalog.BuiltIn.Names];

    [Theory]
    [MemberData(nameof(BuiltInDomains))]
    public async Task Passes_EveryBuiltInDomain(string domain)
    {
        (await RunAsync(DomainCatalog.BuiltIn.Get(domain))).Should().BeEmpty();
    }

    [Fact]
    public async Task FindsAnIdWithTwoTypes_AcrossParametersAndResults()
    {
        var spec = Pets() with
        {
            Tools =
            [
                Tool("list_owner_pets", """{"type": "object", "properties": {"owner_id": {"type": "integer"}}, "required": ["owner_id"]}""",
                    "SELECT pet_id, name FROM pets WHERE owner_id = :owner_id"),
                Tool("get_owner", """{"type": "object", "properties": {"owner_id": {"type": "string"}}, "required": ["owner_id"]}""",
                    "SELECT owner_id, name FROM owners WHERE owner_id = :owner_id", """{"type": "array", "items": {"type": "object", "properties": {"owner_id": {"type": "string"}}}}"""),
            ],
        };

        var problems = await RunAsync(spec);

        problems.Should().Contain(p => p.Contains("'owner_id' has more than one type") && p.Contains("integer in list_owner_pets parameter") && p.Contains("string in get_owner parameter, get_owner result"));
        problems.Should().Contain(p => p.Contains("tool 'get_owner': parameter 'owner_id' is string but column 'owner_id' holds integer values"));
    }

    [Fact]
    public async Task DrawsArgumentsFromTheRows_SoAReadFindsARealId()
    {
        var spec = Pets() with
        {
            Tools = [Tool("list_owner_pets", """{"type": "object", "properties": {"owner_id": {"type": "integer"}}, "required": ["owner_id"]}""", "SELECT pet_id, name FROM pets WHERE owner_id = :owner_id")],
        };

        (await RunAsync(spec)).Should().BeEmpty("owner 1 has no pets, but owner 2, drawn from the pets table, has");
        (await RunAsync(spec, new Dictionary<string, JsonElement> { ["list_owner_pets"] = JsonElement.Parse("""{"owner_id": 1}""") }))
            .Should().ContainSingle().Which.Should().Contain("returned no rows").And.Contain("{\"owner_id\": 1}");
    }

    [Fact]
    public async Task ReportsResultsThatBreakTheirSchema_AndWritesThatChangeNothing()
    {
        var spec = Pets() with
        {
            Tools =
            [
                Tool("list_pets", """{"type": "object", "properties": {}}""", "SELECT pet_id, name FROM pets",
                    """{"type": "array", "items": {"type": "object", "properties": {"pet_id": {"type": "string"}}}}"""),
                Tool("rename_pet", """{"type": "object", "properties": {"pet_id": {"type": "integer"}, "name": {"type": "string"}}, "required": ["pet_id", "name"]}""",
                    "UPDATE pets SET name = :name WHERE pet_id = :pet_id", access: Parley.Tools.ToolAccess.Write, returns: Parley.Tools.ToolReturns.None),
            ],
        };

        var problems = await RunAsync(spec, new Dictionary<string, JsonElement> { ["rename_pet"] = JsonElement.Parse("""{"pet_id": 99, "name": "Max"}""") });

        problems.Should().Contain(p => p.StartsWith("tool 'list_pets': its result does not match its result_schema", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("tool 'rename_pet'", StringComparison.Ordinal) && p.Contains("changed nothing"));
    }

    [Fact]
    public async Task ReportsUnusedParameters_AndBuildErrors()
    {
        var unused = Pets() with { Tools = [Tool("list_pets", """{"type": "object", "properties": {"species": {"type": "string"}}}""", "SELECT pet_id FROM pets")] };
        var broken = Pets() with { Tools = [Tool("list_pets", """{"type": "object", "properties": {}}""", "SELECT pet_id FROM pet")] };

        (await RunAsync(unused)).Should().ContainSingle().Which.Should().Contain("parameter 'species' is declared but no SQL uses :species");
        (await RunAsync(broken)).Should().ContainSingle().Which.Should().Contain("no such table: pet");
    }

    [Fact]
    public async Task ReportsAReadThatFindsNothing_ForAnyRowDrawn()
    {
        var spec = Pets() with
        {
            Tools = [Tool("get_pet", """{"type": "object", "properties": {"pet_id": {"type": "integer"}}, "required": ["pet_id"]}""",
                "SELECT pet_id, name FROM pets WHERE pet_id = :pet_id + 1000", returns: Parley.Tools.ToolReturns.One)],
        };

        (await RunAsync(spec)).Should().ContainSingle().Which.Should().Contain("tool 'get_pet'").And.Contain("no_rows");
    }

    [Fact]
    public async Task LeavesTheTemplateUntouched_WhenAWriteIsTested()
    {
        var spec = Pets() with
        {
            Tools = [Tool("rename_pet", """{"type": "object", "properties": {"pet_id": {"type": "integer"}, "name": {"type": "string"}}, "required": ["pet_id", "name"]}""",
                "UPDATE pets SET name = :name WHERE pet_id = :pet_id", access: Parley.Tools.ToolAccess.Write, returns: Parley.Tools.ToolReturns.None)],
        };

        (await RunAsync(spec)).Should().BeEmpty();
        spec.Data!["pets"].Rows[0][2].Should().Be("Rex");
    }
}
