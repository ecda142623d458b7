using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using RightHand.Platform.Database;

namespace RightHand.Support.Search;

/// <summary>
/// The ticket search box: "#10234" or "10234" finds that ticket; words find tickets whose subject or any message (internal
/// notes too: only staff search) contains all of them. PostgreSQL matches its German and English stemmed tsvectors with
/// websearch_to_tsquery in both languages; SQLite matches its FTS5 table with each word quoted, its ending trimmed and
/// searched by prefix. Input without a word of <see cref="MinWordLength"/> letters searches subjects by substring instead,
/// since stemming and prefixes of one or two letters find nearly everything or nothing.
/// </summary>
internal static partial class TicketSearch
{
    public const int MinWordLength = 3;

    /// <summary>Endings trimmed from a word on SQLite, longest first: German plurals and cases, English plurals and verb forms.</summary>
    private static readonly string[] Endings = ["ies", "ing", "ern", "en", "er", "es", "ed", "e", "n", "s"];
    private const int MinStemLength = 4;

    /// <param name="rare">The words are rare (<see cref="IsRareAsync"/>), so the matches are collected first.</param>
    public static IQueryable<Ticket> Apply(AppDb db, IQueryable<Ticket> tickets, string search, bool rare = false)
    {
        var text = search.Trim();
        if (TicketNumber(text) is { } n) return tickets.Where(t => t.Number == n);
        var words = Words(text);
        if (!words.Any(w => w.Length >= MinWordLength)) return SubjectContains(db, tickets, text);
        if (db.IsPostgres && rare)
        {
            // A rare word: its few matching messages and subjects come from the GIN indexes at once, and only their tickets are
            // read. Asked per ticket instead, the list would walk every open ticket for two matches (22 ms at a million).
            var matches = db.TicketMessages.Where(m => EF.Property<NpgsqlTsVector>(m, TicketSearchIndexes.Column)
                    .Matches(EF.Functions.WebSearchToTsQuery("german", text).Or(EF.Functions.WebSearchToTsQuery("english", text))))
                .Select(m => m.TicketId)
                .Concat(db.Tickets.Where(x => EF.Property<NpgsqlTsVector>(x, TicketSearchIndexes.Column)
                    .Matches(EF.Functions.WebSearchToTsQuery("german", text).Or(EF.Functions.WebSearchToTsQuery("english", text))))
                .Select(x => x.Id));
            return tickets.Where(t => matches.Contains(t.Id));
        }
        if (db.IsPostgres)
        {
            // Asked per ticket, not collected per message: the list walks its own index (open tickets by activity) and
            // checks each ticket's subject and messages until the page and the capped count are full, so a word in a third
            // of all messages costs a few hundred probes instead of reading every matching message first (which took 7–15 s
            // at five million messages). For a rare word PostgreSQL plans the EXISTS as one GIN lookup hashed up front.
            // Whole input to websearch_to_tsquery: it understands "quoted phrases", OR and -excluded, and never fails on syntax.
            return tickets.Where(t => EF.Property<NpgsqlTsVector>(t, TicketSearchIndexes.Column)
                    .Matches(EF.Functions.WebSearchToTsQuery("german", text).Or(EF.Functions.WebSearchToTsQuery("english", text)))
                || db.TicketMessages.Any(m => m.TicketId == t.Id && EF.Property<NpgsqlTsVector>(m, TicketSearchIndexes.Column)
                    .Matches(EF.Functions.WebSearchToTsQuery("german", text).Or(EF.Functions.WebSearchToTsQuery("english", text)))));
        }
        var match = FtsQuery(words);
        var numbers = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM ticket_search WHERE ticket_search MATCH {match}");
        if (rare) return tickets.Where(t => numbers.Contains(t.Number));
        // A common word: the list walks its own index and looks each ticket up among the matches. "+ 0" keeps SQLite from
        // starting at the matches instead, which for "Rechnung" at 200,000 tickets looked up 69,000 tickets by number and
        // sorted them (83 ms against 10 ms); for a rare word (above) starting there is what is fast.
        return tickets.Where(t => numbers.Contains(t.Number + 0));
    }

