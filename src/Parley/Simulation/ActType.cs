using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>The kinds of dialogue act the rule-based roles exchange beside their text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActType>))]
public enum ActType
{
    /// <summary>User: asks for a sub-request (named by its key, as a perfect language-understanding step would read it).</summary>
    Request,
    /// <summary>User: states a fact.</summary>
    Inform,
    /// <summary>User: says yes to a confirmation.</summary>
    Affirm,
    /// <summary>User: asks about the last result.</summary>
    FollowUp,
    /// <summary>User: reacts to a result without a new request.</summary>
    Thank,
    /// <summary>User: does not know the fact asked for.</summary>
    DontKnow,
    /// <summary>User: objects once to a declined request.</summary>
    PushBack,
    /// <summary>User: ends the conversation.</summary>
    Bye,
    /// <summary>Agent: asks the user for a fact.</summary>
    AskInfo,
    /// <summary>Agent: asks which of several records the user means.</summary>
    Clarify,
    /// <summary>Agent: asks the user to confirm a state-changing action.</summary>
    Confirm,
    /// <summary>Agent: all calls of a sub-request are done (emitted once, before any further calls).</summary>
    Completed,
    /// <summary>Agent: tells the user a sub-request's outcome.</summary>
    Report,
    /// <summary>Agent: a tool failed; the fact named may be wrong.</summary>
    ReportError,
    /// <summary>Agent: declines a request the policy does not allow, with the reason and an alternative.</summary>
    Decline,
    /// <summary>Agent: answers a follow-up.</summary>
    Answer,
    /// <summary>Agent: asks whether there is anything else.</summary>
    OfferHelp,
    /// <summary>Agent: closes the conversation.</summary>
    Goodbye,
}
