namespace Parley.Llm;

/// <summary>Removes API keys from text before it reaches an exception message, a log or metadata.</summary>
internal sealed class SecretRedactor
{
    private readonly string[] _secrets;

    /// <summary>A redactor for <paramref name="secrets"/>; empty and very short values are ignored.</summary>
    public SecretRedactor(IEnumerable<string?> secrets) =>
        _secrets = [.. secrets.OfType<string>().Where(s => s.Length >= 8).Distinct().OrderByDescending(s => s.Length)];

    /// <summary>A redactor that knows no secrets.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary><paramref name="text"/> with every secret, and every 8-character prefix of one (providers echo masked keys), replaced.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
            text = text.Replace(secret[..8], "[redacted]", StringComparison.Ordinal);
        }
        return text;
    }
}
