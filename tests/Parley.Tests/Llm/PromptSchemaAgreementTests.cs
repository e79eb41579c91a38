using System.Globalization;
using System.Text.Json;
using Parley.Design;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Verification;

namespace Parley.Tests.Llm;

/// <summary>What each prompt tells the model agrees with the schema its reply is checked against: every key, enum value and number.</summary>
public sealed class PromptSchemaAgreementTests
{
    private static IEnumerable<string> Keys(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static JsonElement Property(JsonElement schema, string name) => schema.GetProperty("properties").GetProperty(name);

    private static IEnumerable<string> Enum(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

    [Fact]
    public void JudgePromptStatesTheScoreRangeSeveritiesAndJudgments()
    {
        var prompt = PromptLibrary.Get("judge.md").Text;
        var schema = JudgeReply.Schema.Schema;
        var score = Property(Property(schema, "scores"), "agent_helpfulness");

        prompt.Should().Contain($"integers {score.GetProperty("minimum").GetInt32()}–{score.GetProperty("maximum").GetInt32()}");
        prompt.Should().Contain(string.Join('|', Enum(Property(Property(schema, "issues").GetProperty("items"), "severity"))));
        foreach (var key in Keys(schema)) prompt.Should().Contain($"\"{key}\"");
    }

    [Theory]
    [InlineData("user-oriented.md")]
    [InlineData("task-oriented.md")]
    public void UserPromptsShowEveryKeyOfTheReply(string name)
    {
        var prompt = PromptLibrary.Get(name).Text;

        foreach (var key in Keys(UserReply.Schema.Schema)) prompt.Should().Contain($"\"{key}\"");
        prompt.Should().Contain("or null", "the thought is nullable, not optional: a strict schema requires every key");
    }

    [Fact]
    public void ToolSimulatorPromptListsTheErrorKindsOfItsSchema()
    {
        var prompt = PromptLibrary.Get("tool-simulator.md").Text;
        var error = Property(ToolSimulatorReply.Schema.Schema, "error").GetProperty("anyOf")[0];

        Enum(Property(error, "kind")).Should().Equal(ToolSimulatorReply.ErrorKinds);
        prompt.Should().Contain("kind one of: {error_kinds}").And.Contain("\"result\": null, \"error\": {\"kind\"").And.Contain("\"error\": null");
    }

    [Fact]
    public void DesignQuestionsPromptAsksForTheRangeTheSchemaAccepts()
    {
        var questions = Property(QuestionsReply.Schema.Schema, "questions");

        questions.GetProperty("minItems").GetInt32().Should().Be(QuestionsReply.AskedFrom);
        questions.GetProperty("maxItems").GetInt32().Should().Be(QuestionsReply.AskedTo);
        PromptLibrary.Get("design-questions.md").Text.Should().Contain("Write {questions_from} to {questions_to} realistic requests");
    }

    [Fact]
    public void PlannerPromptStatesThePhrasingCountDifficultiesAndPairs()
    {
        var prompt = PromptLibrary.Get("task-planner.md").Text;
        var schema = TaskPlanSchema.For(new Parley.Tools.ToolCatalog(Parley.Environments.DomainCatalog.BuiltIn.Get("retail").Tools), 2).Schema;
        var task = Property(schema, "tasks").GetProperty("items");
        var utterances = Property(Property(task, "sub_requests").GetProperty("items"), "utterances");

        prompt.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"{utterances.GetProperty("minItems").GetInt32()} to {utterances.GetProperty("maxItems").GetInt32()} alternative phrasings"));
        prompt.Should().Contain(string.Join('|', Enum(Property(task, "difficulty"))));
        Property(schema, "tasks").GetProperty("maxItems").GetInt32().Should().Be(2, "the count asked for in the planner's input");
        foreach (var key in Keys(task)) prompt.Should().Contain($"\"{key}\"");
        prompt.Should().Contain("\"arguments\": [{\"name\": \"param\", \"value\": \"value\"}]");
    }

    [Fact]
    public void BrainstormPromptShowsTheKeysOfItsSchema()
    {
        var prompt = PromptLibrary.Get("design-brainstorm.md").Text;
        var domain = Property(BrainstormReply.Schema.Schema, "domains").GetProperty("items");

        foreach (var key in Keys(BrainstormReply.Schema.Schema).Concat(Keys(domain))) prompt.Should().Contain($"\"{key}\"");
    }

    [Fact]
    public void DesignPromptsShowTheKeysAndNumbersOfTheirSchemas()
    {
        var usage = PromptLibrary.Get("design-usage.md").Text;
        var scenarios = Property(DesignSchemas.Usage.Schema, "scenarios");
        var say = Property(Property(scenarios.GetProperty("items"), "requests").GetProperty("items"), "say");

        (scenarios.GetProperty("minItems").GetInt32(), scenarios.GetProperty("maxItems").GetInt32()).Should().Be((DesignSchemas.ScenariosFrom, DesignSchemas.ScenariosTo));
        (say.GetProperty("minItems").GetInt32(), say.GetProperty("maxItems").GetInt32()).Should().Be((DesignSchemas.SayFrom, DesignSchemas.SayTo));
        usage.Should().Contain("{scenarios_from} to {scenarios_to} task templates").And.Contain("{say_from}–{say_to} ways");
        Property(DesignSchemas.Expansion.Schema, "tools").GetProperty("maxItems").GetInt32().Should().Be(DesignSchemas.ExpansionTo);
        PromptLibrary.Get("design-expand.md").Text.Should().Contain("up to {expansion_to} complementary tools");
        Property(DesignSchemas.Schema.Schema, "data").GetProperty("maxItems").GetInt32().Should().Be(DesignSchemas.TablesTo);
        PromptLibrary.Get("design-schema.md").Text.Should().Contain("{tables_from} to {tables_to} tables").And.Contain("at most {rows_to} rows");
        PromptLibrary.Get("design-tools.md").Text.Should().Contain("2 to 64 characters", "the name pattern allows 2 to 64");
        foreach (var key in Keys(Property(DesignSchemas.Implementation.Schema, "tools").GetProperty("items")))
        {
            PromptLibrary.Get("design-sql.md").Text.Should().Contain($"\"{key}\"");
        }
        foreach (var key in Keys(DesignSchemas.Repair.Schema)) PromptLibrary.Get("design-repair.md").Text.Should().Contain($"\"{key}\"");
    }
}
