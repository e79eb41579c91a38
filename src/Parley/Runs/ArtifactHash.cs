using System.Security.Cryptography;
using System.Text;

namespace Parley.Runs;

/// <summary>
/// The SHA-256 of a <c>--from</c> artifact's content, stored with a run's options so a resumed run can tell that its
/// input changed since the run started (a resumed run that silently read a different input would mix two datasets).
/// </summary>
internal static class ArtifactHash
{
    /// <summary>
    /// Lowercase hex: for a file, the SHA-256 of its bytes; for a folder, the SHA-256 of a <c>sha256sum</c>-style listing
    /// (<c>&lt;hash&gt;  &lt;relative path&gt;</c> per line, '/' separated, ordinal order) of the files the loader reads
    /// from it, so renaming, adding or removing a file counts as a change too.
    /// </summary>
    public static string Of(string path)
    {
        if (!Directory.Exists(path)) return OfFile(path);
        var listing = new StringBuilder();
        foreach (var file in ArtifactLoader.FilesOf(path))
        {
            listing.Append(OfFile(file)).Append("  ").Append(Path.GetRelativePath(path, file).Replace('\\', '/')).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    private static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
