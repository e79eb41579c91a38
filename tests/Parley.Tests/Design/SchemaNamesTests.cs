using Parley.Tools;
using Parley.Design;
using Parley.Environments;

namespace Parley.Tests.Design;

public sealed class SchemaNamesTests
{
    [Theory]
    [InlineData("Order Details", "order_details")]
    [InlineData("InvoiceLineId", "invoice_line_id")]
    [InlineData("E-Mail", "e_mail")]
    [InlineData("größencode", "groessencode")]
    [InlineData("naïve name", "naive_name")]
    [InlineData("2nd Address", "n2nd_address")]
    [InlineData("ID", "id")]
    [InlineData("???", "x")]
    public void MakesSnakeCaseAscii_FromAnyName(string name, string expected) => SchemaNames.Snake(name).Should().Be(expected);

    [Theory]
    [InlineData("Categories", "category")]
    [InlineData("Order Details", "order_detail")]
    [InlineData("address", "address")]
    [InlineData("Boxes", "box")]
    [InlineData("status", "status")]
    public void NamesARowOfATable_InTheSingular(string table, string expected) => SchemaNames.Entity(table).Should().Be(expected);

    [Fact]
    public void QuotesNamesWithQuotesInside() => SqlText.Quote("say \"hi\"").Should().Be("\"say \"\"hi\"\"\"");
}
