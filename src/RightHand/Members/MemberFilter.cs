using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Members;

/// <summary>
/// The member list's search, filters, sorting and page, read from the query string, so that the list, its
/// CSV export and a bookmarked link all show exactly the same members.
/// </summary>
/// <remarks>A custom field filter matches the stored value exactly (a date as yyyy-MM-dd, a number with a point).</remarks>
/// <remarks>
/// "Next" links carry the last shown member's sequence (<c>after</c>): the next page then starts right behind that member
/// instead of skipping all earlier matches, so page 20 of a filter costs what page 1 does. A typed page number without it
/// still works by offset; so does the name sort, whose empty first names sort differently on the two engines.
/// </remarks>
internal sealed record MemberFilter(string? Search, MemberStatus? Status, Guid? PlanId, string? Tag, string Sort, int Page, Guid? FieldId = null,
    string? FieldValue = null, long? After = null)
{
    public const int PageSize = 50;
    /// <summary>
    /// The list counts at most this many matches: counting a million rows costs more than showing a page, and nobody
    /// pages through a thousand members; past it the list says "more than" and the pager goes on page by page.
    /// </summary>
    public const int CountLimit = 1_000;
    public static readonly IReadOnlyList<string> Sorts = ["number", "name", "status", "created"];

    // Read by hand: enums and ids do not bind from the query string, and a bad value should just be ignored.
    public static MemberFilter From(IQueryCollection query)
    {
        var status = Enum.TryParse<MemberStatus>(query["status"], true, out var s) && Enum.IsDefined(s) ? s : (MemberStatus?)null;
        var plan = Guid.TryParse(query["plan"], out var p) ? p : (Guid?)null;
        var sort = Sorts.Contains(query["sort"].ToString()) ? query["sort"].ToString() : "number";
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var field = Guid.TryParse(query["field"], out var f) ? f : (Guid?)null;
        long? after = page > 1 && long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        return new MemberFilter(Blank(query["q"]), status, plan, Blank(query["tag"]), sort, page, field, field is null ? null : Blank(query["value"]), after);
    }

    /// <summary>"M-10777", "KV_12", "10777": digits alone, or letters, a hyphen (or underscore) and digits — a number, not a name.</summary>
    private static bool LooksLikeNumber(string q)
    {
        var i = 0;
        while (i < q.Length && char.IsAsciiLetter(q[i])) i++;
        if (i > 0)
        {
            if (i == q.Length || q[i] is not ('-' or '_')) return false;
            i++;
        }
        return i < q.Length && q[i..].All(char.IsAsciiDigit);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The filtered members in the chosen order.</summary>
    public IQueryable<Member> Apply(AppDb db) => OrderedMatches(db);

    /// <param name="inNumberOrder">As for <see cref="Matching"/>.</param>
    private IQueryable<Member> OrderedMatches(AppDb db, bool inNumberOrder = false) =>
        Sort == "name" && Tag is { } tag ? InTagNameOrder(db, tag) : Ordered(Matching(db, inNumberOrder));

    /// <summary>
    /// A tag's members in name order, read along the tag's own index of its members' names (<see cref="MemberTag.LastName"/>)
    /// and joined with the other filters: the members' name index knows nothing of the tag, and walking it probing each member
    /// took a second at a million members when the tag's members sort late.
    /// </summary>
    private IQueryable<Member> InTagNameOrder(AppDb db, string tag) =>
        from t in db.MemberTags
        where t.Tag == tag
        join m in (this with { Tag = null }).Matching(db) on t.MemberId equals m.Id
        orderby t.LastName, t.FirstName, t.MemberSequence
        select m;

    private IQueryable<Member> Ordered(IQueryable<Member> members) =>
        Sort switch
        {
            "name" => members.OrderBy(m => m.LastName).ThenBy(m => m.FirstName).ThenBy(m => m.Sequence),
            "status" => members.OrderBy(m => m.Status).ThenBy(m => m.Sequence),
            "created" => members.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Sequence),
            _ => members.OrderBy(m => m.Sequence),
        };

    /// <summary>This filter's page, one member more than a page to tell whether another page follows.</summary>
    public async Task<List<Member>> PageAsync(AppDb db, CancellationToken ct = default)
    {
        if (After is { } after && Sort != "name")
        {
            var anchor = await db.Members.AsNoTracking().Where(m => m.Sequence == after)
                .Select(m => new { m.Sequence, m.Status, m.CreatedAt }).FirstOrDefaultAsync(ct);
            if (anchor is not null)
            {
                var members = Matching(db, Sort == "number");
                members = Sort switch
                {
                    "status" => members.Where(m => m.Status > anchor.Status || (m.Status == anchor.Status && m.Sequence > anchor.Sequence)),
                    "created" => members.Where(m => m.CreatedAt < anchor.CreatedAt || (m.CreatedAt == anchor.CreatedAt && m.Sequence < anchor.Sequence)),
                    _ => members.Where(m => m.Sequence > anchor.Sequence),
                };
                return await Ordered(members).Take(PageSize + 1).ToListAsync(ct);
            }
        }
        return await OrderedMatches(db, Sort == "number").Skip((Page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
    }

    /// <summary>How many members match, counted up to <see cref="CountLimit"/> + 1 (more means "more than the limit").</summary>
    public Task<int> CountAsync(AppDb db, CancellationToken ct = default) => Matching(db).Take(CountLimit + 1).CountAsync(ct);

    /// <summary>The filtered members, unordered: counting needs no sort.</summary>
    /// <param name="inNumberOrder">
    /// For a page in member number order: the tag is then matched on the member's sequence, so that PostgreSQL reads the
    /// tag's index (tag, member sequence) in list order alongside the members (page 20 of a tag carried by 5 % of a million
    /// members: 18 → 5 ms). Counting and the other orders match it on the id, which merges with the status and custom
    /// value indexes (both end in the member id) and is the faster way there.
    /// </param>
    private IQueryable<Member> Matching(AppDb db, bool inNumberOrder = false)
    {
        var members = db.Members.AsNoTracking();
        if (Search is { } q)
        {
            // A number or an e-mail address is matched from its start, so an index serves it (PostgreSQL: the pattern
            // indexes of MemberSearchIndexes); names match anywhere.
            var lower = q.ToLowerInvariant();
            // What looks like an address or a member number is looked up by its own index only: an OR with the name's
            // index would read that index too, for nothing.
            if (q.Contains('@', StringComparison.Ordinal)) members = members.Where(m => m.EmailKey.StartsWith(lower));
            else if (LooksLikeNumber(q))
            {
                // Digits alone are the sequence part of a number whatever its prefix: "10777" finds M-10777.
                var upper = q.ToUpperInvariant();
                long? sequence = long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                members = members.Where(m => m.Number.StartsWith(q) || m.Number.StartsWith(upper) || m.Sequence == sequence);
            }
            else members = members.Where(m => m.Number.StartsWith(q) || m.EmailKey.StartsWith(lower) || m.NameKey.Contains(lower));
        }
        if (Status is { } status) members = members.Where(m => m.Status == status);
        if (PlanId is { } plan) members = members.Where(m => m.PlanId == plan);
        if (Tag is { } tag)
        {
            members = inNumberOrder
                ? members.Where(m => db.MemberTags.Any(t => t.Tag == tag && t.MemberSequence == m.Sequence))
                : members.Where(m => db.MemberTags.Any(t => t.MemberId == m.Id && t.Tag == tag));
        }
        if (FieldId is { } field)
        {
            members = FieldValue is { } value
                ? members.Where(m => db.CustomFieldValues.Any(v => v.MemberId == m.Id && v.FieldId == field && v.Value == value))
                : members.Where(m => db.CustomFieldValues.Any(v => v.MemberId == m.Id && v.FieldId == field));
        }
        return members;
    }

    /// <summary>The query string for this filter, with another page or sort if given (and the member that page follows).</summary>
    public string ToQuery(int? page = null, string? sort = null, long? after = null)
    {
        var parts = new List<string>();
        if (Search is not null) parts.Add("q=" + Uri.EscapeDataString(Search));
        if (Status is not null) parts.Add("status=" + Status.ToString()!.ToLowerInvariant());
        if (PlanId is not null) parts.Add("plan=" + PlanId);
        if (Tag is not null) parts.Add("tag=" + Uri.EscapeDataString(Tag));
        if (FieldId is not null) parts.Add("field=" + FieldId);
        if (FieldValue is not null) parts.Add("value=" + Uri.EscapeDataString(FieldValue));
        var s = sort ?? Sort;
        if (s != "number") parts.Add("sort=" + s);
        var pg = page ?? 1;
        if (pg > 1) parts.Add("page=" + pg.ToString(CultureInfo.InvariantCulture));
        if (pg > 1 && after is not null && s != "name") parts.Add("after=" + after.Value.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
