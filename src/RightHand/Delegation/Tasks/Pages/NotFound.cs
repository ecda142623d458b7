using Microsoft.AspNetCore.Diagnostics;

namespace RightHand.Delegation.Tasks.Pages;

/// <summary>
/// Answers 404 from a page that shows its own "does not exist" text. The status-code pages are switched
/// off for the response: re-executing /status/404 inside the same Blazor request fails with a 500.
/// A form posted to such a page is refused by the form machinery (no such form on the page, 400).
/// </summary>
internal static class NotFound
{
    public static void Answer(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) return;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
