using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Platform.Demo;

/// <summary>A module's contribution to the demo: believable German and English data of its own.</summary>
internal interface IDemoDataSource
{
    /// <summary>Sources run in this order; later modules may use what earlier ones created.</summary>
    int Order { get; }
    Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct);
}

/// <summary>Loads every module's demo data into an empty instance, once, in one transaction.</summary>
internal sealed class DemoData(AppDb db, IEnumerable<IDemoDataSource> sources, AccessOperations access, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private const string MarkerKey = "demo.loaded_at";
    public const string DemoOwnerName = "Greta Gründerin";
    public const string DemoOwnerEmail = "owner@example.org";

    /// <summary>
    /// Loads the demo. The delegation demo needs an owner to delegate from: when the instance has none yet
    /// (the command line on a fresh instance), <paramref name="ownerPassword"/> creates the demo owner with it,
    /// in the same transaction.
    /// </summary>
    public async Task<OperationResult> LoadAsync(CultureInfo culture, CancellationToken ct, string? ownerPassword = null)
    {
        if (await db.Settings.AnyAsync(s => s.Key == MarkerKey, ct)) return OperationResult.Fail(l["Demo data is already loaded."]);
        if (await db.People.AnyAsync(p => p.Role != Roles.Owner, ct) || await db.Invitations.AnyAsync(ct))
            return OperationResult.Fail(l["Demo data can only be loaded into an empty instance."]);

        var hasOwner = await db.People.AnyAsync(p => p.Role == Roles.Owner, ct);
        if (!hasOwner && ownerPassword is null) return OperationResult.Fail(l["Set up the owner first: the demo shows work delegated by the owner."]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!hasOwner)
        {
            var (created, _) = await access.CreateOwnerAsync(DemoOwnerName, DemoOwnerEmail, ownerPassword!, culture.TwoLetterISOLanguageName, ct);
            if (!created.Succeeded) return created;
        }
        foreach (var source in sources.OrderBy(s => s.Order)) await source.LoadAsync(db, culture, ct);
        db.Settings.Add(new Setting { Key = MarkerKey, Value = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), UpdatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OperationResult.Ok;
    }
}

/// <summary>The team an owner typically invites first: an assistant abroad (she has joined), the platform's developer and the tax adviser.</summary>
internal sealed class AccessDemoData(AccessOperations access, Audit.AuditActorAccessor actors, IConfiguration configuration) : IDemoDataSource
{
    public int Order => 0;

    public async Task LoadAsync(AppDb db, CultureInfo culture, CancellationToken ct)
    {
        var owner = await db.People.Where(p => p.Role == Roles.Owner).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var baseUrl = configuration["PublicUrl"] ?? Web.WebHost.DefaultUrl;
        (string Name, string Email, string Role, string Language)[] team =
        [
            ("Maria Santos", "maria.santos@example.org", Roles.Assistant, "en"),
            ("Jonas Becker", "jonas.becker@example.org", Roles.It, "de"),
            ("Steuerkanzlei Weber", "kanzlei@weber-steuer.example", Roles.Accountant, "de"),
        ];
        foreach (var (name, email, role, language) in team)
        {
            var (result, link) = await access.InviteAsync(name, email, role, language, owner, baseUrl, ct);
            result.ThrowIfFailed();
            // The assistant has joined, so the delegation demo has someone whose work is checked; her password
            // is random (nobody signs in as her), the others' invitations stay open.
            if (role != Roles.Assistant) continue;
            var actor = actors.Current;
            var (accepted, _) = await access.AcceptInvitationAsync(link![(link!.LastIndexOf('/') + 1)..], Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
            accepted.ThrowIfFailed();
            actors.Use(actor);
        }
    }
}

internal static class DemoDataServices
{
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services
        .AddScoped<DemoData>()
        .AddScoped<IDemoDataSource, AccessDemoData>();
}
