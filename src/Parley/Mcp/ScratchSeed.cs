using Parley.Determinism;
using Parley.Environments;

namespace Parley.Mcp;

/// <summary>
/// The small, seeded set of files and folders written into each dialogue's scratch folder for a server that works on
/// paths (a filesystem server): notes, a to-do list, a config, a few project and travel files, and an empty archive.
/// </summary>
internal static class ScratchSeed
{
    private static readonly string[] Errands = ["renew the passport", "book the dentist", "pay the electricity bill", "call the plumber", "return the library books", "buy a birthday present for Sam", "back up the laptop", "cancel the gym membership"];
    private static readonly string[] Cities = ["Lisbon", "Kyoto", "Oslo", "Montreal", "Cape Town", "Valparaíso"];
    private static readonly string[] Topics = ["the billing migration", "the spring newsletter", "the office move", "the API redesign", "the onboarding guide"];
    private static readonly string[] People = ["Ada", "Grace", "Linus", "Margaret", "Radia", "Ken"];

    /// <summary>
    /// When every seeded file and folder was last written: fixed, so a read that shows modification times answers the
    /// same in every dialogue, and the designer can tell such a read apart by seeding its second sample at another time.
    /// </summary>
    public static readonly DateTime Written = new(2025, 6, 2, 9, 30, 0, DateTimeKind.Utc);

    /// <summary>The entries for <paramref name="seed"/>, folders first, each folder before what it holds.</summary>
    public static IReadOnlyList<McpScratchFile> Files(ulong seed)
    {
        var rng = new SeededRandom(StableSeed.Derive(seed, "mcp-scratch"));
        var errands = Shuffle(Errands, rng).Take(4).ToList();
        var city = rng.Pick(Cities);
        var topic = rng.Pick(Topics);
        var person = rng.Pick(People);
        var month = rng.NextInRange(1, 12);
        var day = rng.NextInRange(1, 28);
        var entries = new List<McpScratchFile>
        {
            new("notes", null),
            new("projects", null),
            new("travel", null),
            new("archive", null),
            new("todo.md", $"# To do\n- [ ] {errands[0]}\n- [ ] {errands[1]}\n- [x] {errands[2]}\n- [ ] {errands[3]}\n"),
            new("config.json", $"{{\n  \"theme\": \"{rng.Pick(["dark", "light"])}\",\n  \"language\": \"{rng.Pick(["en", "pt", "de", "fr"])}\",\n  \"autosave\": {(rng.Chance(0.5) ? "true" : "false")},\n  \"font_size\": {rng.NextInRange(11, 16)}\n}}\n"),
            new($"notes/meeting-2025-{month:00}-{day:00}.md", $"# Meeting on {topic}\nAttendees: {person}, me\n- agreed to ship the first part next week\n- {person} will send the figures by Friday\n"),
            new("notes/ideas.txt", $"ideas\n- a weekend trip to {rng.Pick(Cities)}\n- learn to make sourdough\n- start a reading list\n"),
            new("projects/plan.md", $"# Plan for {topic}\n1. Collect the requirements\n2. Draft the proposal\n3. Review it with {person}\n"),
            new($"travel/{city.ToLowerInvariant().Replace(' ', '-').Replace('í', 'i')}.md", $"# Trip to {city}\nFlight: {rng.NextInRange(2, 9)} hours\nHotel: booked for {rng.NextInRange(2, 6)} nights\nPacking: passport, charger, umbrella\n"),
        };
        // Not every scratch folder holds everything: a seeded few of the optional files are left out.
        return [.. entries.Where(e => e.Content is null || e.Path is "todo.md" or "config.json" || !rng.Chance(0.2))];
    }

    private static List<string> Shuffle(IReadOnlyList<string> items, SeededRandom rng)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
