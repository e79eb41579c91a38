namespace Parley.Export;

/// <summary>One file an export wrote.</summary>
/// <param name="Path">The file.</param>
/// <param name="Samples">Samples (lines or rows) written.</param>
/// <param name="Dialogues">Dialogues they come from.</param>
public sealed record ExportedFile(string Path, int Samples, int Dialogues);
