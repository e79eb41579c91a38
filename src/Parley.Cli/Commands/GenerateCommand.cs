using System.CommandLine;
using System.Globalization;
using Parley.Cli.Rendering;
using Parley.Design;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley generate</c>: runs a generation (or resumes one) and writes the run folder. <c>parley augment</c> is the
/// same run over existing conversations: its <c>--from</c> names a chats file whose conversations each open a dialogue.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create() => Create(augmenting: false);

    public static Command CreateAugment() => Create(augmenting: true);

    private static Command Create(bool augmenting)
    {
        var count = new Option<int?>("-n", "--count") { Description = "Dialogues to attempt (kept + rejected). Default 50, or every item of a --from file." };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => GenerationOverrides.DefaultOutput };
        var seed = new Option<ulong>("--seed") { Description = "Run seed; same seed, same output.", DefaultValueFactory = _ => 42UL };
        var mode = new Option<string>("--mode") { Description = "user-oriented (default) or task-oriented.", DefaultValueFactory = _ => "user-oriented" }.OneOf(DialogueModes.Names);
        var domains = new Option<string[]>("--domains") { Description = "Built-in domains to use (default: all). Comma or space separated.", AllowMultipleArgumentsPerToken = true };
        var tasks = new Option<string>("--tasks-per-dialogue") { Description = "N, MIN-MAX or N:W,N:W (default 2-4).", DefaultValueFactory = _ => "2-4" };
        var from = new Option<string?>("--from") { Description = augmenting
            ? "The conversations to continue: a JSONL file of tool-free chats (OpenAI messages or ShareGPT conversations), one per line."
            : "Start from a saved artifact: domains list, environment file/folder, tasks.jsonl or states.jsonl." };
        var scale = new Option<double>("--scale") { Description = "Multiply built-in seed row counts.", DefaultValueFactory = _ => 1.0 };
        var envSeed = new Option<ulong>("--env-seed") { Description = "Seed of the environments' rows.", DefaultValueFactory = _ => 0UL };
        var maxTurns = new Option<int>("--max-turns") { Description = "Turn limit per dialogue.", DefaultValueFactory = _ => 200 };
        var pause = new Option<int?>("--pause-after") { Description = "Stop each dialogue after this many turns and save it to states.jsonl." };
        var concurrency = new Option<int>("--concurrency", "--parallelism") { Description = "Dialogues in flight at once (--parallelism is an alias). Never changes the output. Default: the cores, or with models the endpoints' max_concurrency summed.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "Generate only shard i of N (i/N, zero-based, interleaved items); default from PARLEY_SHARD, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID." };
        var resume = new Option<string?>("--resume") { Description = "Continue the interrupted run in this folder with its original options and models (no model flags needed)." };
        var force = new Option<bool>("--force") { Description = "Replace the earlier parley run in --out (never a folder that is not a parley run)." };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto (live on a terminal, log lines otherwise), live, plain or none.", DefaultValueFactory = _ => ProgressMode.Auto };
        var interval = new Option<double>("--progress-interval") { Description = "Seconds between plain progress lines.", DefaultValueFactory = _ => 10 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No live display (plain progress lines) and only the summary line at the end." };
        var config = new Option<string?>("--config") { Description = "A parley.yaml naming the endpoints and the model of each role (see `parley init`)." };
        var llm = new Option<string?>("--llm") { Description = "Base URL of an OpenAI-compatible endpoint (vLLM, llama.cpp, OpenRouter, ...), instead of --config." };
        var model = new Option<string?>("--model") { Description = "Model name at --llm." };
        var llmRoles = new Option<string?>("--llm-roles") { Description = "Roles the --llm model plays: user,agent,planner,judge,designer or all (default all); the others stay rule-based. tools (results invented by the model instead of SQL) only by name." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Environment variable holding the --llm key (default OPENAI_API_KEY; optional for local servers)." };
        var secrets = new Option<string?>("--secrets") { Description = "A file of NAME: key lines, read before environment variables." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache model replies in this folder (reruns are free and reproducible)." };
        var fromDb = new Option<string?>("--from-db") { Description = "Design tools over an existing database (.sqlite/.db, or a .sql DDL file) instead of inventing one (needs a designer model)." };
        var rowsPerTable = new Option<int>("--rows-per-table") { Description = "Rows kept per table of --from-db.", DefaultValueFactory = _ => Parley.Design.ExistingDatabase.DefaultMaxRowsPerTable };
        var seedTools = new Option<string?>("--seed-tools") { Description = "An OpenAI function-list JSON file the designer reproduces with SQL and extends." };
        var fromMcp = new Option<string?>("--from-mcp") { Description = "Generate over an MCP server's tools: a stdio command line (NAME=value words set its environment, {scratch} is a fresh folder per dialogue) or an http(s) URL." };
        var designDomains = new Option<int>("--design-domains") { Description = "Brainstorm this many new domains (seeded by --domains) and design each (needs a designer model)." };
        var singleCalls = new Option<bool>("--no-parallel-calls") { Description = "One tool call per assistant message (for chat templates that refuse parallel calls, e.g. Llama 3.1)." };
        var llmConcurrency = new Option<int>("--llm-concurrency") { Description = "Ceiling of the adaptive request concurrency at --llm.", DefaultValueFactory = _ => 8 };

        var command = new Command(augmenting ? "augment" : "generate", augmenting
            ? "Continue existing conversations: each chat's turns are kept verbatim, then the user brings up a tool-use need in the environment its words match (--domains or --from-db choose the candidates)."
            : "Generate dialogues: rule-based roles offline by default, or models for any role (--config, --llm).")
        {
            count, output, seed, mode, domains, tasks, from, scale, envSeed, maxTurns, pause, concurrency, shard, resume, force, progress, interval, quiet,
            config, llm, model, llmRoles, apiKeyEnv, secrets, cacheDir, llmConcurrency, fromDb, rowsPerTable, seedTools, designDomains, fromMcp, singleCalls,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stored = parse.GetValue(resume) is { } folder ? GenerationOptions.StoredIn(folder) : null;
            var llmConfig = new LlmFlags
            {
                Config = parse.GetValue(config),
                BaseUrl = parse.GetValue(llm),
                Model = parse.GetValue(model),
                Roles = parse.GetValue(llmRoles),
                ApiKeyEnv = parse.GetValue(apiKeyEnv),
                Secrets = parse.GetValue(secrets),
                CacheDirectory = parse.GetValue(cacheDir),
                MaxConcurrency = parse.GetValue(llmConcurrency),
            }.ToConfig(stored?.StoredModels);
            using var models = LlmSetup.Create(llmConfig);
            if (!models.IsRuleBased && !parse.GetValue(quiet))
            {
                foreach (var line in models.Describe()) AnsiConsole.MarkupLineInterpolated($"  {line}");
            }
            var options = new GenerationOverrides
            {
                Output = Given(parse, output),
                Count = parse.GetValue(count),
                Seed = Given(parse, seed),
                Mode = Given(parse, mode),
                Domains = ListValues.Of(parse, domains),
                TasksPerDialogue = Given(parse, tasks),
                From = augmenting ? null : parse.GetValue(from),
                Augment = augmenting ? parse.GetValue(from) : null,
                Scale = Given(parse, scale),
                EnvironmentSeed = Given(parse, envSeed),
                MaxTurns = Given(parse, maxTurns),
                PauseAfter = parse.GetValue(pause),
                Concurrency = Given(parse, concurrency),
                Shard = parse.GetValue(shard),
                FromDatabase = parse.GetValue(fromDb),
                MaxRowsPerTable = Given(parse, rowsPerTable),
                SeedTools = parse.GetValue(seedTools),
                DesignDomains = Given(parse, designDomains),
                Force = parse.GetValue(force),
                FromMcp = parse.GetValue(fromMcp),
                ParallelToolCalls = parse.GetValue(singleCalls) ? false : null,
            }.Resolve(stored, models, llmConfig, Environment.GetEnvironmentVariable);
            if (augmenting && options.Augment is null) throw ParleyException.InvalidOption("--from", "name the chats file to augment (a JSONL of OpenAI messages or ShareGPT conversations)");
            var quietly = parse.GetValue(quiet);
            var shown = parse.GetValue(progress);
            if (quietly && shown == ProgressMode.Auto) shown = ProgressMode.Plain;
            var renderer = new ProgressRenderer(shown, TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(interval))));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var manifest = await renderer.RunAsync(() => RoleAssembly.Create(models).RunAsync(options, renderer, ct));
            var seconds = started.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? manifest.Attempted / seconds : 0;
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[green]{manifest.Kept}[/] kept, [yellow]{manifest.Rejected}[/] rejected{(manifest.Paused > 0 ? $", {manifest.Paused} paused" : "")} of {manifest.Attempted} in {seconds:0.00}s ({rate:0} dialogues/s) → {options.Output}");
            if (!quietly)
            {
                foreach (var (check, n) in manifest.RejectionsByCheck) AnsiConsole.MarkupLineInterpolated($"  rejected by {check}: {n}");
                foreach (var (domain, reason) in manifest.RejectedDomains ?? new Dictionary<string, string>()) AnsiConsole.MarkupLineInterpolated($"  domain {domain} not designed: {reason}");
                if (!models.IsRuleBased && models.Usage.Total is { Requests: > 0 } usage)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"  model calls: {usage.Requests}, tokens in {usage.InputTokens} (cached {usage.CachedInputTokens}) out {usage.OutputTokens}, ${usage.Cost:0.####}");
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"  tokens: {usage.SpentTokens():N0} spent, {(usage.FromCache is { } hit ? hit.InputTokens + hit.OutputTokens : 0):N0} from cache");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // A value given on the command line, or null so the default (or a resumed run's own value) applies.
    private static T? Given<T>(ParseResult parse, Option<T> option) where T : struct =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private static string? Given(ParseResult parse, Option<string> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;
}
