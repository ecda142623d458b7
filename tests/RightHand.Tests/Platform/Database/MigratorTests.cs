using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Platform.Web;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Database;

/// <summary>An instance that ran an older version keeps its data and its audit trail when it upgrades.</summary>
public sealed class MigratorTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Upgrade_FromVersion1_KeepsPeopleTokensAndAnIntactAuditTrail(Engine engine)
    {
        var config = await TestApp.ConfigurationFor(engine);
        config["Jobs:Enabled"] = "false";
        var builder = WebHost.CreateBuilder([], config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Built but neither started nor migrated: the test decides how far the schema goes.
        await using var app = WebHost.Build(builder);
        try
        {
            Guid ownerId;
            long entriesAtVersion1;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var applied = await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(upTo: 1);
                Assert.Equal([1], applied.Select(m => m.Version));

                var access = scope.ServiceProvider.GetRequiredService<AccessOperations>();
                var (created, owner) = await access.CreateOwnerAsync("Jürgen Weiß", "juergen@example.org", "a long enough passphrase", "de");
                Assert.True(created.Succeeded, string.Join("; ", created.Errors));
                ownerId = owner!.Id;
                var (token, _) = await access.CreateTokenAsync("backup script", Roles.It, [], null, ownerId);
                Assert.True(token.Succeeded, string.Join("; ", token.Errors));

                var verification = await AuditChain.Verify(scope.ServiceProvider.GetRequiredService<AppDb>(), default);
                Assert.True(verification.Intact, verification.Reason);
                Assert.True(verification.Entries >= 2, $"expected the owner and the token in the trail, got {verification.Entries} entries");
                entriesAtVersion1 = verification.Entries;
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var applied = await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync();
                Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35], applied.Select(m => m.Version));

                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var owner = await db.People.AsNoTracking().SingleAsync();
                Assert.Equal((ownerId, "Jürgen Weiß", "JUERGEN@EXAMPLE.ORG", Roles.Owner), (owner.Id, owner.Name, owner.NormalizedEmail, owner.Role));
                Assert.Equal("backup script", (await db.ApiTokens.AsNoTracking().SingleAsync()).Name);
                var verification = await AuditChain.Verify(db, default);
                Assert.True(verification.Intact, verification.Reason);
                Assert.Equal(entriesAtVersion1, verification.Entries);

                // What versions 2 and 3 added works on the upgraded data, and the trail goes on from where it was.
                var (invited, _) = await scope.ServiceProvider.GetRequiredService<AccessOperations>()
                    .InviteAsync("Maria Santos", "maria@example.org", Roles.Assistant, "en", ownerId, "https://office.example");
                Assert.True(invited.Succeeded, string.Join("; ", invited.Errors));
                Assert.Equal(MailState.Outbox, (await db.OutgoingMails.AsNoTracking().SingleAsync()).State);
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
                var upgraded = await users.FindByIdAsync(ownerId.ToString());
                Assert.True((await users.AddOrUpdatePasskeyAsync(upgraded!,
                    new UserPasskeyInfo([9, 9, 9], [1], DateTimeOffset.UtcNow, 0, null, true, false, false, [2], [3]))).Succeeded);
                verification = await AuditChain.Verify(db, default);
                Assert.True(verification.Intact, verification.Reason);
                Assert.True(verification.Entries > entriesAtVersion1);
            }
        }
        finally
        {
            Directory.Delete(config["RIGHTHAND_DATA_DIR"]!, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Migrate_OnAnUpToDateDatabase_AppliesNothingAndRecordsEachVersionOnce(Engine engine)
    {
        await using var database = await ScratchDatabase.CreateAsync(engine);
        var all = Migrator.For(engine == Engine.Postgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite);
        Assert.Equal(all.Select(m => m.Version), (await database.Migrator().MigrateAsync()).Select(m => m.Version));

        Assert.Empty(await database.Migrator().MigrateAsync());
        Assert.Empty(await database.Migrator().MigrateAsync(upTo: 1));

        var recorded = await database.QueryAsync("SELECT version, name FROM schema_migrations ORDER BY version");
        Assert.Equal(all.Select(m => $"{m.Version} {m.Name}"), recorded.Select(r => $"{r[0]} {r[1]}"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Migrate_WhenAnAppliedMigrationWasEdited_RefusesToStart_AndNamesIt(Engine engine)
    {
        await using var database = await ScratchDatabase.CreateAsync(engine);
        await database.Migrator().MigrateAsync();
        var first = Migrator.For(engine == Engine.Postgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite)[0];
        // What the database remembers of version 1 no longer matches the file shipped with the app.
        await database.Db.Database.ExecuteSqlRawAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Migrator().MigrateAsync());
        Assert.Contains(first.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Migrate_FromInstancesStartingTogether_AppliesEachVersionOnce(Engine engine)
    {
        // Several app instances (or an instance and the command line) migrating one fresh database at once.
        for (var round = 0; round < 3; round++)
        {
            await using var first = await ScratchDatabase.CreateAsync(engine);
            var others = new List<ScratchDatabase>();
            try
            {
                for (var i = 0; i < 3; i++) others.Add(first.SameDatabase());
                var results = await Task.WhenAll(others.Prepend(first).Select(d => Task.Run(() => d.Migrator().MigrateAsync())));

                var all = Migrator.For(engine == Engine.Postgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite);
                Assert.Equal(all.Select(m => m.Version).Order(), results.SelectMany(r => r).Select(m => m.Version).Order());
                Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (await first.QueryAsync("SELECT COUNT(*) FROM schema_migrations"))[0][0]);
            }
            finally
            {
                foreach (var other in others) await other.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Migrations_ExistForBothEngines_WithTheSameVersionsAndNames()
    {
        var sqlite = Migrator.For(DatabaseEngine.Sqlite);
        var postgres = Migrator.For(DatabaseEngine.Postgres);
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(m => m.Name), postgres.Select(m => m.Name));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(m => m.Version));
    }
}
