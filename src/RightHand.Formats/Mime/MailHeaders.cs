namespace RightHand.Formats.Mime;

/// <summary>One header field: its name as written and its value unfolded, with RFC 2047 encoded words decoded.</summary>
public sealed record MailHeader(string Name, string Value);

/// <summary>
/// The header fields of a message (or part) in their order, looked up by name without regard to case. Values are
/// unfolded, trimmed and decoded (RFC 2047 words; raw 8-bit bytes as UTF-8 if valid, else Windows-1252); line breaks,
/// NUL and other control characters became spaces, so a value can be copied into a new header without injecting one.
/// </summary>
public sealed class MailHeaders : IReadOnlyList<MailHeader>
{
    private readonly List<MailHeader> _headers;
    // The undecoded values, for the structured fields (addresses, parameters) that must be parsed before decoding.
    private readonly List<string> _raw;

    internal MailHeaders(List<HeaderField> fields, ProblemList problems)
    {
        _headers = new List<MailHeader>(fields.Count);
        _raw = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            _headers.Add(new MailHeader(field.Name, HeaderText.Clean(EncodedWords.Decode(field.Raw, problems))));
            _raw.Add(field.Raw);
        }
    }

    public int Count => _headers.Count;

    public MailHeader this[int index] => _headers[index];

    /// <summary>The first value of the field, or null when the message has none.</summary>
    public string? this[string name] => IndexOf(name) is var i and >= 0 ? _headers[i].Value : null;

    /// <summary>Every value of the field in message order (Received, Comments, ... occur more than once).</summary>
    public IReadOnlyList<string> GetAll(string name) =>
        [.. _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    public bool Contains(string name) => IndexOf(name) >= 0;

    internal string? Raw(string name) => IndexOf(name) is var i and >= 0 ? _raw[i] : null;

    public IEnumerator<MailHeader> GetEnumerator() => _headers.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < _headers.Count; i++)
        {
            if (string.Equals(_headers[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
