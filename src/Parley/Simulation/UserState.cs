using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>The user simulator's agenda position, serialisable so a paused dialogue resumes exactly.</summary>
public sealed record UserState
{
    /// <summary>The task being worked on.</summary>
    public int Task { get; init; }

    /// <summary>The sub-request of that task last stated; -1 before the first.</summary>
    public int Request { get; init; } = -1;

    /// <summary>Sub-requests reported done.</summary>
    public IReadOnlyList<RequestKey> Done { get; init; } = [];

    /// <summary>Facts already stated, with the value given.</summary>
    public IReadOnlyDictionary<string, string> Stated { get; init; } = new Dictionary<string, string>();

    /// <summary>Facts whose decoy was already used.</summary>
    public IReadOnlyList<string> DecoysUsed { get; init; } = [];

    /// <summary>A fact given with a wrong value that still needs correcting.</summary>
    public string? Uncorrected { get; init; }

    /// <summary>Follow-ups asked about the current sub-request.</summary>
    public int FollowUps { get; init; }

    /// <summary>True once the user gave a non-committal reply to a confirmation of the current request.</summary>
    public bool Hesitated { get; init; }

    /// <summary>True once the user objected to a declined request (they do so at most once per request).</summary>
    public bool PushedBack { get; init; }

    /// <summary>True once the user said goodbye.</summary>
    public bool Ended { get; init; }

    /// <summary>The generator state.</summary>
    public ulong Rng { get; init; }
}
