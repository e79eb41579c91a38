using System.Reflection;

namespace Parley;

/// <summary>Which Parley this is: recorded in run folders, reports, dataset cards and MCP handshakes.</summary>
internal static class ParleyInfo
{
    /// <summary>Parley's version (the assembly's informational version without the commit hash).</summary>
    public static string Version { get; } =
        typeof(ParleyInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
