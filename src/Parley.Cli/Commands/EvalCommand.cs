using System.CommandLine;
using System.Globalization;
using Parley.Cli.Rendering;
using Parley.Dialogues;
using Parley.Evaluation;
using Parley.Generation;
using Parley.Llm;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley eval</c>: measures an agent on held-out tasks, each run k times, and reports pass^k.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Tasks to evaluate: a run, evaluation or imported folder (its tasks.jsonl), a tasks.jsonl, or environments to plan tasks in." };
        var domains = new Option<string[]>("--domains") { Description = "Built-in domains to plan tasks in (default: all). Comma or space separated.", AllowMultipleArgumentsPerToken = true };
        var count = new Option<int?>("-n", "--count") { Description = "Tasks: the first N of --from, or N planned (default: all of --from, else 50)." };
        var trials = new Option<int>("--trials", "-k") { Description = "Trials per task; pass^k is reported for every k up to it.", DefaultValueFactory = _ => 1 };
        var agent = new Option<string>("--agent") { Description = "The agent under test: oracle (the ceiling), read-only (a weak baseline that never writes) or llm (a model: --llm/--model or --config).", DefaultValueFactory = _ => "oracle" }
            .OneOf(["oracle", "read-only", "weak", "llm"]);
        var user = new Option<string>("--user") { Description = "The user simulator: agenda (rule-based, default) or llm.", DefaultValueFactory = _ => "agenda" }.OneOf(["agenda", "llm"]);
        var success = new Option<string?>("--success") { Description = "What a trial must pass: end-state (always), plus grounding (every value the agent states was given earlier) and judge (the LLM judge finds no critical issue). Comma separated." };
        var agentTools = new Option<string>("--agent-tools") { Description = "How the agent reaches its tools: direct, or mcp (only through an MCP server of each trial's own: the agent sees the tools it lists, every call is an MCP tools/call).", DefaultValueFactory = _ => "direct" }
            .OneOf(["direct", "mcp"]);
        var judge = new Option<bool>("--judge") { Description = "Use the --llm model as the judge too: it attributes the failures no rule explains (and scores trials with --success judge)." };
        var output = new Option<string>("--out", "-o") { Description = "Evaluation folder.", DefaultValueFactory = _ => EvaluationOverrides.DefaultOutput };
        var seed = new Option<ulong>("--seed") { Description = "Evaluation seed (planned tasks and trials).", DefaultValueFactory = _ => 42UL };
        var envSeed = new Option<ulong>("--env-seed") { Description = "Seed of the environments' rows.", DefaultValueFactory = _ => 0UL };
        var tasks = new Option<string>("--tasks-per-dialogue") { Description = "Tasks per planned evaluation task: N, MIN-MAX or N:W,N:W (default 2-4).", DefaultValueFactory = _ => "2-4" };
        var maxTurns = new Option<int>("--max-turns") { Description = "Turn limit per trial.", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("--concurrency") { Description = "Trials in flight at once. Never changes the output.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<string?>("--resume") { Description = "Continue the interrupted evaluation in this folder with its original options." };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto, live, plain or none.", DefaultValueFactory = _ => ProgressMode.Auto };
        var interval = new Option<double>("--progress-interval") { Description = "Seconds between plain progress lines.", DefaultValueFactory = _ => 10 };
        var config = new Option<string?>("--config") { Description = "A parley.yaml naming the endpoints and the model of each role." };
        var llm = new Option<string?>("--llm") { Description = "Base URL of an OpenAI-compatible endpoint for the agent (and the user with --user llm)." };
        var model = new Option<string?>("--model") { Description = "Model name at --llm." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Environment variable holding the --llm key (default OPENAI_API_KEY)." };
        var secrets = new Option<string?>("--secrets") { Description = "A file of NAME: key lines, read before environment variables." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache model replies in this folder." };
        var llmConcurrency = new Option<int>("--llm-concurrency") { Description = "Ceiling of the adaptive request concurrency at --llm.", DefaultValueFactory = _ => 8 };

        var command = new Command("eval", "Evaluate an agent on held-out tasks: k trials per task, pass^k with bootstrap intervals, failures attributed.")
        {
            from, domains, count, trials, agent, user, success, agentTools, judge, output, seed, envSeed, tasks, maxTurns, concurrency, resume, progress, interval,
            config, llm, model, apiKeyEnv, secrets, cacheDir, llmConcurrency,
        };
        command.SetAction(async (parse, ct) =>
        {
            var userIsModel = parse.GetValue(user) == "llm";
            var agentKind = EvaluationOptions.ParseAgent(parse.GetValue(agent)!)!.Value;
            var roles = new List<string>();
            if (agentKind == AgentUnderTest.Llm) roles.Add("agent");
            if (userIsModel) roles.Add("user");
            if (parse.GetValue(judge)) roles.Add("judge");
            var llmConfig = new LlmFlags
            {
                Config = parse.GetValue(config),
                BaseUrl = parse.GetValue(llm),
                Model = parse.GetValue(model),
                Roles = parse.GetValue(llm) is null ? null : roles.Count > 0 ? string.Join(",", roles) : throw ParleyException.InvalidOption("--llm", "needs --agent llm, --user llm or --judge"),
                ApiKeyEnv = parse.GetValue(apiKeyEnv),
                Secrets = parse.GetValue(secrets),
                CacheDirectory = parse.GetValue(cacheDir),
                MaxConcurrency = parse.GetValue(llmConcurrency),
            }.ToConfig();
            using var models = LlmSetup.Create(llmConfig);
            if (userIsModel && models.UserSimulator is null) throw ParleyException.InvalidOption("--user", "llm needs a model for the user (--llm URL --model NAME, or roles.user_simulator in --config)");
            var stored = parse.GetValue(resume) is { } folder ? EvaluationOptions.StoredIn(folder) : null;
            var options = new EvaluationOverrides
            {
                Output = Given(parse, output),
                From = parse.GetValue(from),
                Domains = ListValues.Of(parse, domains),
                Count = parse.GetValue(count),
                Trials = Given(parse, trials),
                Agent = Given(parse, agent),
                Seed = Given(parse, seed),
                EnvironmentSeed = Given(parse, envSeed),
                TasksPerDialogue = Given(parse, tasks),
                MaxTurns = Given(parse, maxTurns),
                Success = parse.GetValue(success),
                AgentTools = Given(parse, agentTools),
                Concurrency = Given(parse, concurrency),
            }.Resolve(stored, models);
            var renderer = new ProgressRenderer(parse.GetValue(progress), TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(interval))));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var results = await renderer.RunAsync(() => new Evaluator().RunAsync(options, renderer, ct));
            var seconds = started.Elapsed.TotalSeconds;
            var runs = results.Tasks * results.Trials;
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"agent [bold]{results.Agent}[/], user {results.User}: {results.Tasks} tasks × {results.Trials} trials, {results.TrialsPassed} of {runs} passed in {seconds:0.00}s ({(seconds > 0 ? runs / seconds : 0):0.#} trials/s) → {options.Output}");
            foreach (var (k, value) in results.PassHatK)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  pass^{k} = {value.Value:0.000}  [[{value.Ci95[0]:0.000}, {value.Ci95[1]:0.000}]]");
            }
            foreach (var (kind, n) in results.Failures) AnsiConsole.MarkupLineInterpolated($"  failed trials, {kind}: {n}");
            return ExitCodes.Ok;
        });
        return command;
    }

    // A value given on the command line, or null so the default (or a resumed evaluation's own value) applies.
    private static T? Given<T>(ParseResult parse, Option<T> option) where T : struct =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private static string? Given(ParseResult parse, Option<string> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;
}
