using Parley.Dialogues;

namespace Parley.Tests.Dialogues;

public sealed class DialogueCountsTests
{
    [Fact]
    public void CountsEveryMessageButTheSystemPromptAsATurn()
    {
        Message[] messages =
        [
            new SystemMessage { Content = "s" },
            new UserMessage { Content = "u" },
            new AssistantMessage { ToolCalls = [new ToolCall("a", new FunctionCall("t", "{}")), new ToolCall("b", new FunctionCall("t", "{}"))] },
            new ToolMessage { ToolCallId = "a", Name = "t", Content = "[]" },
            new ToolMessage { ToolCallId = "b", Name = "t", Content = "{\"error\":{\"kind\":\"no_rows\",\"message\":\"m\"}}" },
            new AssistantMessage { Content = "done" },
        ];

        DialogueCounts.Of(messages, tasks: 2, tasksCompleted: 1).Should().Be(new DialogueCounts(5, 1, 2, 2, 1, 2, 1));
    }
}
