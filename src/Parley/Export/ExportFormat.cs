namespace Parley.Export;

/// <summary>Training formats a run can be exported to.</summary>
public enum ExportFormat
{
    /// <summary>OpenAI fine-tuning chat format: <c>{"messages": [...], "tools": [...]}</c> per line.</summary>
    OpenAi,
    /// <summary>LLaMA-Factory ShareGPT: <c>conversations</c> of human / gpt / function_call / observation, <c>system</c>, <c>tools</c> as a string.</summary>
    ShareGpt,
    /// <summary>Hermes function calling: tools in <c>&lt;tools&gt;</c> in the system turn, calls in <c>&lt;tool_call&gt;</c>, results in <c>&lt;tool_response&gt;</c>.</summary>
    Hermes,
}
