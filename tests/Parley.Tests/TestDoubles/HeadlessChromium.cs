using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// The system's Chromium, headless, driven over the Chrome DevTools Protocol with a plain <see cref="ClientWebSocket"/>:
/// no driver package and no browser download. One page (tab) per instance; console errors and uncaught exceptions are
/// collected in <see cref="Errors"/>.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private string _session = "";
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile) => (_process, _profile) = (process, profile);

    /// <summary>The Chromium executable (<c>PARLEY_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c> and the usual names); null when none is installed.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable("PARLEY_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Why a browser test cannot run here, and how to make it run.</summary>
    public static string MissingReason =>
        "Chromium is not installed (looked for PARLEY_CHROMIUM, " + string.Join(", ", Candidates) + "). Install it with `apt-get install -y chromium`; .ci/run does this in CI.";

    /// <summary>Console errors, uncaught exceptions and error log entries seen so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Starts Chromium and opens a blank page; fails with how to install it when Chromium is missing.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1000, CancellationToken cancellationToken = default)
    {
        var executable = Executable ?? throw new InvalidOperationException(MissingReason);
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", $"--user-data-dir={profile.Path}", "about:blank" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(cancellationToken);
            var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, session: null, cancellationToken);
            var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = (string)target["targetId"]!, ["flatten"] = true }, session: null, cancellationToken);
            browser._session = (string)attached["sessionId"]!;
            foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Log.enable" }) await browser.SendAsync(domain, cancellationToken: cancellationToken);
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, cancellationToken: cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(string url, CancellationToken cancellationToken = default)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken: cancellationToken);
        var deadline = DateTime.UtcNow + Timeout;
        while (await EvaluateAsync<string>("document.readyState", cancellationToken) != "complete")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not finish loading");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its JSON value; a thrown exception fails the call.</summary>
    public async Task<T> EvaluateAsync<T>(string expression, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancellationToken: cancellationToken);
        if (reply["exceptionDetails"] is { } exception) throw new InvalidOperationException($"{expression} threw: {exception.ToJsonString()}");
        var value = reply["result"]?["value"];
        return value is null ? default! : value.Deserialize<T>()!;
    }

    /// <summary>A PNG of the whole page, beyond the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken = default)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics", cancellationToken: cancellationToken);
        var size = metrics["cssContentSize"]!;
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = (double)size["width"]!, ["height"] = (double)size["height"]!, ["scale"] = 1 },
        }, cancellationToken: cancellationToken);
        return Convert.FromBase64String((string)shot["data"]!);
    }

    /// <summary>Sends a DevTools command to the page (or, with <paramref name="session"/> null, to the browser) and returns its result.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, string? session = "", CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        var target = session == "" ? _session : session;
        if (target is not null) message["sessionId"] = target;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var answer = await reply.Task.WaitAsync(Timeout, cancellationToken);
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return answer["result"]?.AsObject() ?? [];
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Chromium writes the port it picked and the browser's websocket path to DevToolsActivePort once it listens.
        var file = _profile.Combine("DevToolsActivePort");
        var deadline = DateTime.UtcNow + Timeout;
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before listening");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Chromium did not open its DevTools port");
            await Task.Delay(50, cancellationToken);
            try
            {
                lines = File.Exists(file) ? await File.ReadAllLinesAsync(file, cancellationToken) : [];
            }
            catch (IOException)
            {
                // Still being written.
            }
        }
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), cancellationToken);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove((int)id, out var reply)) reply.TrySetResult(json);
                else Observe(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }
        foreach (var reply in _pending.Values) reply.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    private void Observe(JsonObject message)
    {
        var p = message["params"] as JsonObject ?? [];
        var method = message["method"]?.GetValue<string>();
        var details = p["exceptionDetails"] as JsonObject;
        var entry = p["entry"] as JsonObject;
        if (method == "Runtime.exceptionThrown") _errors.Enqueue($"exception: {details?["exception"]?["description"] ?? details?["text"]}");
        if (method == "Runtime.consoleAPICalled" && p["type"]?.GetValue<string>() is "error" or "assert") _errors.Enqueue($"console.error: {p["args"]?.ToJsonString()}");
        if (method == "Log.entryAdded" && entry?["level"]?.GetValue<string>() == "error") _errors.Enqueue($"log: {entry["text"]}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Chromium may already be gone.
        }
        if (_receiving is not null) await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _process.Dispose();
        _stop.Dispose();
        _profile.Dispose();
    }
}
