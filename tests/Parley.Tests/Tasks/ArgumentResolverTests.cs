using System.Text.Json;
using Parley.Tasks;

namespace Parley.Tests.Tasks;

public sealed class ArgumentResolverTests
{
    private static readonly Dictionary<string, string> None = [];

    private static JsonElement Json(string json) => JsonElement.Parse(json);

    private static readonly JsonElement[] Results =
    [
        Json("{\"customer_id\": 30, \"name\": \"Jada\"}"),
        Json("[{\"order_id\": 5108, \"order_date\": \"2025-05-16\", \"status\": \"delivered\"}, {\"order_id\": 5013, \"order_date\": \"2025-03-17\", \"status\": \"pending\"}]"),
    ];

    [Fact]
    public void KeepsLiteral_WhenExpressionIsNotAPlaceholder()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"delivered\""), None, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.Literal);
        resolution.Value.GetString().Should().Be("delivered");
        ArgumentResolver.Resolve(Json("3"), None, None, Results).Value.GetInt32().Should().Be(3);
    }

    [Fact]
    public void UsesWhatTheUserSaid_WhenFactWasStated()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"{email}\""), new Dictionary<string, string> { ["email"] = "a@example.com" }, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.Stated);
        resolution.Value.GetString().Should().Be("a@example.com");
        resolution.IsResolved.Should().BeTrue();
    }

    [Fact]
    public void TakesColumnFromLatestResult_WhenExpressionNamesAColumn()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"$customer_id\""), None, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.FromResult);
        resolution.Value.GetInt32().Should().Be(30);
    }

    [Fact]
    public void PicksTheRowTheUserDescribed_WhenSeveralRowsHaveTheColumn()
    {
        var filter = new Dictionary<string, string> { ["order_date"] = "2025-03-17" };

        var resolution = ArgumentResolver.Resolve(Json("\"{order_id}\""), None, filter, Results);

        resolution.Kind.Should().Be(ResolutionKind.FromResult);
        resolution.Value.GetInt32().Should().Be(5013);
    }

    [Fact]
    public void ReportsAmbiguity_WhenNothingTellsTheRowsApart()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"$order_id\""), None, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.Ambiguous);
        resolution.IsResolved.Should().BeFalse();
        resolution.Candidates.Should().HaveCount(2);
    }

    [Fact]
    public void LooksFurtherBack_WhenTheLatestResultHasNoMatchingRow()
    {
        var results = Results.Append(Json("[{\"order_id\": 1, \"order_date\": \"2020-01-01\"}]")).ToList();
        var filter = new Dictionary<string, string> { ["order_date"] = "2025-05-16" };

        ArgumentResolver.Resolve(Json("\"$order_id\""), None, filter, results).Value.GetInt32().Should().Be(5108);
    }

    [Fact]
    public void AsksTheUser_WhenAFactIsNeitherStatedNorFound()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"{email}\""), None, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.AskUser);
        resolution.Name.Should().Be("email");
    }

    [Fact]
    public void ReportsMissing_WhenAColumnIsInNoResultYet()
    {
        var resolution = ArgumentResolver.Resolve(Json("\"$return_id\""), None, None, Results);

        resolution.Kind.Should().Be(ResolutionKind.Missing);
        resolution.Name.Should().Be("return_id");
    }

    [Theory]
    [InlineData("5", "{\"type\":\"integer\"}", "5")]
    [InlineData("2.50", "{\"type\":\"number\"}", "2.5")]
    [InlineData("true", "{\"type\":\"boolean\"}", "true")]
    [InlineData("abc", "{\"type\":\"integer\"}", "\"abc\"")]
    [InlineData("007", "{\"type\":\"string\"}", "\"007\"")]
    [InlineData("x", "{}", "\"x\"")]
    public void CoercesStatedText_ToTheParameterType(string value, string schema, string json)
    {
        ArgumentResolver.Coerce(value, Json(schema)).GetRawText().Should().Be(json);
    }
}
