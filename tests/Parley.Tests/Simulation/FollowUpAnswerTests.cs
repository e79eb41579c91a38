using System.Text.Json;
using Parley.Simulation;

namespace Parley.Tests.Simulation;

public sealed class FollowUpAnswerTests
{
    private static readonly JsonElement Booking = JsonElement.Parse("""
        {"confirmation_number":"WA-1261","hotel_name":"Parkside Suites","check_in":"2025-06-19","nights":3,"guests_count":2,"total_price":588.45,"refund_amount":455.73,"status":"confirmed"}
        """);

    [Theory]
    [InlineData("What's the new total?", "total_price")]
    [InlineData("How much will be refunded?", "refund_amount")]
    [InlineData("How many nights is that now?", "nights")]
    [InlineData("What's my confirmation number?", "confirmation_number")]
    [InlineData("When do I check in?", "check_in")]
    [InlineData("Could you confirm the status now?", "status")]
    public void PicksTheFieldTheQuestionAsksFor(string question, string field) => FollowUpAnswer.Field(question, Booking).Should().Be(field);

    [Fact]
    public void AnswersInASentence_WithTheAmountAsMoney()
    {
        FollowUpAnswer.Of("How much will be refunded?", Booking).Should().Be("The refund amount is $455.73.");
        FollowUpAnswer.Of("How many nights is that now?", Booking).Should().Be("That's 3 nights.");
    }

    [Fact]
    public void GivesUp_WhenNoFieldFits() => FollowUpAnswer.Of("Do you allow pets?", Booking).Should().BeNull();

    [Theory]
    [InlineData("""{"confirmation_code":"KBN152","miles_remaining":9883}""", "How many miles do I have left?", "The remaining miles are 9,883.")]
    [InlineData("""{"flight_number":"SK101","seats_left":39}""", "How many seats are left?", "The seats left are 39.")]
    [InlineData("""{"loan_id":4,"renewals_used":2}""", "How many renewals have I used?", "The used renewals are 2.")]
    [InlineData("""{"invoice":"A-1","amount_due":12.5}""", "How much is due?", "The amount due is $12.50.")]
    public void AgreesWithThePluralNoun_WhenTheFieldNamesOne(string row, string question, string answer) =>
        FollowUpAnswer.Of(question, JsonElement.Parse(row)).Should().Be(answer);
}
