using Microsoft.Extensions.Logging;

namespace Parley.Tests.TestDoubles;

/// <summary>A logger factory that keeps every message (all levels, with exception text) for assertions.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    /// <summary>Every message logged, with its exception's text.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate) return [.. _lines];
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
    }

    public void Dispose()
    {
    }
}
