using System.Text;

namespace Parley.Serialization;

/// <summary>
/// Writes a file whole or not at all: into a temporary name beside it, flushed to disk, then renamed over the final
/// name, so a run killed mid-write leaves the previous file (or none), never a torn one under the final name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Lets <paramref name="write"/> fill a stream that becomes <paramref name="path"/> once it returns.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = TemporaryOf(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Lets <paramref name="write"/> fill a stream that becomes <paramref name="path"/> once it completes.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var temporary = TemporaryOf(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
                await stream.FlushAsync();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The temporary name <paramref name="path"/> is written under before the rename.</summary>
    public static string TemporaryOf(string path) => path + ".tmp";
}
