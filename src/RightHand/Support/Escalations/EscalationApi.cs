using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Members.Api;
using RightHand.Platform.Database;
using RightHand.Support.Api;

namespace RightHand.Support.Escalations;

/// <summary>
/// Escalations for IT's own tracker: list, read, and take status updates back. Every route needs
/// <see cref="Permissions.SupportEscalations"/>; answers that are not success are problem+json in the caller's language.
/// </summary>
internal static class EscalationApi
{
    public static void MapEscalationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/escalations").WithTags("Escalations").RequireAuthorization(Permissions.SupportEscalations);
        api.MapGet("", ListAsync)
            .WithSummary("Escalations to IT, oldest change first, paged by cursor.")
            .WithDescription("`status` (optional): new, confirmed, needsInformation, answered, fixed, wontFix. `limit`: 1–1000, default 100. `cursor`: the "
                + "`nextCursor` of the previous page; `nextCursor` is null on the last page.");
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One escalation to IT: the report, the affected member's number and name, and the history.");
        api.MapPatch("/{id:guid}", PatchAsync)
            .Accepts<EscalationUpdate>("application/json")
            .Produces<EscalationItem>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Takes IT's status update back: status, note, external reference.")
            .WithDescription("`status`: confirmed, needsInformation (`note` is the question to the agent), fixed (`note` is the fix note the agent's suggested "
                + "reply is built from), wontFix (`note` is the reason); fixed and wontFix send the ticket back open to the agent who escalated it. "
                + "`externalReference`: the issue in IT's tracker (an id or address; empty removes it). `note` alone, without `status`, is added to the history. "
                + "422 names the refused field; nothing is changed then.");
    }

    private static async Task<Results<Ok<EscalationPage>, ProblemHttpResult>> ListAsync(string? status, string? cursor, string? limit, EscalationItems items,
        IStringLocalizer<Texts> l, CancellationToken ct)
    {
        EscalationStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status) && ((wanted = TicketSync.Parse<EscalationStatus>(status)) is null || wanted is EscalationStatus.Open or EscalationStatus.Done))
            return MemberApi.BadRequest(l["Status: choose new, confirmed, needsInformation, answered, fixed or wontFix."]);
        MemberCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = MemberCursor.Decode(cursor)) is null)
            return MemberApi.BadRequest(l["cursor: pass the nextCursor of the previous page unchanged."]);
        var size = EscalationItems.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > EscalationItems.MaxLimit))
            return MemberApi.BadRequest(l["limit: enter a number from 1 to {0}.", EscalationItems.MaxLimit]);
        return TypedResults.Ok(await items.PageAsync(wanted, after, size, ct));
    }

    private static async Task<Results<Ok<EscalationItem>, ProblemHttpResult>> GetAsync(Guid id, EscalationItems items, IStringLocalizer<Texts> l, CancellationToken ct) =>
        await items.FindAsync(id, ct) is { } item ? TypedResults.Ok(item) : NotFound(l);

    private static async Task<IResult> PatchAsync(Guid id, HttpContext context, EscalationDesk desk, EscalationItems items, AppDb db, IStringLocalizer<Texts> l,
        CancellationToken ct)
    {
        if (await items.FindAsync(id, ct) is null) return NotFound(l);
        var (body, problem) = await MemberApi.ReadAsync<EscalationUpdate>(context, l, ct);
        if (body is null) return problem!;
        var by = context.User.PersonId();
        EscalationStatus? status = null;
        if (!string.IsNullOrWhiteSpace(body.Status)
            && ((status = TicketSync.Parse<EscalationStatus>(body.Status)) is not (EscalationStatus.Confirmed or EscalationStatus.NeedsInformation or EscalationStatus.Fixed
                or EscalationStatus.WontFix)))
            return Refused("status", l["Status: choose confirmed, needsInformation, fixed or wontFix."], l);
        if (status is null && body.Note is null && body.ExternalReference is null)
            return Refused("status", l["Status: send a status, a note or an external reference."], l);
        // Reference and status are one change: a refused status leaves the reference as it was too.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (body.ExternalReference is not null && await desk.SetExternalReferenceAsync(id, by, body.ExternalReference, ct) is { Succeeded: false } refused)
            return Refused("externalReference", refused.Errors[0], l);
        var result = status is { } s ? await desk.SetStatusAsync(id, by, s, body.Note, ct)
            : body.Note is not null ? await desk.AddNoteAsync(id, by, body.Note, ct) : OperationResult.Ok;
        if (!result.Succeeded)
            return Refused(result.Errors[0].StartsWith(l["Status"], StringComparison.Ordinal) ? "status" : "note", string.Join(" ", result.Errors), l);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await items.FindAsync(id, ct));
    }

    private static IResult Refused(string field, string error, IStringLocalizer l) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, detail: l["The escalation was not changed."],
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Fields refused");

    private static ProblemHttpResult NotFound(IStringLocalizer l) =>
        TypedResults.Problem(l["This escalation does not exist."], statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
