using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>
/// Downloading a ticket's attachments. What a sender claims about a file decides nothing: only pictures and plain
/// text may show in the browser, and then sandboxed with MIME sniffing off; anything else (HTML, SVG, PDF, office
/// files, the unknown) is sent as a download, so no attachment ever runs as a page of the app.
/// </summary>
internal static class AttachmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/support/attachments/{id:guid}", DownloadAsync).RequireAuthorization(Permissions.SupportWork).ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext context, AppDb db, AttachmentStore store, CancellationToken ct)
    {
        var attachment = await db.TicketAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return attachment is null ? Results.NotFound() : Send(attachment, context, store);
    }

    /// <summary>Sends a file the caller has checked the reader may see (staff here, the member's own in the portal).</summary>
    public static IResult Send(TicketAttachment attachment, HttpContext context, AttachmentStore store)
    {
        if (store.OpenRead(attachment.Sha256) is not { } content) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'";
        var inline = AttachmentNames.ShowsInline(attachment.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        // Both filename (ASCII fallback) and filename* (RFC 5987, UTF-8): any name survives, and no quote or line break can break the header.
        disposition.SetHttpFileName(attachment.FileName);
        headers.ContentDisposition = disposition.ToString();
        var type = inline ? attachment.ContentType + (attachment.ContentType == "text/plain" ? "; charset=utf-8" : "") : "application/octet-stream";
        return Results.Stream(content, type, enableRangeProcessing: true);
    }
}
