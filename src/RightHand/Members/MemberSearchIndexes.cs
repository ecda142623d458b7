using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RightHand.Members;

/// <summary>
/// PostgreSQL indexes for the member list's search at a million members. Names are found by the beginnings of their
/// words ("schmi" finds Anna Schmidt and Schmidt-Weber, "anna schm" only her) through a full-text index of the
/// 'simple' configuration (no stemming: names are not words of a language). A trigram index would also find the
/// middle of a word, but scans the long lists of common trigrams ("sch") and missed the list's latency target.
/// Numbers and e-mail addresses match from their start; the pattern operator classes let a B-tree serve LIKE 'x%'
/// whatever the database's collation. SQLite has neither and reads the table (finding names anywhere), which is fine
/// at the sizes one SQLite instance serves.
/// </summary>
internal static class MemberSearchIndexes
{
    public const string TextSearchConfig = "simple";

    public static void ApplyPostgres(ModelBuilder modelBuilder)
    {
        var members = modelBuilder.Entity<Member>();
        members.HasIndex(m => m.NameKey, "ix_members_name_key_words").HasMethod("gin").IsTsVectorExpressionIndex(TextSearchConfig);
        members.HasIndex(m => m.Number, "ix_members_number_pattern").HasOperators("varchar_pattern_ops");
        members.HasIndex(m => m.EmailKey, "ix_members_email_key_pattern").HasOperators("varchar_pattern_ops");
    }

    /// <summary>
    /// The search text as a prefix query of its words ("Anna Schm" → "anna:* &amp; schm:*"), or null when it has no
    /// letters or digits. Everything but letters and digits separates words, so no input can break the query syntax.
    /// </summary>
    public static string? WordPrefixQuery(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length > 0) words.Add(word.ToString() + ":*");
            word.Clear();
        }
        return words.Count == 0 ? null : string.Join(" & ", words.Take(8));
    }
}
