using Parley.Dialogues;

namespace Parley.Simulation;

/// <summary>A role played by a model: says which prompt and sampling settings it sends, for a dialogue's metadata.</summary>
internal interface ILlmRole
{
    /// <summary>The prompt file, its content hash and the settings, e.g. <c>user-oriented.md@1a2b3c4d5e6f model=qwen3 temperature=0.7</c>.</summary>
    string DescribePrompt(DialogueMode mode);
}
