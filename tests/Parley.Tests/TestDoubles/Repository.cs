namespace Parley.Tests.TestDoubles;

/// <summary>The repository the tests were built in, found from the test assembly upwards by its Parley.sln.</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path under the root, e.g. <c>Repository.Path("src", "Parley")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Parley.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (Parley.sln) was not found above " + AppContext.BaseDirectory);
    }
}
