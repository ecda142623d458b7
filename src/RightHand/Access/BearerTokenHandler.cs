using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightHand.Platform.Database;

namespace RightHand.Access;

/// <summary>Authenticates <c>Authorization: Bearer rh_…</c> against the stored token hashes.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash);
        if (token is null || token.RevokedAt is not null) return AuthenticateResult.Fail("The token is unknown or revoked.");
        // A person's token never grants more than the person's role grants now: a demotion narrows it at once.
        string? personRole = null;
        if (token.PersonId is { } personId)
        {
            personRole = await db.People.Where(p => p.Id == personId && p.RevokedAt == null).Select(p => p.Role).FirstOrDefaultAsync();
            if (personRole is null) return AuthenticateResult.Fail("The token's person no longer has access.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));

        var claims = new List<Claim>
        {
            new(AccessClaims.TokenId, token.Id.ToString()),
            new(AccessClaims.DisplayName, token.Name),
            new(ClaimTypes.Name, token.Name),
            new(ClaimTypes.Role, token.Role),
        };
        if (token.PersonId is { } owner) claims.Add(new Claim(ClaimTypes.NameIdentifier, owner.ToString()));
        claims.AddRange(Permissions.All.Where(p => token.Grants(p) && (personRole is null || Permissions.RoleHas(personRole, p)))
            .Select(p => new Claim(AccessClaims.Scope, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
