using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Members.Api;

/// <summary>
/// Where a page of the sync ended: the last member's change time and id. Opaque to clients (base64url), so the
/// order can stay (updated_at, id), which the index ix_members_updated_at_id serves, without clients relying on it.
/// </summary>
internal sealed record MemberCursor(DateTime UpdatedAt, Guid Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static MemberCursor? Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            var plain = Encoding.ASCII.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            return plain.Split(':') is [var ticks, var id]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(id, "N", out var guid)
                ? new MemberCursor(new DateTime(t, DateTimeKind.Utc), guid) : null;
        }
        catch (FormatException) { return null; }
    }
}

/// <summary>Reads members for the sync API and the webhooks, in the shape of <see cref="MemberItem"/>.</summary>
internal sealed class MemberSync(AppDb db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Members changed at or after <paramref name="since"/>, after the cursor, oldest change first.</summary>
    public async Task<MemberPage> PageAsync(DateTime? since, MemberCursor? after, int limit, CancellationToken ct = default)
    {
        var query = db.Members.AsNoTracking();
        if (since is { } from) query = query.Where(m => m.UpdatedAt >= from);
        if (after is { } c) query = query.Where(m => m.UpdatedAt > c.UpdatedAt || (m.UpdatedAt == c.UpdatedAt && m.Id.CompareTo(c.Id) > 0));
        var members = await query.OrderBy(m => m.UpdatedAt).ThenBy(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var more = members.Count > limit;
        if (more) members.RemoveAt(limit);
        var items = await ItemsAsync(members, ct);
        return new MemberPage(items, more ? new MemberCursor(members[^1].UpdatedAt, members[^1].Id).Encode() : null);
    }

    public async Task<MemberItem?> FindAsync(string number, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Number == number, ct);
        return member is null ? null : (await ItemsAsync([member], ct))[0];
    }

    /// <summary>The members with their plan's name, tags and custom values, in the order given; three queries for the whole list.</summary>
    public async Task<List<MemberItem>> ItemsAsync(IReadOnlyList<Member> members, CancellationToken ct = default)
    {
        var ids = members.Select(m => m.Id).ToList();
        var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var tags = (await db.MemberTags.AsNoTracking().Where(t => ids.Contains(t.MemberId)).ToListAsync(ct))
            .ToLookup(t => t.MemberId, t => t.Tag);
        var custom = (await db.CustomFieldValues.AsNoTracking().Where(v => ids.Contains(v.MemberId))
                .Join(db.CustomFields.AsNoTracking(), v => v.FieldId, f => f.Id, (v, f) => new { v.MemberId, f.Name, v.Value }).ToListAsync(ct))
            .ToLookup(v => v.MemberId);
        return members.Select(m => new MemberItem(m.Number, m.Salutation, m.FirstName, m.LastName, m.Company, m.Email, m.Phone, m.Language, m.Street,
            m.Postcode, m.City, m.Country, m.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StatusName(m.Status),
            m.PlanId is { } plan ? plans.GetValueOrDefault(plan) : null, tags[m.Id].Order(StringComparer.Ordinal).ToList(),
            custom[m.Id].OrderBy(v => v.Name, StringComparer.Ordinal).ToDictionary(v => v.Name, v => v.Value), m.CreatedAt, m.UpdatedAt)).ToList();
    }

    public static string StatusName(MemberStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A status by its API name (prospect, active, paused, cancelled), in any case; numbers are not names.</summary>
    public static MemberStatus? ParseStatus(string text) =>
        Enum.TryParse<MemberStatus>(text.Trim(), ignoreCase: true, out var status) && Enum.IsDefined(status) && !text.Trim().All(char.IsAsciiDigit)
            ? status : null;
}
