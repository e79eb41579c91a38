namespace Parley.Tests.TestDoubles;

/// <summary>A progress sink that calls back synchronously on every report.</summary>
public sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
{
    public void Report(T value) => callback(value);
}
