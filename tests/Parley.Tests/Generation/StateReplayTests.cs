using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;
using Parley.Simulation;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Generation;

public sealed class StateReplayTests(BuiltEnvironments environments) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(GenerationState State, ToolMessage Write)> StateWithAWrite()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("run"), Count = 8, Domains = ["retail"], Seed = 11, PauseAfter = 45 }, Ct);
        var tools = environments.Retail.Tools;
        foreach (var state in run.States)
        {
            var write = state.Messages.OfType<ToolMessage>().FirstOrDefault(m =>
                tools.TryGet(m.Name, out var t) && t.Access == ToolAccess.Write && !m.Content!.StartsWith("{\"error\"", StringComparison.Ordinal));
            if (write is not null) return (state, write);
        }
        throw new InvalidOperationException("no paused dialogue made a change yet");
    }

    private static GenerationState Replace(GenerationState state, ToolMessage message, string content) =>
        state with { Messages = [.. state.Messages.Select(m => ReferenceEquals(m, message) ? message with { Content = content } : m)] };

    [Fact]
    public async Task RebuildsTheChangedDatabase_WhenRecordedResultsReplay()
    {
        var (state, _) = await StateWithAWrite();
        var env = environments.Retail;
        using var session = DialogueSession.Open(env);
        var pristine = env.Hasher.Hash(session.Database);

        await StateReplay.ReplayAsync(session, state, Ct);

        env.Hasher.Hash(session.Database).Should().NotBe(pristine);
    }

    [Fact]
    public async Task Throws_WhenARecordedWriteResultDiffers()
    {
        var (state, write) = await StateWithAWrite();
        using var session = DialogueSession.Open(environments.Retail);

        var replay = () => StateReplay.ReplayAsync(session, Replace(state, write, "{\"status\":\"ok\"}"), Ct).AsTask();

        (await replay.Should().ThrowAsync<ParleyException>()).Which.Message.Should()
            .StartWith(state.DialogueId).And.Contain($"replaying call {write.ToolCallId} ({write.Name}) on environment 'retail'");
    }

    [Fact]
    public async Task IgnoresReadResults_WhenReplaying()
    {
        var (state, _) = await StateWithAWrite();
        var read = state.Messages.OfType<ToolMessage>().First(m => environments.Retail.Tools.TryGet(m.Name, out var t) && t.Access == ToolAccess.Read);
        using var session = DialogueSession.Open(environments.Retail);

        var replay = () => StateReplay.ReplayAsync(session, Replace(state, read, "[]"), Ct).AsTask();

        await replay.Should().NotThrowAsync("only writes change the database, so only writes are replayed and checked");
    }

    [Fact]
    public async Task Throws_WhenStateBelongsToAnotherEnvironment()
    {
        var (state, _) = await StateWithAWrite();
        using var other = EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get("retail"), 3);
        using var session = DialogueSession.Open(other);

        var replay = () => StateReplay.ReplayAsync(session, state, Ct).AsTask();

        await replay.Should().ThrowAsync<ParleyException>().WithMessage("*the state does not belong to this environment*");
    }
}
