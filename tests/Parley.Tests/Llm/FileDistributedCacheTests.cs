using Microsoft.Extensions.Caching.Distributed;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class FileDistributedCacheTests
{
    [Fact]
    public async Task ReturnsWhatWasStored_AcrossInstances()
    {
        using var temp = new TempDirectory();
        await new FileDistributedCache(temp.Path).SetAsync("key/with:odd*chars", [1, 2, 3], new DistributedCacheEntryOptions(), TestContext.Current.CancellationToken);

        var cache = new FileDistributedCache(temp.Path);

        (await cache.GetAsync("key/with:odd*chars", TestContext.Current.CancellationToken)).Should().Equal(1, 2, 3);
        cache.Get("other").Should().BeNull();
        cache.Remove("key/with:odd*chars");
        cache.Get("key/with:odd*chars").Should().BeNull();
    }
}
