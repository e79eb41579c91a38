namespace Parley.Dialogues;

/// <summary>The system prompt that frames the agent: its role, the domain and its policy.</summary>
public sealed record SystemMessage : Message;
