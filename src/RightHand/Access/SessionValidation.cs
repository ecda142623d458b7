using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Access;

/// <summary>
/// Runs on every request that carries a staff cookie: the session must still be open and its person
/// not revoked. Role and second-factor state are read fresh, so a role change also applies at once.
/// </summary>
internal static class SessionValidation
{
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirstValue(AccessClaims.SessionId), out var sid))
        {
            await Reject(context);
            return;
        }
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<AppDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var row = await db.Sessions.AsNoTracking().Where(s => s.Id == sid)
            .Select(s => new { s.EndedAt, s.LastSeenAt, s.Person!.RevokedAt, s.Person.Role, s.Person.TwoFactorEnabled, s.Person.Name })
            .FirstOrDefaultAsync();
        if (row is null || row.EndedAt is not null || row.RevokedAt is not null)
        {
            await Reject(context);
            return;
        }

        if (now - row.LastSeenAt > LastSeenResolution)
            await db.Sessions.Where(s => s.Id == sid).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));

        var twoFactor = row.TwoFactorEnabled ? "1" : "0";
        if (principal!.FindFirstValue(ClaimTypes.Role) != row.Role || principal.FindFirstValue(AccessClaims.TwoFactor) != twoFactor
            || principal.FindFirstValue(AccessClaims.DisplayName) != row.Name)
        {
            var identity = new ClaimsIdentity(principal.Claims.Where(c =>
                c.Type is not (ClaimTypes.Role or AccessClaims.TwoFactor or AccessClaims.DisplayName)), principal.Identity!.AuthenticationType);
            identity.AddClaim(new Claim(ClaimTypes.Role, row.Role));
            identity.AddClaim(new Claim(AccessClaims.TwoFactor, twoFactor));
            identity.AddClaim(new Claim(AccessClaims.DisplayName, row.Name));
            context.ReplacePrincipal(new ClaimsPrincipal(identity));
            context.ShouldRenew = true;
        }
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
