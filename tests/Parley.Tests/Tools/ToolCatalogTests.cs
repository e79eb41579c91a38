using System.Text.Json;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Tools;

public sealed class ToolCatalogTests(BuiltEnvironments environments)
{
    private static ToolSpec Tool(string name, string parameters = "{\"type\":\"object\",\"properties\":{}}") => new()
    {
        Name = name,
        Description = "d",
        Parameters = JsonElement.Parse(parameters),
        Sql = ["SELECT 1"],
    };

    [Fact]
    public void Throws_WhenTwoToolsShareAName()
    {
        var build = () => new ToolCatalog([Tool("same"), Tool("same")]);

        build.Should().Throw<ParleyException>().WithMessage("*'same' is declared twice*");
    }

    [Fact]
    public void Throws_WhenParametersAreNotAValidSchema()
    {
        var build = () => new ToolCatalog([Tool("broken", "{\"type\": 12}")]);

        build.Should().Throw<ParleyException>().WithMessage("*'broken' has an invalid parameters schema*");
    }

    [Fact]
    public void OffersToolsInOpenAiFunctionFormat_InDeclarationOrder()
    {
        var catalog = environments.Retail.Tools;

        var json = JsonSerializer.SerializeToElement(catalog.Definitions[0], DialogueJsonContext.Default.Options);

        catalog.Definitions.Select(d => d.Function.Name).Should().Equal(catalog.Tools.Select(t => t.Name));
        json.GetProperty("type").GetString().Should().Be("function");
        json.GetProperty("function").GetProperty("name").GetString().Should().Be("find_customer_by_email");
        json.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString().Should().Be("object");
    }

    [Fact]
    public void NamesTablesTheToolReadsAndWrites()
    {
        var catalog = environments.Retail.Tools;

        catalog.TablesOf("cancel_order").Should().BeEquivalentTo(["orders", "products", "order_items"]);
        catalog.TablesOf("find_customer_by_email").Should().BeEquivalentTo(["customers"]);
        catalog.TablesOf("nope").Should().BeEmpty();
    }
}
