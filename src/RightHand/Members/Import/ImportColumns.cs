using System.Text.Json;
using RightHand.Formats.Csv;

namespace RightHand.Members.Import;

/// <summary>
/// Where a file's columns go. A target is a field key of <see cref="MemberColumns"/>, "custom:" plus the name of a
/// custom field, or "ignore". The saved form (per source, and the command line's mapping file) is a JSON object
/// from header name to target: {"Vorname": "first_name", "Shirt size": "custom:Shirt size", "Kundennr": "ignore"}.
/// </summary>
internal static class ImportColumns
{
    public const string Ignore = "ignore";
    public const string CustomPrefix = "custom:";

    /// <summary>
    /// One target per column: from the saved mapping of the source where it names the header, otherwise guessed
    /// from the header in German or English, otherwise ignored.
    /// </summary>
    public static string[] Propose(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? saved, IReadOnlyCollection<string> customFields)
    {
        var guesses = MemberColumns.Guess(header);
        var targets = new string[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            if (saved is not null && saved.TryGetValue(header[i], out var known) && IsKnown(known, customFields)) targets[i] = known;
            else if (guesses[i] is { } guess) targets[i] = guess;
            else if (customFields.FirstOrDefault(f => string.Equals(f, header[i], StringComparison.OrdinalIgnoreCase)) is { } custom) targets[i] = CustomPrefix + custom;
            else targets[i] = Ignore;
        }
        // A field is filled from one column only: a saved mapping may name a field a guess already took.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Length; i++)
            if (targets[i] != Ignore && !taken.Add(targets[i])) targets[i] = Ignore;
        return targets;
    }

    public static bool IsKnown(string target, IReadOnlyCollection<string> customFields) =>
        target == Ignore || MemberColumns.All.Contains(target, StringComparer.Ordinal)
        || (target.StartsWith(CustomPrefix, StringComparison.Ordinal) && customFields.Contains(target[CustomPrefix.Length..], StringComparer.Ordinal));

    /// <summary>Problems with a set of targets: unknown ones, and a field chosen for two columns. Empty when usable.</summary>
    public static List<string> Problems(IReadOnlyList<string> header, IReadOnlyList<string> targets, ImportKey key, IReadOnlyCollection<string> customFields, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            var name = i < header.Count ? header[i] : "";
            if (!IsKnown(targets[i], customFields)) problems.Add(l["Column \"{0}\": \"{1}\" is not a field of the register.", name, targets[i]]);
            else if (targets[i] != Ignore && !seen.TryAdd(targets[i], name)) problems.Add(l["Column \"{0}\": the field is already filled from column \"{1}\".", name, seen[targets[i]]]);
        }
        // Without the key's column no row could find its member.
        if (key == ImportKey.Email && !targets.Contains(MemberColumns.Email)) problems.Add(l["Mapping: to find members by e-mail, one column must hold the e-mail address."]);
        return problems;
    }

    public static string ToJson(IReadOnlyList<string> targets) => JsonSerializer.Serialize(targets);

    public static string[] FromJson(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>Header name to target, as saved per source and read from a mapping file.</summary>
    public static string ToMappingJson(IReadOnlyList<string> header, IReadOnlyList<string> targets)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count && i < targets.Count; i++) mapping.TryAdd(header[i], targets[i]);
        return JsonSerializer.Serialize(mapping);
    }

    /// <summary>A mapping object, or null when the text is not one (a list, a number, broken JSON).</summary>
    public static Dictionary<string, string>? ParseMapping(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
