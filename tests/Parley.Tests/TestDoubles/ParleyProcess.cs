using Parley.Cli;

namespace Parley.Tests.TestDoubles;

/// <summary>The command line that runs this build's <c>parley</c> as a child process.</summary>
public static class ParleyProcess
{
    /// <summary>
    /// <c>dotnet exec</c> of the CLI with the test assembly's runtime config and deps: the test project references the
    /// ASP.NET Core framework, so its build leaves out packages that framework supplies.
    /// </summary>
    public static IReadOnlyList<string> Host()
    {
        var tests = Path.ChangeExtension(typeof(ParleyProcess).Assembly.Location, null);
        return ["dotnet", "exec", "--runtimeconfig", tests + ".runtimeconfig.json", "--depsfile", tests + ".deps.json", typeof(CliApp).Assembly.Location];
    }

    /// <summary>One shell-quoted command line running <c>parley</c> with <paramref name="args"/>.</summary>
    public static string CommandLine(params string[] args) => string.Join(" ", Host().Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
}
