using Parley.Dialogues;
using Parley.Reporting;
using Parley.Runs;
using Parley.Serialization;
using Parley.Statistics;

namespace Parley.Export;

/// <summary>
/// Writes a folder that Hugging Face <c>datasets</c> and the Hub read as a dataset: <c>data/train.parquet</c> (and
/// <c>data/validation.parquet</c> when dialogues are held out) plus a dataset card, <c>README.md</c>, naming them.
/// </summary>
internal static class HuggingFaceDataset
{
    /// <summary>The dataset card's file name.</summary>
    public const string CardFile = "README.md";

    /// <summary>Writes the Parquet files and the card into <paramref name="folder"/> (created if needed); returns the files written.</summary>
    /// <param name="folder">The export folder.</param>
    /// <param name="train">Dialogues of the train split, enumerated once.</param>
    /// <param name="validation">Dialogues of the validation split, enumerated once; no file when empty.</param>
    /// <param name="manifest">The run's manifest, for the card; null when the run has none.</param>
    /// <param name="includeReasoning">Keep the assistant's <c>reasoning_content</c>.</param>
    /// <param name="perTurn">One row per assistant message instead of one per dialogue.</param>
    /// <param name="singleCalls">Whether parallel tool calls were split into one call per message (for the card).</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task<IReadOnlyList<ExportedSplit>> WriteAsync(string folder, IEnumerable<Dialogue> train, IEnumerable<Dialogue> validation,
        Manifest? manifest, bool includeReasoning = false, bool perTurn = false, bool singleCalls = false, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var splits = new List<ExportedSplit>();
        var figures = new DatasetStatistics.Accumulator();
        foreach (var (split, dialogues) in new[] { ("train", train), ("validation", validation) })
        {
            var relative = $"data/{split}.parquet";
            var path = Path.Combine(folder, "data", split + ".parquet");
            var (rows, count) = (0, 0);
            await AtomicFile.WriteAsync(path, async file => rows = await ParquetExporter.WriteAsync(Counted(dialogues), split, file, includeReasoning, perTurn, cancellationToken));
            if (count == 0 && split != "train")
            {
                // A stale file from an earlier export would be read as part of this dataset.
                File.Delete(path);
                continue;
            }
            splits.Add(new ExportedSplit(split, relative, rows, count));

            // The card's figures are taken as the rows are written, a batch at a time.
            IEnumerable<Dialogue> Counted(IEnumerable<Dialogue> source)
            {
                foreach (var batch in source.Chunk(256))
                {
                    figures.AddAll(batch, kept: true);
                    count += batch.Length;
                    foreach (var d in batch) yield return d;
                }
            }
        }
        var card = DatasetCard.Render(RunFigures.Of(figures), manifest, splits, perTurn, includeReasoning, singleCalls);
        AtomicFile.WriteAllText(Path.Combine(folder, CardFile), card);
        return splits;
    }
}
