using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Platform.Database;

namespace RightHand.Support.Answers;

/// <summary>An answer as a member reads it in the portal: the live version with their own values filled in.</summary>
internal sealed record FaqEntry(Guid Id, string Title, string? Category, string Text);

/// <summary>
/// The members' FAQ: the live canned answers the owner published to the portal, in the member's language (the other
/// language when there is none in theirs). Matching is by words, title words counting most: a business has dozens of
/// answers, not thousands, so they are scored in memory.
/// </summary>
internal sealed class Faq(AppDb db)
{
    public async Task<List<FaqEntry>> ForMemberAsync(Member member, string businessName, CancellationToken ct = default)
    {
        var published = await db.CannedAnswers.AsNoTracking().Where(a => a.LiveInFaq && a.LiveBody != null && !a.Archived).ToListAsync(ct);
        var chosen = published.Where(a => a.Language == member.Language).ToList();
        if (chosen.Count == 0) chosen = published;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["member.salutation"] = member.Salutation, ["member.first_name"] = member.FirstName, ["member.last_name"] = member.LastName,
            ["member.number"] = member.Number, ["member.email"] = member.Email, ["requester.name"] = member.FullName,
            ["requester.email"] = member.Email, ["business.name"] = businessName,
        };
        return chosen.OrderBy(a => a.LiveCategory ?? "", StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.LiveTitle, StringComparer.CurrentCultureIgnoreCase)
            .Select(a => new FaqEntry(a.Id, a.LiveTitle!, a.LiveCategory, MergeFields.Render(a.LiveBody!, values))).ToList();
    }

    /// <summary>The entries that match the words of a question or a ticket subject, best first.</summary>
    public static List<FaqEntry> Match(IEnumerable<FaqEntry> entries, string? text, int max = 5)
    {
        var words = Words(text).Where(w => w.Length >= 3).Distinct().ToList();
        if (words.Count == 0) return [];
        return entries
            .Select(e => (Entry: e, Score: Score(Words(e.Title), words) * 3 + Score(Words(e.Text), words)))
            .Where(x => x.Score > 0).OrderByDescending(x => x.Score).Take(max).Select(x => x.Entry).ToList();
    }

    // A word of the question matches a word of the answer that starts with it: "rechnung" finds "Rechnungen".
    private static int Score(List<string> text, List<string> words) => words.Count(w => text.Any(t => t.StartsWith(w, StringComparison.Ordinal)));

    internal static List<string> Words(string? text)
    {
        var words = new List<string>();
        var start = -1;
        var s = (text ?? "").ToLower(CultureInfo.InvariantCulture);
        for (var i = 0; i <= s.Length; i++)
        {
            var letter = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) { words.Add(s[start..i]); start = -1; }
        }
        return words;
    }

    /// <summary>A member says a published answer solved their question: counted as a ticket that was not needed.</summary>
    public async Task<bool> CountDeflectionAsync(Guid id, CancellationToken ct = default) =>
        await db.CannedAnswers.Where(a => a.Id == id && a.LiveInFaq && a.LiveBody != null && !a.Archived)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Deflections, a => a.Deflections + 1), ct) == 1;
}
