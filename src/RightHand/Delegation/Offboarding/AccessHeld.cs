using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;
using RightHand.Platform.Web;

namespace RightHand.Delegation.Offboarding;

/// <summary>Signed-in browsers: they do not change hands, they end with the revocation of access.</summary>
internal sealed class SessionsHeld(AppDb db, IStringLocalizer<Texts> l) : IOffboardingSource
{
    public string Kind => "sessions";
    public string Heading => l["Sessions"];
    public int Order => 80;
    public bool Reassigns => false;

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct) =>
        (await db.Sessions.AsNoTracking().Where(s => s.PersonId == person && s.EndedAt == null).OrderBy(s => s.CreatedAt).ToListAsync(ct))
            .Select(s => new HeldItem(l["Signed in {0}", Display.Time(s.CreatedAt)], s.UserAgent)).ToList();

    public Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct) => Task.FromResult(0);
}

/// <summary>API tokens: a token is a person's key, never handed on; it is revoked with the access.</summary>
internal sealed class ApiTokensHeld(AppDb db, IStringLocalizer<Texts> l) : IOffboardingSource
{
    public string Kind => "tokens";
    public string Heading => l["API tokens"];
    public int Order => 90;
    public bool Reassigns => false;

    public async Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct) =>
        (await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == person && t.RevokedAt == null).OrderBy(t => t.CreatedAt).ToListAsync(ct))
            .Select(t => new HeldItem(t.Name, $"{t.Hint}…")).ToList();

    public Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct) => Task.FromResult(0);
}
