using Parley.Generation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Parley.Cli.Rendering;

/// <summary>
/// Shows a run's progress while it runs: keeps the latest snapshot the library reports (cheap, on the writer's
/// thread) and draws it at its own pace — a live panel on a terminal, or a plain line every interval in logs.
/// </summary>
internal sealed class ProgressRenderer(ProgressMode mode, TimeSpan interval) : IProgress<GenerationProgress>
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);
    private volatile GenerationProgress? _latest;

    /// <summary>The mode <see cref="ProgressMode.Auto"/> stands for here.</summary>
    public static ProgressMode Resolve(ProgressMode mode) => mode != ProgressMode.Auto ? mode
        : !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? ProgressMode.Live : ProgressMode.Plain;

    /// <inheritdoc />
    public void Report(GenerationProgress value) => _latest = value;

    /// <summary>Runs <paramref name="run"/> (which reports to this renderer) while drawing its progress.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        switch (Resolve(mode))
        {
            case ProgressMode.Live:
                return await AnsiConsole.Live(Render(null)).AutoClear(false).StartAsync(async context =>
                {
                    var task = run();
                    while (!task.IsCompleted)
                    {
                        await Task.WhenAny(task, Task.Delay(LiveRefresh));
                        context.UpdateTarget(Render(_latest));
                    }
                    return await task;
                });
            case ProgressMode.Plain:
                {
                    var task = run();
                    while (!task.IsCompleted)
                    {
                        await Task.WhenAny(task, Task.Delay(interval));
                        if (!task.IsCompleted) Log();
                    }
                    Log(); // the last figures, also when the run stopped with an error or was cancelled
                    return await task;
                }
            default:
                return await run();
        }
    }

    private void Log()
    {
        if (_latest is { } p) Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {ProgressText.Line(p)}");
    }

    private static IRenderable Render(GenerationProgress? p)
    {
        if (p is null) return new Markup("[grey]starting…[/]");
        const int width = 40;
        var filled = (int)Math.Round(width * ProgressText.Percent(p) / 100);
        var rows = new List<IRenderable>
        {
            new Markup($"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {Markup.Escape(ProgressText.Counts(p))}"),
            new Spectre.Console.Text(ProgressText.Rate(p)),
        };
        if (ProgressText.Usage(p) is { } usage) rows.Add(new Spectre.Console.Text(usage));
        if (ProgressText.Errors(p) is { } errors) rows.Add(new Markup($"[yellow]{Markup.Escape(errors)}[/]"));
        return new Panel(new Rows(rows)).Header("parley generate").Border(BoxBorder.Rounded);
    }
}
