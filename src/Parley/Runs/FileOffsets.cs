namespace Parley.Runs;

/// <summary>The lengths of a run's appended files at one moment: where the next item's lines start.</summary>
internal sealed record FileOffsets(long Dialogues, long Rejected, long Tasks, long States)
{
    /// <summary>Empty files.</summary>
    public static FileOffsets Zero { get; } = new(0, 0, 0, 0);
}
