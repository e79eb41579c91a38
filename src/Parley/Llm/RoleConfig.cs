namespace Parley.Llm;

/// <summary>A role played by a model: which endpoint, and the model settings sent with each call.</summary>
public sealed record RoleConfig(string Endpoint, LlmRoleSettings Settings);
