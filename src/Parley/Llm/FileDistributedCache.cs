using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace Parley.Llm;

/// <summary>
/// An <see cref="IDistributedCache"/> of one file per entry under a folder, so model replies survive between runs (reruns
/// are free and reproducible). Used under M.E.AI's <c>DistributedCachingChatClient</c>, which computes the keys.
/// </summary>
/// <remarks>Thread-safe across threads and processes: entries are written to a temporary file and moved into place.
/// Expiration options are ignored; delete the folder to clear the cache.</remarks>
internal sealed class FileDistributedCache(string directory) : IDistributedCache
{
    /// <summary>The cache folder.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc />
    public byte[]? Get(string key)
    {
        var path = PathOf(key);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var path = PathOf(key);
        try
        {
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, token) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, value, token);
        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public void Refresh(string key)
    {
    }

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    /// <inheritdoc />
    public void Remove(string key) => File.Delete(PathOf(key));

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        // Keys are hashed again so any key is a safe file name; two hex characters of fan-out keep folders small.
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(Directory, name[..2], name + ".json");
    }
}
