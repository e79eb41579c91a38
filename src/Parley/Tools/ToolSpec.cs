using System.Text.Json;

namespace Parley.Tools;

/// <summary>
/// A domain tool: what the agent sees (name, description, JSON-Schema parameters in the OpenAI function format)
/// and how it runs (parameterised SQL with preconditions). Built-in and LLM-designed tools share this declaration.
/// </summary>
public sealed record ToolSpec
{
    /// <summary>What a tool's name must match: snake_case, 2 to 64 characters (the longest function name OpenAI accepts).</summary>
    public const string NamePattern = "^[a-z][a-z0-9_]{1,63}$";

    /// <summary>snake_case name (<see cref="NamePattern"/>), unique in its environment.</summary>
    public required string Name { get; init; }

    /// <summary>What the tool does, written for the agent.</summary>
    public required string Description { get; init; }

    /// <summary>A JSON Schema of type <c>object</c> describing the arguments.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>Whether the tool changes state.</summary>
    public ToolAccess Access { get; init; } = ToolAccess.Read;

    /// <summary>Checks run first, in order; the first that fails becomes the tool's error result.</summary>
    public IReadOnlyList<Precondition> Preconditions { get => field ?? []; init; }

    /// <summary>SQL statements run in order in one transaction, with <c>:named</c> parameters bound from the arguments.</summary>
    public required IReadOnlyList<string> Sql { get; init; }

    /// <summary>How the rows of the last statement that returns rows become the JSON result.</summary>
    public ToolReturns Returns { get; init; } = ToolReturns.Many;

    /// <summary>A JSON Schema of a successful result (an LLM-designed tool declares it; the designer's self-test checks it).</summary>
    public JsonElement? ResultSchema { get; init; }

    /// <summary>How a rule-based agent words the result; an LLM agent reads the JSON instead.</summary>
    public ToolReport? Report { get; init; }
}