    /// <summary>
    /// Whether the search finds few enough to start from its matches rather than from the list.
    /// </summary>
    /// <remarks>
    /// PostgreSQL: whether its statistics expect the search in at most <see cref="RareShare"/> of the messages. Its planner
    /// keeps the most common words of the messages with their shares (ANALYZE); a word it does not keep, it guesses at 0.5 %
    /// per stemming (1 % for the German-or-English query), whatever its real count: the planted "Zahnradbahn" is in 110 of
    /// five million messages. Such words are searched from the index (<see cref="Apply"/>); common ones, whose matches fill
    /// a page from the newest few hundred tickets, by walking the list. One EXPLAIN (no execution) and the table's size.
    /// SQLite: its search table has a row per ticket, and counting the matches up to a bound is quick (a common word's
    /// 69,000 of 200,000 tickets: 4–6 ms); fewer than 1 % of the tickets (at least <see cref="RareTickets"/>) is rare.
    /// </remarks>
    public static async Task<bool> IsRareAsync(AppDb db, string search, CancellationToken ct = default)
    {
        if (!IsFullText(search)) return false;
        var text = search.Trim();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            if (!db.IsPostgres)
            {
                command.CommandText = "SELECT max(rowid) FROM tickets";
                var bound = Math.Max(RareTickets, (await command.ExecuteScalarAsync(ct) is long tickets ? tickets : 0) / 100);
                command.CommandText = "SELECT count(*) FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH $q LIMIT $bound)";
                AddParameter(command, "$q", FtsQuery(Words(text)));
                AddParameter(command, "$bound", bound);
                return (long)(await command.ExecuteScalarAsync(ct))! < bound;
            }
            command.CommandText = "EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket_messages WHERE search @@ (websearch_to_tsquery('german', @q) || websearch_to_tsquery('english', @q))";
            AddParameter(command, "q", text);
            using var plan = System.Text.Json.JsonDocument.Parse((string)(await command.ExecuteScalarAsync(ct))!);
            var expected = plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
            command.CommandText = "SELECT reltuples::float8 FROM pg_class WHERE oid = 'ticket_messages'::regclass";
            command.Parameters.Clear();
            // Never analysed (-1): no statistics to go by, and a table too young to need them.
            return await command.ExecuteScalarAsync(ct) is double messages && messages > 0 && expected <= RareShare * messages;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }

    /// <summary>Whether the input searches the full-text index: not a ticket number, and a word long enough (see <see cref="Apply"/>).</summary>
    public static bool IsFullText(string search)
    {
        var text = search.Trim();
        return TicketNumber(text) is null && Words(text).Any(w => w.Length >= MinWordLength);
    }

    /// <summary>"#10234" or "10234": that ticket's number; anything else null.</summary>
    private static long? TicketNumber(string text) =>
        long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Just above the planner's guess for a word it does not know (see <see cref="IsRareAsync"/>).</summary>
    private const double RareShare = 0.015;

    /// <summary>On SQLite, a search in fewer tickets than this is rare whatever the desk's size (see <see cref="IsRareAsync"/>).</summary>
    public const int RareTickets = 100;

    /// <summary>
    /// An FTS5 query that is only quoted prefix terms, all required: the user's text never reaches FTS5's syntax
    /// (quotes are doubled inside the strings, and words hold only letters and digits anyway).
    /// </summary>
    public static string FtsQuery(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => "\"" + Stem(w).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));

    /// <summary>The input's words: runs of letters and digits, lower case.</summary>
    public static List<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>The word without its ending, so "Rechnungen" and "refunds" search "rechnung…" and "refund…"; short words stay whole.</summary>
    public static string Stem(string word)
    {
        var normal = word.Normalize(NormalizationForm.FormC);
        foreach (var ending in Endings)
        {
            if (normal.Length - ending.Length >= MinStemLength && normal.EndsWith(ending, StringComparison.Ordinal)) return normal[..^ending.Length];
        }
        return normal;
    }

    private static IQueryable<Ticket> SubjectContains(AppDb db, IQueryable<Ticket> tickets, string text)
    {
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return db.IsPostgres
            ? tickets.Where(t => EF.Functions.ILike(t.Subject, pattern, "\\"))
            : tickets.Where(t => EF.Functions.Like(t.Subject, pattern, "\\"));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
