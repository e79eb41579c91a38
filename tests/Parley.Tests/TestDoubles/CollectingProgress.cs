namespace Parley.Tests.TestDoubles;

/// <summary>A progress sink that records every report synchronously.</summary>
public sealed class CollectingProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports) return [.. _reports];
        }
    }

    public void Report(T value)
    {
        lock (_reports) _reports.Add(value);
    }
}
