namespace RightHand.Formats.Mime;

/// <summary>
/// Message identifiers (RFC 5322 section 3.6.4) without their angle brackets: "&lt;abc@example.org&gt;" becomes
/// "abc@example.org", the form the support desk stores and compares.
/// </summary>
internal static class MessageIds
{
    public static string? First(string? raw) => All(raw).FirstOrDefault();

    /// <summary>Every "&lt;...&gt;" in order; a value without brackets counts as blank-separated identifiers (old mailers).</summary>
    public static List<string> All(string? raw)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(raw)) return ids;
        var i = 0;
        while (i < raw.Length && raw.IndexOf('<', i) is var open and >= 0)
        {
            var close = raw.IndexOf('>', open + 1);
            if (close < 0) break;
            var id = Clean(raw[(open + 1)..close]);
            if (id.Length > 0) ids.Add(id);
            i = close + 1;
        }
        if (ids.Count == 0 && raw.IndexOf('<', StringComparison.Ordinal) < 0)
            ids.AddRange(raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Clean).Where(id => id.Contains('@', StringComparison.Ordinal)));
        return ids;
    }

    private static string Clean(string id) => string.Concat(id.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));
}
