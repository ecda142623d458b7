using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Members.Api;
using RightHand.Platform.Database;

namespace RightHand.Support.Api;

/// <summary>
/// The ticket API for the platform's IT and for automation: list and search, open, read with the whole conversation, reply
/// or note. Every route needs <see cref="Permissions.SupportApi"/>; answers that are not success are problem+json in the
/// caller's language (Accept-Language), as the members API's are.
/// </summary>
internal static class TicketApi
{
    public static void MapTicketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tickets").WithTags("Tickets").RequireAuthorization(Permissions.SupportApi);
        api.MapGet("", ListAsync)
            .WithSummary("Tickets, oldest change first, filtered, paged by cursor.")
            .WithDescription("Filters (all optional, combined): `state` (new, open, waitingForMember, waitingForIt, waitingForOwner, solved, closed), "
                + "`priority` (low, normal, high, urgent), `category` (its name), `assignee` (a person's id, or `none`), `tag`, `updatedSince` (ISO 8601, "
                + "inclusive), `q` (`#10234` or `10234` finds that ticket; words find tickets whose subject or any message, internal notes included, "
                + "contains them all, German and English word forms alike). `limit`: 1–1000, default 100. `cursor`: the `nextCursor` of the previous page; "
                + "`nextCursor` is null on the last page. Every state is listed unless `state` is given.");
        api.MapPost("", OpenAsync)
            .Accepts<TicketOpening>("application/json")
            .Produces<TicketDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Opens a ticket (channel API) with its first message.")
            .WithDescription("The requester is a member by `memberNumber`, or an `email` address (with an optional `name`; an address that is one member's "
                + "links the ticket to that member). `subject` and `body` are required; `priority` (default normal), `category` (a category's name) and "
                + "`language` (`de` or `en`; default the member's language, else German) are optional. 422 lists the refused fields; nothing is saved then.");
        api.MapGet("/{number}", GetAsync)
            .WithSummary("One ticket by number, with all its messages and the metadata of their attachments.")
            .WithDescription("Messages are oldest first; `kind` is `requester`, `reply` (mailed to the requester) or `note` (internal, never shown to the "
                + "requester). Attachments give id, file name, type, size and SHA-256, not the content. `number` may be written `10234` or `%2310234`.");
        api.MapPost("/{number}/messages", PostMessageAsync)
            .Accepts<TicketMessagePost>("application/json")
            .Produces<TicketDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Adds a reply or an internal note, written by the token's person.")
            .WithDescription("`kind`: `reply` is mailed to the requester in the ticket's language with the author's signature, as a reply on the ticket page "
                + "is, and the ticket then waits for the member; `note` is internal and leaves the state as it is. Needs a token that belongs to a person "
                + "(403 otherwise). Answers with the ticket and its messages.");
    }

    private static async Task<Results<Ok<TicketPage>, ProblemHttpResult>> ListAsync(string? state, string? priority, string? category, string? assignee,
        string? tag, string? updatedSince, string? q, string? cursor, string? limit, TicketSync sync, AppDb db, IStringLocalizer<Texts> l, CancellationToken ct)
    {
        TicketState? wantedState = null;
        if (!string.IsNullOrWhiteSpace(state) && (wantedState = TicketSync.Parse<TicketState>(state)) is null)
            return MemberApi.BadRequest(l["State: choose new, open, waitingForMember, waitingForIt, waitingForOwner, solved or closed."]);
        TicketPriority? wantedPriority = null;
        if (!string.IsNullOrWhiteSpace(priority) && (wantedPriority = TicketSync.Parse<TicketPriority>(priority)) is null)
            return MemberApi.BadRequest(l["Priority: choose low, normal, high or urgent."]);
        Guid? categoryId = null;
        if (!string.IsNullOrWhiteSpace(category) && (categoryId = await CategoryAsync(db, category, ct)) is null)
            return MemberApi.BadRequest(l["Category: no category has the name {0}.", category.Trim()]);
        Guid? assigneeId = null;
        var unassigned = string.Equals(assignee?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(assignee) && !unassigned)
        {
            if (!Guid.TryParse(assignee, out var person)) return MemberApi.BadRequest(l["Assignee: send a person's id, or none for unassigned tickets."]);
            assigneeId = person;
        }
        DateTime? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (!DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return MemberApi.BadRequest(l["updatedSince: enter a time in ISO 8601, e.g. 2026-01-31T12:00:00Z."]);
            since = parsed.UtcDateTime;
        }
        MemberCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = MemberCursor.Decode(cursor)) is null)
            return MemberApi.BadRequest(l["cursor: pass the nextCursor of the previous page unchanged."]);
        var size = TicketSync.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > TicketSync.MaxLimit))
            return MemberApi.BadRequest(l["limit: enter a number from 1 to {0}.", TicketSync.MaxLimit]);
        var filter = new TicketApiFilter(wantedState, wantedPriority, categoryId, assigneeId, unassigned,
            string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant(), since, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
        return TypedResults.Ok(await sync.PageAsync(filter, after, size, ct));
    }

    private static async Task<Results<Ok<TicketDetail>, ProblemHttpResult>> GetAsync(string number, TicketSync sync, IStringLocalizer<Texts> l, CancellationToken ct) =>
        Number(number) is { } n && await sync.FindAsync(n, ct) is { } ticket ? TypedResults.Ok(ticket) : NotFound(number, l);

    private static async Task<IResult> OpenAsync(HttpContext context, TicketDesk desk, TicketSync sync, AppDb db, IStringLocalizer<Texts> l, CancellationToken ct)
    {
        var (body, problem) = await MemberApi.ReadAsync<TicketOpening>(context, l, ct);
        if (body is null) return problem!;
        var requesterField = string.IsNullOrWhiteSpace(body.MemberNumber) ? "email" : "memberNumber";
        var errors = new Dictionary<string, string[]>();
        Guid? memberId = null;
        if (!string.IsNullOrWhiteSpace(body.MemberNumber))
        {
            var number = body.MemberNumber.Trim();
            memberId = await db.Members.AsNoTracking().Where(m => m.Number == number && m.ErasedAt == null).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (memberId is null) errors["memberNumber"] = [l["Requester: no member has the number {0}.", number]];
        }
        var priority = TicketPriority.Normal;
        if (!string.IsNullOrWhiteSpace(body.Priority))
        {
            if (TicketSync.Parse<TicketPriority>(body.Priority) is { } p) priority = p;
            else errors["priority"] = [l["Priority: choose low, normal, high or urgent."]];
        }
        Guid? categoryId = null;
        if (!string.IsNullOrWhiteSpace(body.Category) && (categoryId = await CategoryAsync(db, body.Category, ct)) is null)
            errors["category"] = [l["Category: no category has the name {0}.", body.Category.Trim()]];
        if (errors.Count > 0) return Refused(errors, l["The ticket was not opened; nothing was changed."]);

        var draft = new NewTicket(TicketChannel.Api, new TicketRequester(memberId, memberId is null ? body.Email : null, body.Name), body.Subject, body.Body,
            string.IsNullOrWhiteSpace(body.Language) ? null : body.Language.Trim().ToLowerInvariant(), priority, categoryId);
        var (result, ticket) = await desk.OpenAsync(draft, ct);
        if (!result.Succeeded) return Refused(Fields(result.Errors, requesterField, l), l["The ticket was not opened; nothing was changed."]);
        return TypedResults.Created($"/api/v1/tickets/{ticket!.Number.ToString(CultureInfo.InvariantCulture)}", await sync.FindAsync(ticket.Number, ct));
    }

    private static async Task<IResult> PostMessageAsync(string number, HttpContext context, TicketDesk desk, TicketSync sync, AppDb db, IStringLocalizer<Texts> l,
        CancellationToken ct)
    {
        var n = Number(number);
        var ticketId = n is null ? null : await db.Tickets.AsNoTracking().Where(t => t.Number == n).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (ticketId is null) return NotFound(number, l);
        if (context.User.PersonId() is not { } author)
            return TypedResults.Problem(l["Only a token that belongs to a person can write replies and notes."], statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        var (body, problem) = await MemberApi.ReadAsync<TicketMessagePost>(context, l, ct);
        if (body is null) return problem!;
        var result = body.Kind?.Trim().ToLowerInvariant() switch
        {
            "reply" => await desk.ReplyAsync(ticketId.Value, author, body.Body, ct: ct),
            "note" => await desk.AddNoteAsync(ticketId.Value, author, body.Body, ct: ct),
            _ => null,
        };
        if (result is null) return Refused(new() { ["kind"] = [l["Kind: send reply or note."]] }, l["The message was not saved; nothing was changed."]);
        if (!result.Succeeded) return Refused(Fields(result.Errors, "ticket", l), l["The message was not saved; nothing was changed."]);
        return TypedResults.Created($"/api/v1/tickets/{n!.Value.ToString(CultureInfo.InvariantCulture)}", await sync.FindAsync(n.Value, ct));
    }

    /// <summary>A category by its name, ignoring case; archived ones too, so that old tickets stay findable.</summary>
    private static async Task<Guid?> CategoryAsync(AppDb db, string name, CancellationToken ct)
    {
        var wanted = name.Trim();
        var categories = await db.TicketCategories.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        return categories.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    private static long? Number(string text) =>
        long.TryParse(text.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// The desk's errors by the API's field names. They read "Field: reason." in the caller's language, so the field is
    /// found by its label; one the API does not know is reported under <paramref name="fallback"/>.
    /// </summary>
    private static Dictionary<string, string[]> Fields(IReadOnlyList<string> errors, string requesterField, IStringLocalizer l)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [l["Subject"]] = "subject", [l["Message"]] = "body", [l["Requester"]] = requesterField, [l["Language"]] = "language",
            [l["Priority"]] = "priority", [l["Category"]] = "category",
        };
        return errors.GroupBy(e => labels.GetValueOrDefault(e.Split(':')[0].Trim(), "ticket")).ToDictionary(g => g.Key, g => g.ToArray());
    }

    private static IResult Refused(Dictionary<string, string[]> errors, string detail) =>
        Results.ValidationProblem(errors, detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Fields refused");

    private static ProblemHttpResult NotFound(string number, IStringLocalizer l) =>
        TypedResults.Problem(l["No ticket has the number {0}.", number], statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
