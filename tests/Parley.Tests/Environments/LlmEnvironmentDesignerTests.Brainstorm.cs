using Microsoft.Extensions.AI;
using Parley.Design;
using Parley.Environments;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Environments;

public sealed class LlmEnvironmentDesignerBrainstormTests
{
    private static readonly LlmRoleSettings Settings = new() { Model = "designer-test", MaxRepairs = 2 };

    private static Task<IReadOnlyList<DomainIdea>> BrainstormAsync(ScriptedChatClient client, IReadOnlyList<string> seeds, IReadOnlyList<string> existing, int count) =>
        new LlmEnvironmentDesigner(client, Settings).BrainstormAsync(seeds, existing, count, 5, TestContext.Current.CancellationToken);

    [Fact]
    public async Task DropsDomainsAlreadyTakenAndRepeats_AndShowsTheTakenNames()
    {
        var client = new ScriptedChatClient().Reply("""
            {"domains": [{"name": "Pet Grooming", "description": "Owners book grooming."}, {"name": "Retail", "description": "Shops."},
                         {"name": "Car Rentals", "description": "Renting cars."}, {"name": "car-rental", "description": "Again."},
                         {"name": "dog_walking", "description": "Walks."}]}
            """);

        var ideas = await BrainstormAsync(client, ["hotel"], ["retail", "Airline"], 3);

        ideas.Select(i => i.Name).Should().Equal("pet_grooming", "car_rentals", "dog_walking");
        ideas[0].Description.Should().Be("Owners book grooming.");
        client.Requests.Should().ContainSingle();
        var prompt = client.Requests[0].Messages.Single().Text;
        prompt.Should().Contain("airline, hotel, retail").And.Contain("3 domains");
    }

    [Fact]
    public async Task AsksForMore_NamingTheDuplicates_WhenTooFewAreNew()
    {
        var client = new ScriptedChatClient()
            .Reply("""{"domains": [{"name": "retail", "description": "Shops."}, {"name": "gym membership", "description": "Gyms."}]}""")
            .Reply("""{"domains": [{"name": "gym_memberships", "description": "Again."}, {"name": "parking permits", "description": "Permits."}]}""");

        var ideas = await BrainstormAsync(client, [], ["retail"], 2);

        ideas.Select(i => i.Name).Should().Equal("gym_membership", "parking_permits");
        client.Requests.Should().HaveCount(2);
        var followUp = client.Requests[1].Messages.Last(m => m.Role == ChatRole.User).Text;
        followUp.Should().Contain("These repeat domains already taken: retail").And.Contain("Propose 1 more").And.Contain("gym_membership");
    }

    [Fact]
    public async Task ReturnsWhatItHas_WhenTheModelRunsOutOfIdeas()
    {
        var client = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"domains": [{"name": "retail", "description": "Shops."}]}""")) }
            .Reply("""{"domains": [{"name": "ferry tickets", "description": "Ferries."}]}""");

        var ideas = await BrainstormAsync(client, [], ["retail"], 3);

        ideas.Select(i => i.Name).Should().Equal("ferry_tickets");
        client.Requests.Should().HaveCount(Settings.MaxRepairs + 1, "rounds are bounded by the repair limit");
    }
}
