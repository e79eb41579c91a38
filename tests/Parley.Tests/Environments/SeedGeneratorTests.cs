using Parley.Environments;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Environments;

public sealed class SeedGeneratorTests
{
    private static readonly DateOnly Today = new(2025, 1, 10);

    private static SeedSpec Seed(string yaml) => DomainCatalog.Assemble("seeded", f => f switch
    {
        "seed.yaml" => yaml,
        _ => TinyDomain.Files().GetValueOrDefault(f),
    }, "test/seeded").Seed!;

    [Fact]
    public void NamesRuleAndKnownFakes_WhenFakeNameIsUnknown()
    {
        var files = TinyDomain.With("seed.yaml", TinyDomain.Seed.Replace("name: {format: \"item {item_id}\"}", "name: {fake: gizmo_name}", StringComparison.Ordinal));

        var build = () => TinyDomain.Build(files).Dispose();

        build.Should().Throw<ParleyException>()
            .Which.Message.Should().Contain("seed rule items.name: unknown fake 'gizmo_name'").And.Contain("first_name").And.Contain("product");
    }

    [Fact]
    public void GeneratesSameRows_WhenSeedIsTheSame()
    {
        var spec = DomainCatalog.BuiltIn.Get("retail").Seed!;

        var first = SeedGenerator.Generate(spec, Today, 5, 1);
        var second = SeedGenerator.Generate(spec, Today, 5, 1);
        var other = SeedGenerator.Generate(spec, Today, 6, 1);

        first["customers"].Rows.Should().BeEquivalentTo(second["customers"].Rows, o => o.WithStrictOrdering());
        first["customers"].Rows.Should().NotBeEquivalentTo(other["customers"].Rows, o => o.WithStrictOrdering());
    }

    [Fact]
    public void LeavesOutHelperColumns_AndFillsFormatsFromThem()
    {
        var rows = SeedGenerator.Generate(Seed("""
            tables:
              - table: people
                rows: 4
                columns:
                  person_id: {seq: 10}
                  _first: {pick: [ann, bob]}
                  email: {format: "{_first}{person_id}@example.com", lower: true}
                  code: {pattern: "AB-##-?"}
                  joined: {days: [-3, -1]}
                  score: {int: [1, 3]}
                  nothing: {const: 7, null_rate: 1}
            """), Today, 1, 1)["people"];

        rows.Columns.Should().Equal("person_id", "email", "code", "joined", "score", "nothing");
        rows.Rows.Select(r => r[0]).Should().Equal(10L, 11L, 12L, 13L);
        rows.Rows.Should().AllSatisfy(r =>
        {
            ((string)r[1]!).Should().MatchRegex(@"^(ann|bob)1[0-3]@example\.com$");
            ((string)r[2]!).Should().MatchRegex(@"^AB-\d\d-[A-Z]$");
            ((string)r[3]!).Should().BeOneOf("2025-01-07", "2025-01-08", "2025-01-09");
            ((long)r[4]!).Should().BeInRange(1, 3);
            r[5].Should().BeNull();
        });
    }

    [Fact]
    public void DrawsWithoutReplacement_WhenReferenceIsUnique()
    {
        var tables = SeedGenerator.Generate(Seed("""
            tables:
              - table: parents
                rows: 5
                columns:
                  parent_id: {seq: 1}
              - table: children
                rows: 5
                columns:
                  parent_id: {ref: parents.parent_id, unique: true}
            """), Today, 3, 1);

        tables["children"].Rows.Select(r => r[0]).Should().BeEquivalentTo(new object[] { 1L, 2L, 3L, 4L, 5L });
    }

    [Fact]
    public void Throws_WhenReferenceNamesALaterTable()
    {
        var generate = () => SeedGenerator.Generate(Seed("""
            tables:
              - table: children
                rows: 1
                columns:
                  parent_id: {ref: parents.parent_id}
            """), Today, 3, 1);

        generate.Should().Throw<ParleyException>().WithMessage("*seed rule children.parent_id*must name an earlier table*");
    }
}
