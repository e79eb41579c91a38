namespace Parley.Tools;

/// <summary>Composes delegating layers around an inner executor; the first layer added is the outermost.</summary>
public sealed class ToolExecutorBuilder(IToolExecutor inner)
{
    private readonly List<Func<IToolExecutor, IToolExecutor>> _layers = [];

    /// <summary>Adds a layer.</summary>
    public ToolExecutorBuilder Use(Func<IToolExecutor, IToolExecutor> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>Builds the pipeline.</summary>
    public IToolExecutor Build()
    {
        var executor = inner;
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            executor = _layers[i](executor);
        }
        return executor;
    }
}
