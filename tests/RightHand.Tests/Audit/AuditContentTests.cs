using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Audit;

/// <summary>What the trail may and may not contain, and whom it names as the actor.</summary>
public sealed class AuditContentTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Trail_NeverHoldsTheKeyRingOrMailBodies_AndNamesPeopleActingForThemselves(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.InviteAndAcceptAsync(app, "Ada Assistant", "ada@example.org", "Assistant");

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();

        Assert.True(await db.DataProtectionKeys.AnyAsync(), "the app should have created its key ring by now");
        Assert.DoesNotContain(entries, e => e.EntityType == "DataProtectionKey");
        Assert.DoesNotContain(entries, e => e.Changes.Contains("<key", StringComparison.Ordinal));
        var mail = Assert.Single(entries, e => e.EntityType == "OutgoingMail" && e.Action == "created");
        Assert.Contains("\"TextBody\":{\"Old\":null,\"New\":\"(hidden)\"}", mail.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Changes.Contains("/invitation/", StringComparison.Ordinal));

        var ada = await StaffSession.PersonIdAsync(app, "ada@example.org");
        var accepted = Assert.Single(entries, e => e.EntityType == "Invitation" && e.Action == "updated" && e.Changes.Contains("AcceptedAt", StringComparison.Ordinal));
        Assert.Equal(ada, accepted.ActorPersonId);
        Assert.Equal("Ada Assistant", accepted.ActorName);
        Assert.Contains(entries, e => e.Action == "signed_in" && e.ActorPersonId == ada);
        Assert.Contains(entries, e => e.Action == "created" && e.EntityType == "Person" && e.ActorPersonId == owner.PersonId && e.EntityId == owner.PersonId.ToString());
    }
}
