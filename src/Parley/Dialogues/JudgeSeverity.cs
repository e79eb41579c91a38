using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>How much an unmet rubric point matters; only <see cref="Critical"/> makes a dialogue invalid.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgeSeverity>))]
public enum JudgeSeverity
{
    /// <summary>A semantic requirement of the task failed, or the agent claimed something no tool result or earlier message supports.</summary>
    [JsonStringEnumMemberName("critical")] Critical,
    /// <summary>Guidance not followed (order, style of tool use) without harming the outcome.</summary>
    [JsonStringEnumMemberName("structural")] Structural,
    /// <summary>A minor point, noted and ignored.</summary>
    [JsonStringEnumMemberName("non_critical")] NonCritical,
    /// <summary>The rubric point itself was wrong or impossible to meet; noted and ignored.</summary>
    [JsonStringEnumMemberName("invalid_rubric")] InvalidRubric,
}
