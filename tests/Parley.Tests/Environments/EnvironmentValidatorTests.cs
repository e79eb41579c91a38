using Parley.Tests.TestDoubles;

namespace Parley.Tests.Environments;

public sealed class EnvironmentValidatorTests
{
    private const string Scenarios = """
        scenarios:
          - id: check_item
            goal: You want to know about item {item_id}.
            sample: SELECT item_id FROM items
            knows: [item_id]
            requests:
              - goal: Look at item {item_id}.
                say: ["What about item {item_id}?"]
                calls:
                  - tool: get_item
                    args: {item_id: "{item_id}"}
        """;

    private static ParleyException BuildFails(Dictionary<string, string?> files)
    {
        var build = () => TinyDomain.Build(files).Dispose();
        return build.Should().Throw<ParleyException>().Which;
    }

    private static Dictionary<string, string?> WithScenarios(string scenarios)
    {
        var files = TinyDomain.Files();
        files["scenarios.yaml"] = scenarios;
        return files;
    }

    [Fact]
    public void Accepts_WhenScenariosNameRealToolsAndArguments()
    {
        using var env = TinyDomain.Build(WithScenarios(Scenarios));

        env.Spec.Scenarios.Should().ContainSingle().Which.Id.Should().Be("check_item");
    }

    [Fact]
    public void ReportsUndeclaredParameter_WhenSqlUsesOne()
    {
        var files = TinyDomain.WithTool("""
            - name: items_on_shelf
              description: Items on a shelf.
              parameters: {type: object, properties: {shelf_id: {type: integer}}}
              sql: ["SELECT item_id FROM items WHERE shelf_id = :shelf AND qty > :minimum"]
            """);

        var error = BuildFails(files);

        error.Code.Should().Be("invalid_environment");
        error.Message.Should().Contain("tool 'items_on_shelf': SQL uses :shelf, which is not a declared parameter")
            .And.Contain("SQL uses :minimum");
    }

    [Fact]
    public void ReportsMissingWriteAccess_WhenReadToolChangesData()
    {
        var files = TinyDomain.WithTool("""
            - name: empty_shelf
              description: Looks harmless.
              parameters: {type: object, properties: {shelf_id: {type: integer}}, required: [shelf_id]}
              sql: ["DELETE FROM items WHERE shelf_id = :shelf_id"]
            """);

        BuildFails(files).Message.Should().Contain("tool 'empty_shelf': its SQL changes data, so access must be 'write'");
    }

    [Fact]
    public void ReportsNeedlessWriteAccess_WhenWriteToolOnlyReads()
    {
        var files = TinyDomain.WithTool("""
            - name: peek
              description: Only reads.
              access: write
              parameters: {type: object, properties: {}}
              sql: ["SELECT 1"]
            """);

        BuildFails(files).Message.Should().Contain("tool 'peek': access is 'write' but its SQL changes nothing");
    }

    [Fact]
    public void ReportsMissingWriteAccess_WhenReadToolWritesThroughACommonTableExpression()
    {
        var files = TinyDomain.WithTool("""
            - name: tidy_shelf
              description: Looks harmless.
              parameters: {type: object, properties: {shelf_id: {type: integer}}, required: [shelf_id]}
              sql: ["WITH doomed AS (SELECT item_id FROM items WHERE shelf_id = :shelf_id) DELETE FROM items WHERE item_id IN (SELECT item_id FROM doomed)"]
            """);

        BuildFails(files).Message.Should().Contain("tool 'tidy_shelf': its SQL changes data, so access must be 'write'");
    }

    [Fact]
    public void IgnoresColonWords_WhenTheyAreInsideStringLiterals()
    {
        var files = TinyDomain.WithTool("""
            - name: list_final_items
              description: Items whose name is not marked as a draft.
              parameters: {type: object, properties: {}}
              sql: ["SELECT item_id, name FROM items WHERE name NOT LIKE '%:draft%'"]
            """);

        var build = () => TinyDomain.Build(files).Dispose();

        build.Should().NotThrow();
    }

    [Fact]
    public void ReportsSqlThatDoesNotCompile_WithTheStatement()
    {
        var files = TinyDomain.WithTool("""
            - name: list_bins
              description: Bins.
              parameters: {type: object, properties: {}}
              sql: ["SELECT * FROM bins"]
            """);

        BuildFails(files).Message.Should().Contain("tool 'list_bins'").And.Contain("no such table: bins").And.Contain("SELECT * FROM bins");
    }

    [Fact]
    public void ReportsUnknownTool_WhenScenarioCallsOne()
    {
        var files = WithScenarios(Scenarios.Replace("tool: get_item", "tool: teleport_item", StringComparison.Ordinal));

        BuildFails(files).Message.Should().Contain("scenario 'check_item', request 1: unknown tool 'teleport_item'");
    }

    [Fact]
    public void ReportsArgumentProblems_WhenScenarioCallDoesNotMatchParameters()
    {
        var files = WithScenarios(Scenarios.Replace("args: {item_id: \"{item_id}\"}", "args: {id: \"{item_id}\"}", StringComparison.Ordinal));

        var message = BuildFails(files).Message;

        message.Should().Contain("'get_item' has no parameter 'id'").And.Contain("'get_item' needs 'item_id'");
    }

    [Fact]
    public void ReportsEveryProblemTogether_WhenThereAreSeveral()
    {
        var files = WithScenarios(Scenarios + """

              - id: check_item
                goal: Duplicate.
                sample: SELECT item_id FROM nowhere
                requests: []
            """);
        files = new Dictionary<string, string?>(files) { ["tools.yaml"] = files["tools.yaml"]!.Replace("name: list_items", "name: ListItems", StringComparison.Ordinal) };

        var message = BuildFails(files).Message;

        message.Should().StartWith("invalid environment: tiny: ")
            .And.Contain("tool 'ListItems': name must be snake_case")
            .And.Contain("scenario 'check_item': duplicate id")
            .And.Contain("no such table: nowhere")
            .And.Contain("scenario 'check_item': no requests");
    }
}
