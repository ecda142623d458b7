using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Audit;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;

namespace RightHand.Access;

internal sealed record OperationResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly OperationResult Ok = new(true, []);
    public static OperationResult Fail(params string[] errors) => new(false, errors);

    /// <summary>For steps that cannot fail unless the code is wrong (the demo data): a failure is a bug, not input to report.</summary>
    public void ThrowIfFailed()
    {
        if (!Succeeded) throw new InvalidOperationException(string.Join("; ", Errors));
    }
}

/// <summary>
/// What the owner does with access: set up the first account, invite, accept, change roles, revoke,
/// end sessions, issue and revoke API tokens. Each operation checks its input, changes the data and
/// writes the audit trail in one save, and returns errors (already translated) instead of throwing.
/// </summary>
internal sealed class AccessOperations(AppDb db, UserManager<Person> users, Mailer mailer, TimeProvider clock, IStringLocalizer<Texts> l, AuditActorAccessor actors)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<bool> HasOwnerAsync(CancellationToken ct = default) => db.People.AnyAsync(p => p.Role == Roles.Owner, ct);

    /// <summary>Creates the owner on a fresh instance. Refused once an owner exists.</summary>
    public async Task<(OperationResult Result, Person? Owner)> CreateOwnerAsync(string name, string email, string password, string language, CancellationToken ct = default)
    {
        if (await HasOwnerAsync(ct)) return (OperationResult.Fail(l["The owner account already exists."]), null);
        var person = NewPerson(name, email, Roles.Owner, language);
        actors.Use(person);
        var result = await users.CreateAsync(person, password);
        return result.Succeeded ? (OperationResult.Ok, person) : (Fail(result), null);
    }

    /// <summary>Invites a person: stores the invitation (hash of the link's token) and mails the link in the invitee's language.</summary>
    public async Task<(OperationResult Result, string? Link)> InviteAsync(string name, string email, string role, string language, Guid? invitedBy, string baseUrl, CancellationToken ct = default)
    {
        name = name.Trim();
        email = email.Trim();
        if (name.Length == 0) return (OperationResult.Fail(l["Enter the person's name."]), null);
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _)) return (OperationResult.Fail(l["'{0}' is not a valid e-mail address.", email]), null);
        if (!Roles.IsKnown(role)) return (OperationResult.Fail(l["Unknown role '{0}'.", role]), null);
        var normalized = users.NormalizeEmail(email);
        // A revoked person may be invited again (that is how a forgotten password is replaced).
        if (await db.People.AnyAsync(p => p.NormalizedEmail == normalized && p.RevokedAt == null, ct))
            return (OperationResult.Fail(l["{0} already has an account.", email]), null);

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new Invitation
        {
            Name = name, Email = email, Role = role, Language = language, TokenHash = ApiToken.HashOf(token),
            InvitedBy = invitedBy, CreatedAt = Now, ExpiresAt = Now + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        var link = $"{baseUrl.TrimEnd('/')}/invitation/{token}";
        var (subject, body) = Cultures.In(language, () => (
            l["You are invited to RightHand"].Value,
            l["Hello {0},\n\nyou have been invited to RightHand as {1}. Open this link to choose your own password and set up sign-in:\n\n{2}\n\nThe link works once and expires on {3:d}.\n\nNobody will ever ask you for your password.", name, l[role], link, Platform.Web.Display.Local(invitation.ExpiresAt)].Value));
        await mailer.QueueAsync(db, email, name, subject, body, ct);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, link);
    }

    public async Task<Invitation?> FindOpenInvitationAsync(string token, CancellationToken ct = default)
    {
        var hash = ApiToken.HashOf(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is not null && invitation.IsOpen(Now) ? invitation : null;
    }

    /// <summary>The invitee chooses a password; the account exists from now on and the link is spent.</summary>
    public async Task<(OperationResult Result, Person? Person)> AcceptInvitationAsync(string token, string password, CancellationToken ct = default)
    {
        var invitation = await FindOpenInvitationAsync(token, ct);
        if (invitation is null) return (OperationResult.Fail(l["This invitation link is invalid, already used or expired. Ask for a new invitation."]), null);
        await using var tx = await db.BeginUnlessInTransactionAsync(ct);
        var normalized = users.NormalizeEmail(invitation.Email);
        var revoked = await db.People.FirstOrDefaultAsync(p => p.NormalizedEmail == normalized && p.RevokedAt != null, ct);
        var person = revoked ?? NewPerson(invitation.Name, invitation.Email, invitation.Role, invitation.Language);
        actors.Use(person);
        var result = revoked is null ? await users.CreateAsync(person, password) : await RestoreAsync(revoked, invitation, password);
        if (!result.Succeeded) return (Fail(result), null);
        invitation.AcceptedAt = Now;
        invitation.PersonId = person.Id;
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return (OperationResult.Ok, person);
    }

    /// <summary>
    /// A revoked person invited again keeps their id (so the trail stays theirs) but starts over: the
    /// invitation's name, role and language, a new password, and no authenticator, recovery codes or passkeys.
    /// </summary>
    private async Task<IdentityResult> RestoreAsync(Person person, Invitation invitation, string password)
    {
        db.Passkeys.RemoveRange(await db.Passkeys.Where(p => p.PersonId == person.Id).ToListAsync());
        person.Name = invitation.Name;
        person.Role = invitation.Role;
        person.Language = invitation.Language;
        person.RevokedAt = null;
        person.RevokedBy = null;
        person.TwoFactorEnabled = false;
        person.AuthenticatorKey = null;
        person.RecoveryCodes = null;
        person.AccessFailedCount = 0;
        person.LockoutEndUtc = null;
        var removed = await users.RemovePasswordAsync(person);
        return removed.Succeeded ? await users.AddPasswordAsync(person, password) : removed;
    }

    public async Task<OperationResult> WithdrawInvitationAsync(Guid id, CancellationToken ct = default)
    {
        var invitation = await db.Invitations.FindAsync([id], ct);
        if (invitation is null || !invitation.IsOpen(Now)) return OperationResult.Fail(l["The invitation is no longer open."]);
        invitation.WithdrawnAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Revokes a person's access in one step: every session ends and every token dies with the next request.</summary>
    public async Task<OperationResult> RevokeAsync(Guid personId, Guid revokedBy, CancellationToken ct = default)
    {
        var result = await StageRevocationAsync(personId, revokedBy, ct);
        if (result.Succeeded) await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// The revocation without the save, for an operation that revokes as part of a larger change saved
    /// once (offboarding: reassign everything and revoke in one transaction).
    /// </summary>
    public async Task<OperationResult> StageRevocationAsync(Guid personId, Guid revokedBy, CancellationToken ct = default)
    {
        if (personId == revokedBy) return OperationResult.Fail(l["You cannot revoke your own access."]);
        var person = await db.People.FindAsync([personId], ct);
        if (person is null || !person.IsActive) return OperationResult.Fail(l["This person has no access to revoke."]);
        if (person.Role == Roles.Owner && await db.People.CountAsync(p => p.Role == Roles.Owner && p.RevokedAt == null, ct) <= 1)
            return OperationResult.Fail(l["The last owner cannot be revoked."]);

        person.RevokedAt = Now;
        person.RevokedBy = revokedBy;
        person.SecurityStamp = Guid.NewGuid().ToString("N");
        await foreach (var session in db.Sessions.Where(s => s.PersonId == personId && s.EndedAt == null).AsAsyncEnumerable().WithCancellation(ct))
        {
            session.EndedAt = Now;
            session.EndedReason = "access revoked";
        }
        await foreach (var token in db.ApiTokens.Where(t => t.PersonId == personId && t.RevokedAt == null).AsAsyncEnumerable().WithCancellation(ct))
            token.RevokedAt = Now;
        db.Audit.Record("access_revoked", "Access", nameof(Person), person.Id.ToString(),
            new Dictionary<string, string?> { ["Person"] = person.Name, ["RevokedBy"] = revokedBy.ToString() });
        return OperationResult.Ok;
    }

    public async Task<OperationResult> ChangeRoleAsync(Guid personId, string role, Guid changedBy, CancellationToken ct = default)
    {
        if (!Roles.IsKnown(role)) return OperationResult.Fail(l["Unknown role '{0}'.", role]);
        var person = await db.People.FindAsync([personId], ct);
        if (person is null || !person.IsActive) return OperationResult.Fail(l["This person has no access."]);
        if (person.Role == role) return OperationResult.Ok;
        if (person.Role == Roles.Owner && await db.People.CountAsync(p => p.Role == Roles.Owner && p.RevokedAt == null, ct) <= 1)
            return OperationResult.Fail(l["The last owner cannot be given another role."]);
        var old = person.Role;
        person.Role = role;
        db.Audit.Record("role_changed", "Access", nameof(Person), person.Id.ToString(),
            new Dictionary<string, string?> { ["From"] = old, ["To"] = role, ["ChangedBy"] = changedBy.ToString() });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> EndSessionAsync(Guid sessionId, CancellationToken ct = default)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, ct);
        if (session is null) return OperationResult.Fail(l["The session has already ended."]);
        session.EndedAt = Now;
        session.EndedReason = "ended by owner";
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Ends every open session of a person but <paramref name="keep"/> (after a password change: whoever else had it is out).</summary>
    public async Task EndOtherSessionsAsync(Guid personId, Guid? keep, string reason, CancellationToken ct = default)
    {
        await foreach (var session in db.Sessions.Where(s => s.PersonId == personId && s.EndedAt == null && s.Id != keep).AsAsyncEnumerable().WithCancellation(ct))
        {
            session.EndedAt = Now;
            session.EndedReason = reason;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Issues a token. The secret is returned once and never stored.</summary>
    public async Task<(OperationResult Result, string? Secret)> CreateTokenAsync(string name, string role, IReadOnlyCollection<string> scopes, Guid? personId, Guid? createdBy, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length == 0) return (OperationResult.Fail(l["Give the token a name."]), null);
        if (!Roles.IsKnown(role)) return (OperationResult.Fail(l["Unknown role '{0}'.", role]), null);
        var notInRole = scopes.Where(s => !Permissions.RoleHas(role, s)).ToList();
        if (notInRole.Count > 0) return (OperationResult.Fail(l["The role {0} does not have: {1}", l[role], string.Join(", ", notInRole)]), null);
        if (personId is { } pid && !await db.People.AnyAsync(p => p.Id == pid && p.RevokedAt == null, ct))
            return (OperationResult.Fail(l["This person has no access."]), null);

        var (secret, hash, hint) = ApiToken.NewSecret();
        db.ApiTokens.Add(new ApiToken
        {
            Name = name, Role = role, Scopes = string.Join(' ', scopes.Order(StringComparer.Ordinal)), TokenHash = hash, Hint = hint,
            PersonId = personId, CreatedBy = createdBy, CreatedAt = Now,
        });
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, secret);
    }

    public async Task<OperationResult> RevokeTokenAsync(Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FindAsync([tokenId], ct);
        if (token is null || token.RevokedAt is not null) return OperationResult.Fail(l["The token is already revoked."]);
        token.RevokedAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private Person NewPerson(string name, string email, string role, string language) => new()
    {
        Name = name.Trim(), Email = email.Trim(), NormalizedEmail = users.NormalizeEmail(email.Trim()), Role = role,
        Language = language, CreatedAt = Now,
    };

    private OperationResult Fail(IdentityResult result) => new(false, result.Errors.Select(e => Translate(e)).ToList());

    // Identity's messages are English; the few a person meets here are translated.
    private string Translate(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => l["The password must have at least 12 characters."],
        "DuplicateEmail" or "DuplicateUserName" => l["This e-mail address already has an account."],
        "InvalidEmail" or "InvalidUserName" => l["This e-mail address is not valid."],
        _ => error.Description,
    };
}
