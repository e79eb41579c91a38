using System.Text;
using System.Text.Json;
using Json.Schema;
using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>
/// Rejects unknown tools and arguments that are not JSON, repeat a key, hold invalid Unicode, set a value the environment
/// binds itself (<c>today</c>) or break the tool's schema, before anything runs.
/// </summary>
internal sealed class ArgumentValidatingToolExecutor(IToolExecutor inner, ToolCatalog catalog) : DelegatingToolExecutor(inner)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    /// <inheritdoc />
    public override ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        var problem = Check(catalog, invocation);
        return problem is null ? Inner.ExecuteAsync(invocation, cancellationToken) : ValueTask.FromResult(problem);
    }

    /// <summary>Returns the error result for an invalid call, or null when the call may run.</summary>
    /// <remarks>Results are memoised per catalog: the planner, the dialogue and verification check the same calls.</remarks>
    public static ToolResult? Check(ToolCatalog catalog, ToolInvocation invocation) =>
        catalog.Validated(invocation.Name, invocation.Arguments, static (c, name, arguments) => Evaluate(c, new ToolInvocation("", name, arguments)));

    private static ToolResult? Evaluate(ToolCatalog catalog, ToolInvocation invocation)
    {
        if (!catalog.TryGet(invocation.Name, out _))
        {
            return ToolResult.Failure(ToolErrorKind.UnknownTool, $"There is no tool named '{invocation.Name}'.");
        }
        if (ToolArguments.Parse(invocation.Arguments, out var problem) is not { } document)
        {
            return ToolResult.Failure(ToolErrorKind.InvalidArguments, problem!);
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(SqlToolExecutor.Today, out _))
            {
                return ToolResult.Failure(ToolErrorKind.InvalidArguments, $"'{SqlToolExecutor.Today}' is set by the environment and cannot be passed as an argument.");
            }
            var results = catalog.SchemaOf(invocation.Name).Evaluate(document.RootElement, Options);
            return results.IsValid ? null : ToolResult.Failure(ToolErrorKind.InvalidArguments, Describe(results));
        }
    }

    private static string Describe(EvaluationResults results)
    {
        var text = new StringBuilder("The arguments do not match the tool's schema:");
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            if (detail.Errors is null) continue;
            foreach (var (_, message) in detail.Errors)
            {
                var at = detail.InstanceLocation.ToString();
                text.Append(' ').Append(at is "" or "/" ? "" : $"{at}: ").Append(message).Append(';');
            }
        }
        return text.ToString().TrimEnd(';');
    }
}
