using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;

namespace RightHand.Portal;

/// <summary>
/// Members' portal accounts: invitations by staff, self-registration, passwords, sign-in links and password resets.
/// Every link is a random token of which only the hash is stored, works once and expires. Whoever asks for a link
/// by e-mail address is told the same thing whether or not the address is known; only the address's owner learns more.
/// </summary>
internal sealed class PortalAccounts(AppDb db, Mailer mailer, TimeProvider clock, IStringLocalizer<Texts> l, AuditActorAccessor actors,
    PortalSettings settings, MemberRegister register)
{
    private const int MinPasswordLength = 12;
    private static readonly PasswordHasher<PortalAccount> Hasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Invites one member: a mail in their language with a link to choose a password. An earlier open invitation stops working.</summary>
    public async Task<OperationResult> InviteAsync(Guid memberId, Guid invitedBy, string baseUrl, CancellationToken ct = default)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return OperationResult.Fail(l["This member does not exist."]);
        if (await db.PortalAccounts.AnyAsync(a => a.MemberId == memberId && a.PasswordHash != null, ct))
            return OperationResult.Fail(l["{0} already has a portal account.", member.FullName]);
        await foreach (var old in db.PortalLinks.Where(k => k.MemberId == memberId && k.Purpose == PortalLinkPurpose.Invitation && k.UsedAt == null)
                           .AsAsyncEnumerable().WithCancellation(ct))
            old.ExpiresAt = Now < old.ExpiresAt ? Now : old.ExpiresAt;
        await StageInvitationAsync(member, invitedBy, baseUrl, await settings.LookAsync(ct), ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Invites those of the given members who have neither an account nor an open invitation, in one save; returns
    /// how many were invited. Run again with the same members it invites nobody twice.
    /// </summary>
    public async Task<int> InviteManyAsync(IReadOnlyCollection<Guid> memberIds, Guid invitedBy, string baseUrl, CancellationToken ct = default)
    {
        var now = Now;
        var members = await db.Members.Where(m => memberIds.Contains(m.Id)
                && !db.PortalAccounts.Any(a => a.MemberId == m.Id)
                && !db.PortalLinks.Any(k => k.MemberId == m.Id && k.Purpose == PortalLinkPurpose.Invitation && k.UsedAt == null && k.ExpiresAt > now))
            .ToListAsync(ct);
        if (members.Count == 0) return 0;
        var look = await settings.LookAsync(ct);
        foreach (var member in members) await StageInvitationAsync(member, invitedBy, baseUrl, look, ct);
        await db.SaveChangesAsync(ct);
        return members.Count;
    }

    /// <summary>
    /// Invites every member of a filtered list who has no account and no open invitation: a short list at once, a
    /// long one as a background job. Returns how many are (or will be) invited and whether a job does it.
    /// </summary>
    public async Task<(int Count, bool Queued)> InviteListAsync(MemberFilter filter, Guid invitedBy, string baseUrl, CancellationToken ct = default)
    {
        var first = await NotYetInvited(filter.Apply(db)).Take(InvitePortalMembersJob.InlineLimit + 1).ToListAsync(ct);
        if (first.Count <= InvitePortalMembersJob.InlineLimit) return (await InviteManyAsync(first, invitedBy, baseUrl, ct), false);
        var count = await NotYetInvited(filter.Apply(db)).CountAsync(ct);
        await db.EnqueueAsync(InvitePortalMembersJob.JobKind, new InvitePortalMembersPayload(filter.ToQuery(), invitedBy, baseUrl), Now, ct: ct);
        await db.SaveChangesAsync(ct);
        return (count, true);
    }

    /// <summary>The members of a list who would get an invitation: no account, no open invitation.</summary>
    public IQueryable<Guid> NotYetInvited(IQueryable<Member> members)
    {
        var now = Now;
        return members.Where(m => !db.PortalAccounts.Any(a => a.MemberId == m.Id)
                && !db.PortalLinks.Any(k => k.MemberId == m.Id && k.Purpose == PortalLinkPurpose.Invitation && k.UsedAt == null && k.ExpiresAt > now))
            .Select(m => m.Id);
    }

    private async Task StageInvitationAsync(Member member, Guid? invitedBy, string baseUrl, PortalLook look, CancellationToken ct)
    {
        var link = StageLink(member.Id, null, PortalLinkPurpose.Invitation, invitedBy, baseUrl, "invitation");
        var (subject, body) = Cultures.In(member.Language, () => (
            l["Your access to the {0} member portal", look.BusinessName].Value,
            l["Hello {0},\n\n{1} invites you to its member portal. There you can see and correct your contact data and choose which news you receive.\n\nOpen this link to choose your password:\n\n{2}\n\nThe link works once and until {3}.", member.FullName, look.BusinessName, link.Url, Display.Time(link.Link.ExpiresAt)].Value));
        await mailer.QueueAsync(db, member.Email, member.FullName, subject, body, ct);
    }

    /// <summary>An open link of one of the purposes, or null (unknown, used or expired).</summary>
    public async Task<PortalLink?> FindOpenLinkAsync(string token, IReadOnlyCollection<PortalLinkPurpose> purposes, CancellationToken ct = default)
    {
        var hash = ApiToken.HashOf(token);
        var link = await db.PortalLinks.FirstOrDefaultAsync(k => k.TokenHash == hash, ct);
        return link is not null && link.IsOpen(Now) && purposes.Contains(link.Purpose) ? link : null;
    }

    public static readonly IReadOnlyList<PortalLinkPurpose> PasswordLinks = [PortalLinkPurpose.Invitation, PortalLinkPurpose.PasswordReset, PortalLinkPurpose.Registration];

    /// <summary>
    /// The member chooses a password through an invitation, reset or registration link; the link is spent and the
    /// address confirmed. A registration of an address the register did not know creates the member now, as a prospect.
    /// </summary>
    public async Task<(OperationResult Result, Member? Member, PortalAccount? Account)> SetPasswordAsync(string token, string? password, string? confirm,
        NewMemberName? name, CancellationToken ct = default)
    {
        var link = await FindOpenLinkAsync(token, PasswordLinks, ct);
        if (link is null) return (OperationResult.Fail(l["This link is invalid, already used or expired. Ask for a new one."]), null, null);
        if ((password?.Length ?? 0) < MinPasswordLength) return (OperationResult.Fail(l["Password: at least {0} characters.", MinPasswordLength]), null, null);
        if (password != confirm) return (OperationResult.Fail(l["The two passwords differ."]), null, null);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        Member? member;
        if (link.MemberId is { } id) member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, ct);
        else
        {
            var (created, newMember) = await CreateRegisteredMemberAsync(link.Email!, name, ct);
            if (!created.Succeeded) return (created, null, null);
            member = newMember;
            link.MemberId = member!.Id;
        }
        if (member is null) return (OperationResult.Fail(l["This link is invalid, already used or expired. Ask for a new one."]), null, null);

        actors.Use(AuditActor.Member(member.Number));
        var account = await db.PortalAccounts.FirstOrDefaultAsync(a => a.MemberId == member.Id, ct);
        if (account is null)
        {
            account = new PortalAccount { MemberId = member.Id, CreatedAt = Now };
            db.PortalAccounts.Add(account);
        }
        account.PasswordHash = Hasher.HashPassword(account, password!);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.EmailConfirmedAt ??= Now;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = Now;
        link.UsedAt = Now;
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, member, account);
    }

    private async Task<(OperationResult, Member?)> CreateRegisteredMemberAsync(string email, NewMemberName? name, CancellationToken ct)
    {
        // The same address may have been registered by staff since the link was sent: then it is that member's.
        var key = email.Trim().ToLowerInvariant();
        if (await db.Members.FirstOrDefaultAsync(m => m.EmailKey == key, ct) is { } existing) return (OperationResult.Ok, existing);
        var draft = new MemberDraft(null, name?.FirstName, name?.LastName, null, email, null, name?.Language is "en" ? "en" : "de",
            null, null, null, null, null, null, null, null);
        actors.Use(AuditActor.Anonymous);
        return await register.CreateAsync(draft, Guid.Empty, ct);
    }

    /// <summary>Checks e-mail and password. Wrong passwords are counted; after five the account waits 15 minutes.</summary>
    public async Task<(OperationResult Result, Member? Member, PortalAccount? Account)> SignInAsync(string? email, string? password, CancellationToken ct = default)
    {
        var wrong = OperationResult.Fail(l["The e-mail address or the password is wrong."]);
        var key = email?.Trim().ToLowerInvariant() ?? "";
        var member = key.Length == 0 ? null : await db.Members.FirstOrDefaultAsync(m => m.EmailKey == key, ct);
        var account = member is null ? null : await db.PortalAccounts.FirstOrDefaultAsync(a => a.MemberId == member.Id, ct);
        if (member is null || account?.PasswordHash is null)
        {
            db.Audit.Record("sign_in_failed", "Portal", nameof(PortalAccount), "-", new Dictionary<string, string?> { ["Email"] = email });
            await db.SaveChangesAsync(ct);
            return (wrong, null, null);
        }
        actors.Use(AuditActor.Member(member.Number));
        if (account.IsLocked(Now))
        {
            db.Audit.Record("sign_in_locked_out", "Portal", nameof(PortalAccount), account.Id.ToString());
            await db.SaveChangesAsync(ct);
            return (OperationResult.Fail(l["Too many failed attempts: this account is locked for 15 minutes."]), null, null);
        }
        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "") == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= PortalAccount.MaxFailedSignIns) (account.LockedUntil, account.FailedSignIns) = (Now + PortalAccount.LockTime, 0);
            db.Audit.Record("sign_in_failed", "Portal", nameof(PortalAccount), account.Id.ToString());
            await db.SaveChangesAsync(ct);
            return (wrong, null, null);
        }
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = Now;
        db.Audit.Record("signed_in", "Portal", nameof(PortalAccount), account.Id.ToString());
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, member, account);
    }

    /// <summary>
    /// Mails a sign-in link (or a password reset link) if a member with an account has this address; otherwise
    /// does nothing. The caller shows the same words either way.
    /// </summary>
    public async Task RequestLinkAsync(string? email, PortalLinkPurpose purpose, string baseUrl, CancellationToken ct = default)
    {
        var key = email?.Trim().ToLowerInvariant() ?? "";
        var member = key.Length == 0 ? null : await db.Members.FirstOrDefaultAsync(m => m.EmailKey == key, ct);
        if (member is null || !await db.PortalAccounts.AnyAsync(a => a.MemberId == member.Id, ct)) return;
        var look = await settings.LookAsync(ct);
        var reset = purpose == PortalLinkPurpose.PasswordReset;
        var link = StageLink(member.Id, null, reset ? PortalLinkPurpose.PasswordReset : PortalLinkPurpose.SignIn, null, baseUrl, reset ? "invitation" : "link");
        var (subject, body) = Cultures.In(member.Language, () => reset
            ? (l["Choose a new password for the {0} member portal", look.BusinessName].Value,
                l["Hello {0},\n\nsomeone asked to reset your password for the member portal. Open this link to choose a new one:\n\n{1}\n\nThe link works once and until {2}. If you did not ask for it, ignore this mail.", member.FullName, link.Url, Display.Time(link.Link.ExpiresAt)].Value)
            : (l["Your sign-in link for the {0} member portal", look.BusinessName].Value,
                l["Hello {0},\n\nopen this link to sign in to the member portal:\n\n{1}\n\nThe link works once and for 15 minutes. If you did not ask for it, ignore this mail.", member.FullName, link.Url].Value));
        await mailer.QueueAsync(db, member.Email, member.FullName, subject, body, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Spends a sign-in link; the address is confirmed by it. Null when the link is unknown, used or expired.</summary>
    public async Task<(Member Member, PortalAccount Account)?> RedeemSignInLinkAsync(string token, CancellationToken ct = default)
    {
        var link = await FindOpenLinkAsync(token, [PortalLinkPurpose.SignIn], ct);
        if (link?.MemberId is not { } memberId) return null;
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        var account = await db.PortalAccounts.FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        if (member is null || account is null) return null;
        actors.Use(AuditActor.Member(member.Number));
        link.UsedAt = Now;
        account.EmailConfirmedAt ??= Now;
        account.LastSignInAt = Now;
        db.Audit.Record("signed_in", "Portal", nameof(PortalAccount), account.Id.ToString(), new Dictionary<string, string?> { ["With"] = "link" });
        await db.SaveChangesAsync(ct);
        return (member, account);
    }

    /// <summary>
    /// Self-registration (only when the owner allows it): a confirmation link goes to the address. A known member
    /// without an account gets a link to choose a password; one with an account gets a password reset link; an
    /// unknown address gets a link that creates a prospect member once it is confirmed.
    /// </summary>
    public async Task RegisterAsync(string? email, string baseUrl, CancellationToken ct = default)
    {
        if (Formats.Csv.EmailAddresses.Check(email) is not null) return;
        var address = email!.Trim();
        var key = address.ToLowerInvariant();
        var member = await db.Members.FirstOrDefaultAsync(m => m.EmailKey == key, ct);
        if (member is not null && await db.PortalAccounts.AnyAsync(a => a.MemberId == member.Id && a.PasswordHash != null, ct))
        {
            await RequestLinkAsync(address, PortalLinkPurpose.PasswordReset, baseUrl, ct);
            return;
        }
        var look = await settings.LookAsync(ct);
        var link = StageLink(member?.Id, member is null ? address : null, PortalLinkPurpose.Registration, null, baseUrl, "invitation");
        var language = member?.Language ?? Cultures.LanguageOf(System.Globalization.CultureInfo.CurrentUICulture);
        var (subject, body) = Cultures.In(language, () => (
            l["Confirm your registration for the {0} member portal", look.BusinessName].Value,
            l["Hello,\n\nsomeone registered this address for the {0} member portal. Open this link to confirm it and choose your password:\n\n{1}\n\nThe link works once and until {2}. If you did not register, ignore this mail.", look.BusinessName, link.Url, Display.Time(link.Link.ExpiresAt)].Value));
        await mailer.QueueAsync(db, address, member?.FullName, subject, body, ct);
        await db.SaveChangesAsync(ct);
    }

    private (PortalLink Link, string Url) StageLink(Guid? memberId, string? email, PortalLinkPurpose purpose, Guid? by, string baseUrl, string route)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new PortalLink
        {
            MemberId = memberId, Email = email, Purpose = purpose, TokenHash = ApiToken.HashOf(token), CreatedAt = Now,
            ExpiresAt = Now + PortalLink.LifetimeOf(purpose), CreatedBy = by,
        };
        db.PortalLinks.Add(link);
        return (link, $"{baseUrl.TrimEnd('/')}/portal/{route}/{token}");
    }
}

/// <summary>The name a self-registered member gives when they confirm an address the register did not know.</summary>
internal sealed record NewMemberName(string? FirstName, string? LastName, string? Language);
