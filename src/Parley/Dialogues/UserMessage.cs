namespace Parley.Dialogues;

/// <summary>A message written by the (simulated) user.</summary>
public sealed record UserMessage : Message;
