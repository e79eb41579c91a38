namespace Parley.Export;

/// <summary>One file of a Parquet export: its split, its path relative to the export folder, and what it holds.</summary>
/// <param name="Split"><c>train</c> or <c>validation</c>.</param>
/// <param name="Path">The file, relative to the export folder, with '/' separators (as the dataset card names it).</param>
/// <param name="Samples">Rows written.</param>
/// <param name="Dialogues">Dialogues the rows come from.</param>
internal sealed record ExportedSplit(string Split, string Path, int Samples, int Dialogues);
