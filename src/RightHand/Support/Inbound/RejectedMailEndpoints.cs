using Microsoft.Net.Http.Headers;
using RightHand.Access;

namespace RightHand.Support.Inbound;

/// <summary>Downloading a kept mail: always as a file (message/rfc822 read by a mail program), never shown as a page of the app.</summary>
internal static class RejectedMailEndpoints
{
    public static void MapRejectedMail(this IEndpointRouteBuilder app) =>
        app.MapGet("/support/rejected-mail/files/{name}", Download).RequireAuthorization(Permissions.SupportSettings).ExcludeFromDescription();

    private static IResult Download(string name, HttpContext context, RejectedMailFolder folder)
    {
        if (folder.OpenRead(name) is not { } content) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(content, "application/octet-stream");
    }
}
