using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Tests.Dialogues;

public sealed class DialogueModesTests
{
    [Fact]
    public void NamesEveryModeAsItsJsonForm_AndParsesTheNameBack()
    {
        foreach (var mode in Enum.GetValues<DialogueMode>())
        {
            mode.Name().Should().Be(JsonSerializer.Serialize(mode, DialogueJsonContext.Default.DialogueMode).Trim('"'));
            DialogueModes.Parse(mode.Name()).Should().Be(mode);
        }
        DialogueModes.Names.Should().Equal("user-oriented", "task-oriented");
    }

    [Theory]
    [InlineData("user_oriented")]
    [InlineData("User-Oriented")]
    [InlineData("")]
    [InlineData(null)]
    public void ParsesNothing_WhenNoModeHasTheName(string? name)
    {
        DialogueModes.Parse(name).Should().BeNull();
    }
}
