namespace Parley.Dialogues;

/// <summary>
/// The name of one of Parley's own checks, with the task it is about for a per-task check: written <c>end_state[0]</c>,
/// <c>grounding</c>, the text <see cref="CheckResult.Name"/>, rejection reasons and the ledger have always used.
/// </summary>
/// <param name="Kind">The check.</param>
/// <param name="Task">For a per-task check, the task's position in the dialogue.</param>
public readonly record struct CheckName(CheckKind Kind, int? Task = null)
{
    /// <summary>The check's name without its task, e.g. <c>end_state</c>.</summary>
    public string Label => Kind switch
    {
        CheckKind.Planning => "planning",
        CheckKind.Augment => "augment",
        CheckKind.Llm => "llm",
        CheckKind.Mcp => "mcp",
        CheckKind.Messages => "messages",
        CheckKind.ToolCalls => "tool_calls",
        CheckKind.ToolCallIds => "tool_call_ids",
        CheckKind.Termination => "termination",
        CheckKind.EndState => "end_state",
        CheckKind.Calls => "calls",
        CheckKind.StateProbe => "state_probe",
        CheckKind.Grounding => "grounding",
        CheckKind.Judge => "judge",
        _ => "judge_unavailable",
    };

    /// <summary>The name as written, e.g. <c>end_state[0]</c>.</summary>
    public override string ToString() => Task is { } task ? $"{Label}[{task}]" : Label;

    /// <summary>The name as a <see cref="CheckResult.Name"/>.</summary>
    public static implicit operator string(CheckName name) => name.ToString();
}
