using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Access;

/// <summary>
/// ASP.NET Core Identity's storage for <see cref="Person"/>, written against our own DbContext (the
/// EF-based Identity stores are not available here, and we want recovery codes stored hashed anyway).
/// The user name is the e-mail address.
/// </summary>
internal sealed class PersonStore(AppDb db, TimeProvider clock) :
    IUserPasswordStore<Person>, IUserEmailStore<Person>, IUserSecurityStampStore<Person>, IUserTwoFactorStore<Person>,
    IUserAuthenticatorKeyStore<Person>, IUserTwoFactorRecoveryCodeStore<Person>, IUserLockoutStore<Person>, IUserPasskeyStore<Person>
{
    public void Dispose() { }

    public Task<string> GetUserIdAsync(Person user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(Person user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(Person user, string? userName, CancellationToken ct) { user.Email = userName ?? user.Email; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(Person user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(Person user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? user.NormalizedEmail; return Task.CompletedTask; }

    public async Task<IdentityResult> CreateAsync(Person user, CancellationToken ct)
    {
        db.People.Add(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(Person user, CancellationToken ct)
    {
        if (db.Entry(user).State == EntityState.Detached) db.People.Update(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(Person user, CancellationToken ct)
    {
        db.People.Remove(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<Person?> FindByIdAsync(string userId, CancellationToken ct) =>
        Guid.TryParse(userId, out var id) ? await db.People.FindAsync([id], ct) : null;

    public Task<Person?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        db.People.FirstOrDefaultAsync(p => p.NormalizedEmail == normalizedUserName, ct);

    public Task SetPasswordHashAsync(Person user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(Person user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(Person user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(Person user, string? email, CancellationToken ct) { user.Email = email ?? user.Email; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(Person user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    // An invitation link reaches only the owner of the address, so accepting it confirms it.
    public Task<bool> GetEmailConfirmedAsync(Person user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(Person user, bool confirmed, CancellationToken ct) => Task.CompletedTask;
    public Task<Person?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) => FindByNameAsync(normalizedEmail, ct);
    public Task<string?> GetNormalizedEmailAsync(Person user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(Person user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? user.NormalizedEmail; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(Person user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(Person user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task SetTwoFactorEnabledAsync(Person user, bool enabled, CancellationToken ct) { user.TwoFactorEnabled = enabled; return Task.CompletedTask; }
    public Task<bool> GetTwoFactorEnabledAsync(Person user, CancellationToken ct) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(Person user, string key, CancellationToken ct) { user.AuthenticatorKey = key; return Task.CompletedTask; }
    public Task<string?> GetAuthenticatorKeyAsync(Person user, CancellationToken ct) => Task.FromResult(user.AuthenticatorKey);

    public Task ReplaceCodesAsync(Person user, IEnumerable<string> recoveryCodes, CancellationToken ct)
    {
        user.RecoveryCodes = string.Join(';', recoveryCodes.Select(HashCode));
        return Task.CompletedTask;
    }

    public Task<bool> RedeemCodeAsync(Person user, string code, CancellationToken ct)
    {
        var codes = (user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(HashCode(code))) return Task.FromResult(false);
        user.RecoveryCodes = string.Join(';', codes);
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(Person user, CancellationToken ct) =>
        Task.FromResult((user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Person user, CancellationToken ct) =>
        Task.FromResult<DateTimeOffset?>(user.LockoutEndUtc is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null);
    public Task SetLockoutEndDateAsync(Person user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEndUtc = lockoutEnd?.UtcDateTime; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(Person user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(Person user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(Person user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(Person user, CancellationToken ct) => Task.FromResult(true);
    public Task SetLockoutEnabledAsync(Person user, bool enabled, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Identity calls this twice: after registration (a new row) and after every passkey sign-in, with the
    /// new signature counter and flags (so an existing row counts as used now). Like the other setters it
    /// only stages the change; UserManager saves through <see cref="UpdateAsync"/>.
    /// </summary>
    public async Task AddOrUpdatePasskeyAsync(Person user, UserPasskeyInfo passkey, CancellationToken ct)
    {
        var row = await db.Passkeys.FirstOrDefaultAsync(p => p.PersonId == user.Id && p.CredentialId == passkey.CredentialId, ct);
        if (row is null)
        {
            db.Passkeys.Add(new Passkey
            {
                PersonId = user.Id, CredentialId = passkey.CredentialId, PublicKey = passkey.PublicKey, Name = passkey.Name,
                CreatedAt = passkey.CreatedAt.UtcDateTime, SignCount = passkey.SignCount,
                Transports = passkey.Transports is { Length: > 0 } t ? string.Join(',', t) : null,
                IsUserVerified = passkey.IsUserVerified, IsBackupEligible = passkey.IsBackupEligible, IsBackedUp = passkey.IsBackedUp,
                AttestationObject = passkey.AttestationObject, ClientDataJson = passkey.ClientDataJson,
            });
            return;
        }
        // Only what an authenticator can change; the key and the attestation stay as registered.
        row.SignCount = passkey.SignCount;
        row.IsUserVerified = passkey.IsUserVerified;
        row.IsBackedUp = passkey.IsBackedUp;
        if (passkey.Name is not null) row.Name = passkey.Name;
        row.LastUsedAt = clock.GetUtcNow().UtcDateTime;
    }

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(Person user, CancellationToken ct) =>
        (await db.Passkeys.AsNoTracking().Where(p => p.PersonId == user.Id).OrderBy(p => p.CreatedAt).ToListAsync(ct))
        .Select(p => p.ToInfo()).ToList();

    public async Task<Person?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken ct)
    {
        var personId = await db.Passkeys.Where(p => p.CredentialId == credentialId).Select(p => (Guid?)p.PersonId).FirstOrDefaultAsync(ct);
        return personId is { } id ? await db.People.FindAsync([id], ct) : null;
    }

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(Person user, byte[] credentialId, CancellationToken ct) =>
        (await db.Passkeys.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == user.Id && p.CredentialId == credentialId, ct))?.ToInfo();

    public async Task RemovePasskeyAsync(Person user, byte[] credentialId, CancellationToken ct)
    {
        var row = await db.Passkeys.FirstOrDefaultAsync(p => p.PersonId == user.Id && p.CredentialId == credentialId, ct);
        if (row is not null) db.Passkeys.Remove(row);
    }

    // Recovery codes are passwords: keep only their hashes, compared without case or dashes.
    private static string HashCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));
}
