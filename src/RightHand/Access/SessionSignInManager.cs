using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightHand.Audit;
using RightHand.Platform.Database;

namespace RightHand.Access;

/// <summary>
/// Identity's sign-in, with one addition: every sign-in opens a <see cref="UserSession"/> whose id
/// goes into the cookie, and is written to the audit trail.
/// </summary>
internal sealed class SessionSignInManager(
    UserManager<Person> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<Person> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<Person>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Person> confirmation, AppDb db, TimeProvider clock, AuditActorAccessor actors)
    : SignInManager<Person>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(Person user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var http = Context;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            PersonId = user.Id, CreatedAt = now, LastSeenAt = now,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
        };
        db.Sessions.Add(session);
        actors.Use(user);
        var claims = additionalClaims.ToList();
        var details = new Dictionary<string, string?> { ["Session"] = session.Id.ToString(), ["Ip"] = session.IpAddress };
        if (claims.FirstOrDefault(c => c.Type == AccessClaims.SignedInWith) is { } via) details["With"] = via.Value;
        db.Audit.Record("signed_in", "Access", nameof(Person), user.Id.ToString(), details);
        await db.SaveChangesAsync();
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. claims, new Claim(AccessClaims.SessionId, session.Id.ToString())]);
    }

    /// <summary>
    /// Passkey sign-in, checked like a password sign-in (a revoked or locked-out person is refused) and
    /// opening a session like every sign-in. The ceremony's challenge waits in the two-factor cookie
    /// (rh.2fa) since <see cref="SignInManager{TUser}.MakePasskeyRequestOptionsAsync"/>; without it this fails.
    /// A passkey asserted with user verification (fingerprint, face or device PIN; we require it, see
    /// AccessModule) is something the person has and something they are or know: it counts as both
    /// factors, so no authenticator code is asked for and the session is marked as two-factor.
    /// </summary>
    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        if (string.IsNullOrEmpty(credentialJson)) return SignInResult.Failed;
        PasskeyAssertionResult<Person> assertion;
        try { assertion = await PerformPasskeyAssertionAsync(credentialJson); }
        catch (InvalidOperationException) { return SignInResult.Failed; } // no ceremony under way: options expired or never asked for
        if (!assertion.Succeeded || assertion.User is not { IsActive: true } user || !assertion.Passkey.IsUserVerified)
            return SignInResult.Failed;
        if (await PreSignInCheck(user) is { } refused) return refused;
        // Stores the new signature counter, which lets a cloned authenticator be noticed.
        if (!(await UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded) return SignInResult.Failed;
        await ResetLockout(user);
        await SignInWithClaimsAsync(user, new AuthenticationProperties(), [new Claim("amr", "mfa"), new Claim(AccessClaims.SignedInWith, "passkey")]);
        return SignInResult.Success;
    }

    public override async Task SignOutAsync()
    {
        if (Guid.TryParse(Context.User.FindFirstValue(AccessClaims.SessionId), out var sid))
        {
            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sid && s.EndedAt == null);
            if (session is not null)
            {
                session.EndedAt = clock.GetUtcNow().UtcDateTime;
                session.EndedReason = "signed out";
                await db.SaveChangesAsync();
            }
        }
        await base.SignOutAsync();
    }

    private static string? Truncate(string value, int max) => value.Length == 0 ? null : value.Length <= max ? value : value[..max];
}

/// <summary>The claims in a staff cookie: id, e-mail, display name, role, and whether the second factor is set up.</summary>
internal sealed class PersonClaimsFactory(UserManager<Person> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Person>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(AccessClaims.DisplayName, user.Name));
        identity.AddClaim(new Claim(AccessClaims.TwoFactor, user.TwoFactorEnabled ? "1" : "0"));
        return identity;
    }
}
