namespace Parley.Design;

/// <summary>A domain proposed by brainstorming: a snake_case name and one sentence on what it covers.</summary>
public sealed record DomainIdea(string Name, string Description);
