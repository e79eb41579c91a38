namespace Parley.Cli.Rendering;

/// <summary>How <c>parley generate</c> shows progress (<c>--progress</c>).</summary>
internal enum ProgressMode
{
    /// <summary>Live on a terminal, plain log lines otherwise (CI, Kubernetes, a pipe).</summary>
    Auto,

    /// <summary>A live display that redraws in place.</summary>
    Live,

    /// <summary>A log line every interval.</summary>
    Plain,

    /// <summary>Only the summary at the end.</summary>
    None,
}
