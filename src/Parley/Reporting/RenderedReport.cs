namespace Parley.Reporting;

/// <summary>A rendered HTML report.</summary>
/// <param name="Html">The self-contained HTML file's text.</param>
/// <param name="Dialogues">The dialogues (kept and rejected) its numbers cover.</param>
public sealed record RenderedReport(string Html, int Dialogues);
