using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Formats.Mime;

namespace RightHand.Support.Inbound;

/// <summary>What became of a posted mail: the ticket's number (null when none) and the outcome in kebab case.</summary>
internal sealed record InboundMailResult(long? Ticket, string Outcome);

/// <summary>
/// The alternative to <c>righthand mail receive</c> for a mail server on another machine: POST the raw message with a
/// token scoped to <see cref="Permissions.SupportInbound"/>, which can deliver mail and nothing else.
/// </summary>
internal static class InboundMailApi
{
    public static void MapInboundMailApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/inbound-mail", ReceiveAsync).WithTags("Support").RequireAuthorization(Permissions.SupportInbound)
            .Accepts<Stream>("message/rfc822", "application/octet-stream")
            .Produces<InboundMailResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Takes one received mail onto the support desk.")
            .WithDescription("The body is the raw message as received (RFC 5322), at most 35 MB. The mail is threaded onto its ticket by "
                + "In-Reply-To/References or by `[#10234]` in the subject from the requester's address, or it opens a ticket; a delivery-status "
                + "report becomes a note on the ticket of the reply it reports. `outcome`: `ticket-created`, `message-added`, `bounce-recorded`, "
                + "`already-received` (the same Message-ID again: nothing added), `unknown-bounce` (kept for the owner). A mail that cannot be "
                + "taken is kept for the owner and answered 422 with the reason.");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, MailIntake intake, IStringLocalizer<Texts> l, CancellationToken ct)
    {
        var limit = new MimeLimits().MaxMessageBytes;
        var type = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("message/rfc822" or "application/octet-stream"))
            return TypedResults.Problem(l["Send the raw message with Content-Type message/rfc822 or application/octet-stream."],
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        if (context.Request.ContentLength > limit) return TooLarge(l, limit);
        // The server's default request limit (30 MB) is below a mail's; this route reads up to its own limit and one byte more.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return TooLarge(l, limit);
            buffer.Write(chunk, 0, read);
        }
        var result = await intake.ReceiveAsync(buffer.ToArray(), ct);
        if (result.IsRejected)
            return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Mail rejected");
        return TypedResults.Ok(new InboundMailResult(result.TicketNumber, Outcome(result.Outcome)));
    }

    public static string Outcome(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.TicketCreated => "ticket-created",
        IntakeOutcome.MessageAdded => "message-added",
        IntakeOutcome.BounceRecorded => "bounce-recorded",
        IntakeOutcome.AlreadyReceived => "already-received",
        IntakeOutcome.UnknownBounce => "unknown-bounce",
        _ => "rejected",
    };

    private static ProblemHttpResult TooLarge(IStringLocalizer l, int limit) =>
        TypedResults.Problem(l["The message is larger than {0} MB.", limit / 1024 / 1024], statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
}
