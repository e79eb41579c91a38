using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// Renders chat-format JSONL files through the real chat templates in <c>tests/templates/chat</c> with
/// <c>@huggingface/jinja</c> under node (<c>tests/templates/render.mjs</c>), returning its report per template.
/// </summary>
public static class ChatTemplates
{
    /// <summary>The templates the renderer uses, by the name its report gives them.</summary>
    public static readonly IReadOnlyList<string> Names = ["qwen2.5", "qwen3", "llama3.1", "mistral-nemo", "deepseek-v3.1"];

    /// <summary>Llama 3.1's template, which takes one tool call per assistant message.</summary>
    public const string Llama = "llama3.1";

    /// <summary>Why rendering cannot run on this machine (no node, or <c>npm ci</c> not run); null when it can.</summary>
    public static string? Unavailable
    {
        get
        {
            if (Folder is not { } folder) return "tests/templates/render.mjs not found above the test assembly";
            if (Node is null) return "node is not on PATH (install Node.js 18+ to render exports through chat templates)";
            return Directory.Exists(Path.Combine(folder, "node_modules", "@huggingface", "jinja"))
                ? null
                : $"@huggingface/jinja is not installed: run `npm ci` in {folder} (.ci/run does)";
        }
    }

    /// <summary>
    /// Renders every sample of <paramref name="files"/> through <paramref name="templates"/> (default every one of
    /// <see cref="Names"/>); the report's <c>templates</c> maps a name to its counts.
    /// </summary>
    public static async Task<JsonObject> RenderAsync(IEnumerable<string> files, CancellationToken cancellationToken, IEnumerable<string>? templates = null)
    {
        var start = new ProcessStartInfo(Node!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder! };
        start.ArgumentList.Add(Path.Combine(Folder!, "render.mjs"));
        if (templates is not null)
        {
            start.ArgumentList.Add("--templates");
            start.ArgumentList.Add(string.Join(",", templates));
        }
        foreach (var file in files) start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        process.ExitCode.Should().Be(0, await error);
        return JsonNode.Parse(await output)!.AsObject();
    }

    private static string? Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "templates");
                if (File.Exists(Path.Combine(candidate, "render.mjs"))) return candidate;
            }
            return null;
        }
    }

    private static string? Node =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node")).FirstOrDefault(File.Exists);
}
