using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Web;

namespace RightHand.Support.Presence;

/// <summary>One other person on the ticket as the page's script shows it; <see cref="Text"/> is ready to show, in the reader's language.</summary>
internal sealed record PresenceItem(string Name, string State, DateTime Since, string Text);

/// <summary>The ticket page's heartbeat: who has the ticket open, who is typing (wwwroot/js/ticket-presence.js).</summary>
internal static class PresenceEndpoints
{
    public static IServiceCollection AddTicketPresence(this IServiceCollection services) => services.AddSingleton<TicketPresence>();

    public static IEndpointRouteBuilder MapTicketPresence(this IEndpointRouteBuilder app)
    {
        // A form post: ASP.NET Core checks its antiforgery token, so another site cannot make a signed-in browser report presence.
        app.MapPost("/support/tickets/{number:long}/presence", (long number, [FromForm] string? state, HttpContext context, TicketPresence presence,
                IStringLocalizer<Texts> l) =>
            {
                if (context.User.PersonId() is not { } me) return Results.Forbid();
                var others = presence.Beat(number, me, context.User.FindFirst(AccessClaims.DisplayName)?.Value ?? "", state == "typing");
                return Results.Ok(others.Select(p => new PresenceItem(p.Name, p.Typing ? "typing" : "viewing", p.Since, Describe(p, l))).ToList());
            })
            .RequireAuthorization(Permissions.SupportWork).ExcludeFromDescription();
        return app;
    }

    public static string Describe(PresentPerson person, IStringLocalizer l) => person.Typing
        ? l["{0} is typing a reply", person.Name]
        : l["{0} is viewing this ticket (since {1})", person.Name, Display.Time(person.Since)];
}
