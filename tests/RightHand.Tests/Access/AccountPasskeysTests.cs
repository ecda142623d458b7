using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Access;

/// <summary>The passkeys section of "My account": renaming and removing are plain forms, limited to one's own passkeys.</summary>
public sealed class AccountPasskeysTests
{
    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Owner_RenamesAndRemovesTheirPasskey_AndTheTrailSaysSo(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var id = await AddPasskeyAsync(app, owner.PersonId, "Laptop");

        var page = await Html.GetAsync(owner.Client, "/account");
        Assert.Contains("Laptop", page.QuerySelector("section#passkeys table")!.TextContent, StringComparison.Ordinal);

        var renamed = await owner.Client.SubmitAsync("/account", $"rename-passkey-{id}", new Dictionary<string, string> { ["PasskeyName"] = "  Phone " });
        Assert.Contains("Passkey renamed.", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Phone", await NameOfAsync(app, id));

        var removed = await owner.Client.SubmitAsync("/account", $"remove-passkey-{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Passkey removed.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await NameOfAsync(app, id));

        await using var scope = app.Scope();
        var trail = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Passkey) && e.EntityId == id.ToString()).Select(e => new { e.Action, e.ActorPersonId }).ToListAsync();
        Assert.Contains(trail, e => e.Action == "updated" && e.ActorPersonId == owner.PersonId);
        Assert.Contains(trail, e => e.Action == "deleted" && e.ActorPersonId == owner.PersonId);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task NobodySeesOrRemovesAnotherPersonsPasskey(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas Becker", "jonas@example.org", Roles.It);
        var ownersPasskey = await AddPasskeyAsync(app, owner.PersonId, "Owner's phone");

        var page = await Html.GetAsync(it.Client, "/account");

        Assert.DoesNotContain("Owner's phone", page.QuerySelector("section#passkeys")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"remove-passkey-{ownersPasskey}", Html.FormNames(page));
        Assert.Equal("Owner's phone", await NameOfAsync(app, ownersPasskey));
    }

    private static async Task<Guid> AddPasskeyAsync(TestApp app, Guid personId, string name)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var credentialId = Guid.NewGuid().ToByteArray();
        var person = await users.FindByIdAsync(personId.ToString());
        Assert.True((await users.AddOrUpdatePasskeyAsync(person!, new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, [4], [5]) { Name = name })).Succeeded);
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Passkeys.Where(p => p.CredentialId == credentialId).Select(p => p.Id).SingleAsync();
    }

    private static async Task<string?> NameOfAsync(TestApp app, Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Passkeys.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
    }
}
