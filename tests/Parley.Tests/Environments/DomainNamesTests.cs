using Parley.Environments;

namespace Parley.Tests.Environments;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("Pet Grooming", "pet_grooming")]
    [InlineData("  pet-grooming!! ", "pet_grooming")]
    [InlineData("IT help desk", "it_help_desk")]
    [InlineData("--", "")]
    public void Normalizes_ToSnakeCase(string name, string expected) => DomainNames.Normalize(name).Should().Be(expected);

    [Theory]
    [InlineData("Car Rentals", "car_rental")]
    [InlineData("rental car", "car_rental")]
    [InlineData("Pet grooming", "grooming pets")]
    [InlineData("business", "business")]
    public void GivesOneKey_ToNamesOfTheSameDomain(string a, string b) => DomainNames.Key(a).Should().Be(DomainNames.Key(b));

    [Fact]
    public void KeepsDistinctDomainsApart() => DomainNames.Key("car_rental").Should().NotBe(DomainNames.Key("car_repair"));
}
