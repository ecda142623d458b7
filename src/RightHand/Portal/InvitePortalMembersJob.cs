using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Portal;

/// <summary>The filtered member list to invite, as its query string, and who asked.</summary>
internal sealed record InvitePortalMembersPayload(string Filter, Guid InvitedBy, string BaseUrl);

/// <summary>
/// Invites a large filtered list in the background, a batch per save. It can stop and start again at any point:
/// each batch asks afresh for members without an account or open invitation, so nobody is invited twice.
/// </summary>
internal sealed class InvitePortalMembersJob(AppDb db, PortalAccounts accounts) : IJobHandler
{
    public const string JobKind = "portal.invite";
    /// <summary>Up to this many are invited at once while staff wait; more go to the background.</summary>
    public const int InlineLimit = 50;
    private const int Batch = 100;

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<InvitePortalMembersPayload>();
        var filter = MemberFilter.From(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(payload.Filter))) with { Page = 1 };
        var total = await accounts.NotYetInvited(filter.Apply(db)).CountAsync(ct);
        var done = 0;
        while (true)
        {
            var batch = await accounts.NotYetInvited(filter.Apply(db)).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            var invited = await accounts.InviteManyAsync(batch, payload.InvitedBy, payload.BaseUrl, ct);
            if (invited == 0) break;
            done += invited;
            db.ChangeTracker.Clear();
            await context.ReportProgressAsync(total == 0 ? 100 : done * 100 / total, $"{done} / {total}");
        }
    }
}
