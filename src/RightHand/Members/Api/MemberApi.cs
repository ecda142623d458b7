using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using RightHand.Access;

namespace RightHand.Members.Api;

/// <summary>The body of a refused batch: problem+json with every refused item.</summary>
internal sealed record MemberBatchProblem(string Type, string Title, int Status, string Detail, IReadOnlyList<BatchItemError> Errors);

/// <summary>
/// The sync API for the platform's IT: page through changed members, read, create or change one by number, and
/// upsert up to 10,000 at once. Every route needs <see cref="Permissions.MembersSync"/>; answers that are not
/// success are problem+json, whose detail is in the caller's language (Accept-Language).
/// </summary>
internal static class MemberApi
{
    public static IServiceCollection AddMemberApi(this IServiceCollection services) => services
        .AddScoped<MemberSync>()
        .AddScoped<MemberBatch>();

    public static void MapMemberApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/members").WithTags("Members").RequireAuthorization(Permissions.MembersSync);
        api.MapGet("", ListAsync)
            .WithSummary("Members changed since a time, oldest change first, paged by cursor.")
            .WithDescription("`updatedSince`: ISO 8601 time (inclusive). `limit`: 1–1000, default 100. `cursor`: the `nextCursor` of the previous page; "
                + "`nextCursor` is null on the last page. Keep the last `updatedAt` you saw and pass it as `updatedSince` next time.");
        api.MapGet("/{number}", GetAsync).WithSummary("One member by number.");
        api.MapPut("/{number}", PutAsync)
            .Accepts<MemberUpsert>("application/json")
            .Produces<MemberItem>(StatusCodes.Status200OK).Produces<MemberItem>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Creates the member with exactly this number, or changes it.")
            .WithDescription("Contact fields are replaced as sent (left out: emptied); `language`, `status`, `plan`, `tags` and `custom` left out stay as they are. "
                + "A new number may be any unused string of at most 40 letters, digits, `-`, `_` or `.`. 422 lists the refused fields; nothing is changed then.");
        api.MapPost("/batch", BatchAsync)
            .Accepts<MemberBatchRequest>("application/json")
            .Produces<MemberBatchResult>().Produces<MemberBatchProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Creates or changes up to 10,000 members, all or nothing.")
            .WithDescription("Each item is matched by `number`, or by `email` when it has no number; new members without a number get the next numbers. "
                + "If any item is refused nothing is written and the 422 answer lists every refused item (index, number, email, field, reason).");
    }

    private static async Task<Results<Ok<MemberPage>, ProblemHttpResult>> ListAsync(string? updatedSince, string? cursor, string? limit, MemberSync sync,
        IStringLocalizer<Texts> l, CancellationToken ct)
    {
        DateTime? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (!DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return BadRequest(l["updatedSince: enter a time in ISO 8601, e.g. 2026-01-31T12:00:00Z."]);
            since = parsed.UtcDateTime;
        }
        MemberCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = MemberCursor.Decode(cursor)) is null)
            return BadRequest(l["cursor: pass the nextCursor of the previous page unchanged."]);
        var size = MemberSync.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MemberSync.MaxLimit))
            return BadRequest(l["limit: enter a number from 1 to {0}.", MemberSync.MaxLimit]);
        return TypedResults.Ok(await sync.PageAsync(since, after, size, ct));
    }

    private static async Task<Results<Ok<MemberItem>, ProblemHttpResult>> GetAsync(string number, MemberSync sync, IStringLocalizer<Texts> l, CancellationToken ct) =>
        await sync.FindAsync(number, ct) is { } item ? TypedResults.Ok(item) : NotFound(number, l);

    private static async Task<IResult> PutAsync(string number, HttpContext context, MemberBatch batch, MemberSync sync, IStringLocalizer<Texts> l, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<MemberUpsert>(context, l, ct);
        if (body is null) return problem!;
        if (body.Number is { } given && given.Trim() != number)
            return FieldProblems(l, [new BatchItemError(0, given, body.Email, "number", l["Number: send the number of the address, or none."])]);
        var outcome = await batch.UpsertAsync([body with { Number = number }], context.User.PersonId(), ct);
        if (!outcome.Succeeded) return FieldProblems(l, outcome.Errors);
        var item = (await sync.FindAsync(number, ct))!;
        return outcome.Result!.Created == 1 ? TypedResults.Created($"/api/v1/members/{Uri.EscapeDataString(number)}", item) : TypedResults.Ok(item);
    }

    private static async Task<IResult> BatchAsync(HttpContext context, MemberBatch batch, IStringLocalizer<Texts> l, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<MemberBatchRequest>(context, l, ct);
        if (body is null) return problem!;
        var items = body.Items ?? [];
        if (items.Count > MemberBatch.MaxItems)
            return TypedResults.Problem(l["items: at most {0} members per batch; this one has {1}.", MemberBatch.MaxItems, items.Count],
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        var outcome = await batch.UpsertAsync(items, context.User.PersonId(), ct);
        if (outcome.Succeeded) return TypedResults.Ok(outcome.Result);
        return TypedResults.Json(new MemberBatchProblem("https://datatracker.ietf.org/doc/html/rfc4918#section-11.2", "Items refused",
                StatusCodes.Status422UnprocessableEntity, l["{0} items were refused; nothing was written.", outcome.Errors.Select(e => e.Index).Distinct().Count()], outcome.Errors),
            statusCode: StatusCodes.Status422UnprocessableEntity, contentType: "application/problem+json");
    }

    /// <summary>Reads the JSON body ourselves, so that malformed JSON gets a problem+json answer instead of the status page.</summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context, IStringLocalizer l, CancellationToken ct) where T : class
    {
        try
        {
            var body = await context.Request.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct);
            return body is null ? (null, BadRequest(l["Body: send a JSON object."])) : (body, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, BadRequest(l["Body: this is not valid JSON for this request ({0}).", e.Message]));
        }
    }

    private static IResult FieldProblems(IStringLocalizer l, IReadOnlyList<BatchItemError> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
        detail: l["The member was not saved; nothing was changed."], statusCode: StatusCodes.Status422UnprocessableEntity, title: "Fields refused");

    internal static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static ProblemHttpResult NotFound(string number, IStringLocalizer l) =>
        TypedResults.Problem(l["No member has the number {0}.", number], statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
