using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;

namespace RightHand.Portal;

/// <summary>
/// The portal's own sign-in: a cookie scheme of its own, whose cookie is sent only to /portal, so a member's
/// cookie never reaches the staff area and a staff cookie never counts in the portal (the portal's policy asks
/// only this scheme). The principal carries the member's id and number and the role Member; it has no
/// NameIdentifier, so nothing that reads a staff person's id from a principal mistakes a member for one.
/// </summary>
internal static class PortalSession
{
    public const string Scheme = "Portal";
    public const string MemberIdClaim = "rh:member";
    public const string NumberClaim = "rh:member-number";
    public const string StampClaim = "rh:portal-stamp";

    public static Guid? MemberId(this ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == Scheme && Guid.TryParse(user.FindFirstValue(MemberIdClaim), out var id) ? id : null;

    /// <summary>Signs the member in and answers the portal in their language from now on.</summary>
    public static async Task SignInAsync(HttpContext http, Member member, PortalAccount account)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(MemberIdClaim, member.Id.ToString()), new Claim(NumberClaim, member.Number), new Claim(ClaimTypes.Role, Roles.Member),
            new Claim(AccessClaims.DisplayName, member.FullName), new Claim(StampClaim, account.SecurityStamp),
        ], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        SetLanguage(http, member.Language);
    }

    public static void SetLanguage(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Cultures.ForLanguage(language))),
            new CookieOptions { Expires = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "rh.portal";
        o.Cookie.Path = "/portal";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.LoginPath = "/portal/sign-in";
        o.LogoutPath = "/portal/sign-out";
        o.AccessDeniedPath = "/portal/sign-in";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>
    /// On every request: the account must still exist with the stamp the cookie was issued with (a new password
    /// or a removed account ends every other session at once).
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(StampClaim);
        if (principal?.MemberId() is not { } memberId || stamp is null)
        {
            await RejectAsync(context);
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDb>();
        if (!await db.PortalAccounts.AsNoTracking().AnyAsync(a => a.MemberId == memberId && a.SecurityStamp == stamp)) await RejectAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
