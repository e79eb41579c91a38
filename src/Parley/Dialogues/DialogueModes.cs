namespace Parley.Dialogues;

/// <summary>The one text form of a <see cref="DialogueMode"/>, as on the command line, in files and in reports.</summary>
public static class DialogueModes
{
    /// <summary>Every mode's name, in declaration order: <c>user-oriented</c>, <c>task-oriented</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<DialogueMode>().Select(Name)];

    /// <summary>The mode's name, e.g. <c>user-oriented</c> (the same as its JSON form).</summary>
    public static string Name(this DialogueMode mode) => mode switch
    {
        DialogueMode.TaskOriented => "task-oriented",
        _ => "user-oriented",
    };

    /// <summary>The mode named <paramref name="name"/>, or null when no mode has that name.</summary>
    public static DialogueMode? Parse(string? name) =>
        Enum.GetValues<DialogueMode>().Select(m => (DialogueMode?)m).FirstOrDefault(m => m!.Value.Name() == name);
}
