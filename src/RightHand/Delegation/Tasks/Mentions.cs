using System.Text.RegularExpressions;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// Finds who a comment mentions. The rule (also shown on the task page): "@" followed by a person's first
/// name (the first word of their name) or their full e-mail address, in any case. "@anna" and
/// "@anna@example.org" both reach Anna; a first name two people share reaches both.
/// </summary>
internal static partial class Mentions
{
    public sealed record Candidate(Guid Id, string Name, string Email);

    public static IReadOnlyList<Candidate> Find(string text, IEnumerable<Candidate> people)
    {
        var words = Mention().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-', '_')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (words.Count == 0) return [];
        return people.Where(p => words.Contains(p.Email) || words.Contains(FirstName(p.Name))).DistinctBy(p => p.Id).ToList();
    }

    public static string FirstName(string name) => name.Trim().Split(' ', 2)[0];

    // "@" at the start or after a space or bracket (not inside an e-mail address), then a name or an e-mail address.
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+\-@])@([\p{L}\p{N}][\p{L}\p{N}._%+\-]*(?:@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)?)")]
    private static partial Regex Mention();
}
