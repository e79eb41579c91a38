namespace Parley.Tests.Export.Formats;

/// <summary>The validators reject what their formats reject, so a clean export means something.</summary>
public sealed class FormatValidatorTests
{
    private const string Tools = """[{"type":"function","function":{"name":"find","description":"d","parameters":{"type":"object","properties":{}}}}]""";
    private const string Call = """{"id":"c1","type":"function","function":{"name":"find","arguments":"{\"q\":1}"}}""";

    [Fact]
    public void AcceptsAWellFormedOpenAiLine()
    {
        var line = $$"""{"messages":[{"role":"system","content":"s"},{"role":"user","content":"u"},{"role":"assistant","tool_calls":[{{Call}}]},{"role":"tool","tool_call_id":"c1","content":"{}"},{"role":"assistant","content":"done"}],"tools":{{Tools}}}""";

        OpenAiFineTuningFormat.Validate(line).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"role":"user","content":"u"},{"role":"system","content":"s"},{"role":"assistant","content":"a"}""", "only come first")]
    [InlineData("""{"role":"user","content":"u"},{"role":"bot","content":"a"}""", "role 'bot'")]
    [InlineData("""{"role":"user","content":"u"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"find","arguments":{"q":1}}}]},{"role":"tool","tool_call_id":"c1","content":"{}"},{"role":"assistant","content":"a"}""", "as a JSON string")]
    [InlineData("""{"role":"user","content":"u"},{"role":"tool","tool_call_id":"c9","content":"{}"},{"role":"assistant","content":"a"}""", "answers no preceding")]
    [InlineData("""{"role":"user","content":"u"},{"role":"assistant","content":""}""", "non-empty string")]
    [InlineData("""{"role":"user","content":"u"}""", "last message")]
    [InlineData("""{"role":"user","content":"u"},{"role":"assistant","content":"a","reasoning_content":"r"}""", "unknown key 'reasoning_content'")]
    public void RejectsAnOpenAiLine_WhenARuleIsBroken(string messages, string problem)
    {
        OpenAiFineTuningFormat.Validate($$"""{"messages":[{{messages}}],"tools":{{Tools}}}""").Should().Contain(p => p.Contains(problem));
    }

    [Theory]
    [InlineData("""[{"from":"human","value":"u"},{"from":"function_call","value":"{\"name\":\"find\",\"arguments\":{}}"},{"from":"observation","value":"{}"},{"from":"gpt","value":"a"}]""", null)]
    [InlineData("""[{"from":"gpt","value":"a"},{"from":"human","value":"u"}]""", "position 0")]
    [InlineData("""[{"from":"human","value":"u"},{"from":"gpt","value":"a"},{"from":"human","value":"u"}]""", "even number")]
    [InlineData("""[{"from":"human","value":"u"},{"from":"function_call","value":"{\"name\":\"nope\",\"arguments\":{}}"},{"from":"observation","value":"{}"},{"from":"gpt","value":"a"}]""", "not in tools")]
    [InlineData("""[{"from":"human","value":"u"},{"from":"gpt","value":"<think>\nr\n</think>\na"}]""", "reasoning is excluded")]
    public void ChecksLlamaFactoryRules_OnShareGptLines(string conversations, string? problem)
    {
        var problems = ShareGptFormat.Validate($$"""{"conversations":{{conversations}},"system":"s","tools":{{System.Text.Json.JsonSerializer.Serialize("[{\"name\":\"find\",\"description\":\"d\",\"parameters\":{}}]")}}}""");

        if (problem is null) problems.Should().BeEmpty();
        else problems.Should().Contain(p => p.Contains(problem));
    }

    [Theory]
    [InlineData("""{"from":"human","value":"u"},{"from":"gpt","value":"<tool_call>\n{\"name\":\"find\",\"arguments\":{}}\n</tool_call>"},{"from":"tool","value":"<tool_response>\n{\"name\":\"find\",\"content\":{}}\n</tool_response>"},{"from":"gpt","value":"a"}""", null)]
    [InlineData("""{"from":"human","value":"u"},{"from":"gpt","value":"<tool_call>\n{\"name\":\"find\",\"arguments\":{}}\n</tool_call>"},{"from":"gpt","value":"a"}""", "unanswered")]
    [InlineData("""{"from":"human","value":"u"},{"from":"tool","value":"<tool_response>\n{\"name\":\"find\",\"content\":{}}\n</tool_response>"},{"from":"gpt","value":"a"}""", "no call asked for")]
    [InlineData("""{"from":"human","value":"u"},{"from":"gpt","value":"<tool_call>\n{\"name\":\"gone\",\"arguments\":{}}\n</tool_call>"},{"from":"tool","value":"<tool_response>\n{\"name\":\"gone\",\"content\":{}}\n</tool_response>"},{"from":"gpt","value":"a"}""", "not in <tools>")]
    [InlineData("""{"from":"human","value":"u"},{"from":"gpt","value":"<tool_call>\n{\"name\":\"find\"\n</tool_call>"},{"from":"gpt","value":"a"}""", "well-formed")]
    public void ChecksTagsAndAnswers_OnHermesLines(string turns, string? problem)
    {
        var system = System.Text.Json.JsonSerializer.Serialize("Use <tools></tools>:\n<tools>\n{\"type\":\"function\",\"function\":{\"name\":\"find\",\"description\":\"d\",\"parameters\":{}}}\n</tools>");
        var problems = HermesFormat.Validate($$"""{"conversations":[{"from":"system","value":{{system}}},{{turns}}]}""");

        if (problem is null) problems.Should().BeEmpty();
        else problems.Should().Contain(p => p.Contains(problem));
    }
}
