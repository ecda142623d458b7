using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// The ticket list's view, filters, sorting and page, read from the query string, so that the list and a bookmarked
/// or saved link show exactly the same tickets.
/// </summary>
/// <remarks>
/// Every view shows only tickets that still need someone (not solved or closed) unless a state is chosen: then that
/// state decides, which is how solved and closed tickets are found.
/// </remarks>
internal sealed record TicketFilter(string View, string? Search, TicketState? State, TicketPriority? Priority, Guid? CategoryId, string? Tag,
    Guid? AssigneeId, string Sort, int Page)
{
    public const int PageSize = 50;
    /// <summary>The search's words are rare: set from <see cref="Search.SearchRarity"/> before the list is read.</summary>
    public bool RareSearch { get; init; }
    /// <summary>Counted up to this many, as the member list does (<see cref="Members.MemberFilter.CountLimit"/>).</summary>
    public const int CountLimit = Members.MemberFilter.CountLimit;
    /// <summary>A ticket is at risk when a due time is less than this far away, or past.</summary>
    public static readonly TimeSpan AtRiskWithin = TimeSpan.FromHours(2);
    public static readonly IReadOnlyList<string> Views = ["mine", "unassigned", "it", "owner", "sla", "all"];
    public static readonly IReadOnlyList<string> Sorts = ["activity", "created", "priority", "number"];

    public static readonly TicketFilter Default = new("all", null, null, null, null, null, null, "activity", 1);

    // Read by hand: enums and ids do not bind from the query string, and a bad value should just be ignored.
    public static TicketFilter From(IQueryCollection query)
    {
        var view = Views.Contains(query["view"].ToString()) ? query["view"].ToString() : "all";
        var state = Enum.TryParse<TicketState>(query["state"], true, out var s) && Enum.IsDefined(s) && !int.TryParse(query["state"], out _) ? s : (TicketState?)null;
        var priority = Enum.TryParse<TicketPriority>(query["priority"], true, out var p) && Enum.IsDefined(p) && !int.TryParse(query["priority"], out _)
            ? p : (TicketPriority?)null;
        var category = Guid.TryParse(query["category"], out var c) ? c : (Guid?)null;
        var assignee = Guid.TryParse(query["assignee"], out var a) ? a : (Guid?)null;
        var sort = Sorts.Contains(query["sort"].ToString()) ? query["sort"].ToString() : "activity";
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return new TicketFilter(view, Blank(query["q"]), state, priority, category, Blank(query["tag"]), assignee, sort, page);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The filtered tickets in the chosen order; newer first on ties, so a page never shifts.</summary>
    private IQueryable<Ticket> Apply(AppDb db, Guid me, DateTime now) => Ordered(Matching(db, me, now));

    /// <summary>
    /// This filter's page and how many tickets match. Where the page lies within the counted matches (every filtered list
    /// and search up to its cap), one walk reads the first <see cref="Limit"/> + 1 ids in list order and tells both, and the
    /// page's 50 rows are read by id: a common search word walked the list twice before, to fill the page and again to
    /// count, and each walk checks every ticket's messages on the way (bench/RESULTS.md §8). A plain view's count is the
    /// one its tab shows (<paramref name="viewCounts"/>).
    /// </summary>
    public async Task<TicketListPage> ReadAsync(AppDb db, Guid me, DateTime now, IReadOnlyDictionary<string, int> viewCounts, CancellationToken ct = default)
    {
        if (!IsPlainView && Page * PageSize <= Limit)
        {
            var ids = await Apply(db, me, now).Select(t => t.Id).Take(Limit + 1).ToListAsync(ct);
            var onPage = ids.Skip((Page - 1) * PageSize).Take(PageSize + 1).ToList();
            var rows = onPage.Count == 0 ? [] : await Ordered(db.Tickets.AsNoTracking().Where(t => onPage.Contains(t.Id))).Rows().ToListAsync(ct);
            return Shown(rows, ids.Count);
        }
        var page = await PageOf(db, me, now).Rows().ToListAsync(ct);
        // The last page: what it shows is the rest, so counting again is not needed.
        if (page.Count <= PageSize && (page.Count > 0 || Page == 1)) return Shown(page, (Page - 1) * PageSize + page.Count, exact: true);
        return Shown(page, IsPlainView ? viewCounts[View] : await CountAsync(db, me, now, ct));
    }

    /// <param name="counted">Counted up to <see cref="Limit"/> + 1, unless <paramref name="exact"/>.</param>
    private TicketListPage Shown(List<TicketRow> rows, int counted, bool exact = false)
    {
        // One row more than a page tells whether a next page exists.
        var more = rows.Count > PageSize;
        if (more) rows.RemoveAt(PageSize);
        var capped = !exact && counted > Limit;
        return new TicketListPage(rows, capped ? Page * PageSize + (more ? 1 : 0) : counted, capped);
    }

    /// <summary>
    /// This filter's page read in list order, one ticket more than a page to tell whether another follows: a plain view's
    /// page, or a filter's or search's page past what it counts (<see cref="ReadAsync"/> reads the others).
    /// </summary>
    /// <remarks>
    /// A filtered list or a word search on PostgreSQL picks the page's ids first, from the open-tickets indexes alone (they
    /// carry every column the filters and orders use, and the subject's words: migrations 0030 and 0035), and reads the 50
    /// rows afterwards. Otherwise every ticket passed on the way is read from the table: all ~26,000 open tickets of a
    /// million for a word in none of them (22 ms, from the index 9 ms), all ~900 of a category and priority sorted by
    /// creation. A plain view reads its 50 rows in order anyway.
    /// </remarks>
    private IQueryable<Ticket> PageOf(AppDb db, Guid me, DateTime now)
    {
        var page = Apply(db, me, now).Skip((Page - 1) * PageSize).Take(PageSize + 1);
        if (!db.IsPostgres || IsPlainView || (Search is { } search && !RightHand.Support.Search.TicketSearch.IsFullText(search))) return page;
        var ids = page.Select(t => t.Id);
        return Ordered(db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)));
    }

    private IQueryable<Ticket> Ordered(IQueryable<Ticket> tickets) =>
        Sort switch
        {
            "created" => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number),
            "priority" => tickets.OrderByDescending(t => t.Priority).ThenByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Number),
            "number" => tickets.OrderByDescending(t => t.Number),
            _ => tickets.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Number),
        };

    /// <summary>
    /// A search is counted up to this many: it checks each ticket's messages on the way, and a common word's count to
    /// 1,000 cost 25 ms of database time at a million tickets, four times its page (bench/RESULTS.md §8). Counting to 100
    /// rather than 200, in the walk that also fills the page, took a common word's p95 under wrk from 157–249 to 93–121 ms.
    /// </summary>
    public const int SearchCountLimit = 100;

    /// <summary>A view with nothing else chosen, whose count is the one its tab shows.</summary>
    public bool IsPlainView => this == Default with { View = View, Sort = Sort, Page = Page };

    /// <summary>This filter's cap on counting.</summary>
    public int Limit => Search is null ? CountLimit : SearchCountLimit;

    /// <summary>How many tickets match, counted up to <see cref="Limit"/> + 1 (more means "more than the limit").</summary>
    public Task<int> CountAsync(AppDb db, Guid me, DateTime now, CancellationToken ct = default) =>
        Matching(db, me, now).Take(Limit + 1).CountAsync(ct);

    private IQueryable<Ticket> Matching(AppDb db, Guid me, DateTime now)
    {
        var tickets = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null);
        if (State is { } state) tickets = tickets.Where(t => t.State == state);
        else tickets = tickets.Where(t => t.State != TicketState.Solved && t.State != TicketState.Closed);
        var soon = now + AtRiskWithin;
        tickets = View switch
        {
            "mine" => tickets.Where(t => t.AssigneeId == me),
            "unassigned" => tickets.Where(t => t.AssigneeId == null),
            "it" => tickets.Where(t => t.State == TicketState.WaitingForIt),
            "owner" => tickets.Where(t => t.State == TicketState.WaitingForOwner),
            // Waiting for the member stops the clock: such a ticket is not at risk.
            "sla" => tickets.Where(t => t.State != TicketState.Solved && t.State != TicketState.Closed && t.State != TicketState.WaitingForMember
                && ((t.FirstRespondedAt == null && t.FirstResponseDueAt <= soon) || t.ResolutionDueAt <= soon)),
            _ => tickets,
        };
        if (Search is { } q) tickets = RightHand.Support.Search.TicketSearch.Apply(db, tickets, q, RareSearch);
        if (Priority is { } priority) tickets = tickets.Where(t => t.Priority == priority);
        if (CategoryId is { } category) tickets = tickets.Where(t => t.CategoryId == category);
        if (AssigneeId is { } assignee) tickets = tickets.Where(t => t.AssigneeId == assignee);
        if (Tag is { } tag) tickets = tickets.Where(t => db.TicketTags.Any(x => x.TicketId == t.Id && x.Tag == tag));
        return tickets;
    }

    /// <summary>The query string for this filter, with another page, sort or view if given.</summary>
    public string ToQuery(int? page = null, string? sort = null, string? view = null)
    {
        var parts = new List<string>();
        var v = view ?? View;
        if (v != "all") parts.Add("view=" + v);
        if (Search is not null) parts.Add("q=" + Uri.EscapeDataString(Search));
        if (State is not null) parts.Add("state=" + State.ToString()!.ToLowerInvariant());
        if (Priority is not null) parts.Add("priority=" + Priority.ToString()!.ToLowerInvariant());
        if (CategoryId is not null) parts.Add("category=" + CategoryId);
        if (Tag is not null) parts.Add("tag=" + Uri.EscapeDataString(Tag));
        if (AssigneeId is not null) parts.Add("assignee=" + AssigneeId);
        var s = sort ?? Sort;
        if (s != "activity") parts.Add("sort=" + s);
        var pg = page ?? 1;
        if (pg > 1) parts.Add("page=" + pg.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>A page of the ticket list: its rows, the count shown (capped: "more than", and where the pager stops), and whether it is capped.</summary>
internal sealed record TicketListPage(List<TicketRow> Rows, int Total, bool Capped);
