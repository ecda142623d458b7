using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Portal;
using RightHand.Support.Answers;

namespace RightHand.Support.Portal;

/// <summary>A FAQ answer suggested while a member types the subject of a new request.</summary>
internal sealed record FaqSuggestion(Guid Id, string Title, string Url);

/// <summary>The portal's ticket endpoints that are not pages: FAQ suggestions for the new-request form, and the member's attachments.</summary>
internal static class PortalTicketEndpoints
{
    public const int MaxSuggestions = 5;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/help/suggest", SuggestAsync).RequireAuthorization(Permissions.PortalSelf).ExcludeFromDescription();
        app.MapGet("/portal/tickets/attachments/{id:guid}", DownloadAsync).RequireAuthorization(Permissions.PortalSelf).ExcludeFromDescription();
    }

    /// <summary>At most five published answers matching the words typed, each linked to its place on the help page.</summary>
    private static async Task<IResult> SuggestAsync(string? q, HttpContext http, AppDb db, Faq faq, PortalSettings settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || http.User.MemberId() is not { } id
            || await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is not { } member) return Results.Json(Array.Empty<FaqSuggestion>());
        var entries = await faq.ForMemberAsync(member, (await settings.LookAsync(ct)).BusinessName, ct);
        return Results.Json(Faq.Match(entries, q.Length > 200 ? q[..200] : q, MaxSuggestions)
            .Select(e => new FaqSuggestion(e.Id, e.Title, $"/portal/help?q={Uri.EscapeDataString(e.Title)}#answer-{e.Id}")));
    }

    /// <summary>A file of a public message on the member's own ticket; anything else, however it is asked for, is not found.</summary>
    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, AppDb db, AttachmentStore store, CancellationToken ct) =>
        http.User.MemberId() is { } member && await PortalTicketQueries.AttachmentAsync(db, member, id, ct) is { } attachment
            ? AttachmentEndpoints.Send(attachment, http, store)
            : Results.NotFound();
}
