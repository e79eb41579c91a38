using Parley.Determinism;

namespace Parley.Simulation;

/// <summary>Ids for tool calls a Parley role makes itself: nine lowercase hex digits, e.g. <c>3f0c9a1b2</c>.</summary>
/// <remarks>
/// Nine alphanumerics is what Mistral's chat templates demand of a call id (they raise on any other length); OpenAI's
/// format takes any string, so one shape serves every template. 36 random bits make a clash within one dialogue
/// vanishingly rare.
/// </remarks>
internal static class ToolCallId
{
    /// <summary>A new id drawn from <paramref name="rng"/>.</summary>
    public static string New(SeededRandom rng) => (rng.NextUInt64() & 0xFFFFFFFFFUL).ToString("x9", System.Globalization.CultureInfo.InvariantCulture);
}
