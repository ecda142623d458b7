using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Cli;

/// <summary>
/// The <c>righthand</c> command line, run in-process with its output captured. Swapping
/// <see cref="Console.Out"/> is process-wide, so every test that does it belongs to the one
/// "command line" collection (defined once, with parallelisation off, in Infrastructure/CommandLine.cs).
/// </summary>
[Collection("command line")]
public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsTheCommands_ButNotTheHiddenOne()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "serve", "migrate", "tokens", "audit", "demo", "export", "import" })
            Assert.Matches($@"(?m)^\s+{command}\s", output);
        Assert.DoesNotContain("schema-script", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedCommand_FailsWithAHint_AndTouchesNoDatabase()
    {
        await using var target = await Target.CreateAsync(Engine.Sqlite);

        var (code, _, error) = await RunAsync(["migarte", .. target.Arguments]);

        Assert.Equal(1, code);
        Assert.Contains("Unknown command 'migarte'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target.SqliteFile));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Migrate_OnAnEmptyDatabase_CreatesTheSchema_AndSucceeds(Engine engine)
    {
        await using var target = await Target.CreateAsync(engine);

        var (code, output, error) = await RunAsync(["migrate", .. target.Arguments]);

        Assert.True(code == 0, error);
        Assert.Contains("schema is up to date", output, StringComparison.Ordinal);
        Assert.Contains(engine == Engine.Postgres ? "database: PostgreSQL 127.0.0.1:" : $"database: SQLite {target.SqliteFile}", output, StringComparison.Ordinal);
        var versions = Migrator.For(engine == Engine.Postgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite).Count;
        Assert.Equal(versions, await target.CountAsync("SELECT COUNT(*) FROM schema_migrations"));

        // Again: nothing to do, still success.
        Assert.Equal(0, (await RunAsync(["migrate", .. target.Arguments])).Code);
        Assert.Equal(versions, await target.CountAsync("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task DemoLoad_FillsAnEmptyInstanceOnce_AndRefusesASecondTime(Engine engine)
    {
        await using var target = await Target.CreateAsync(engine);

        var first = await RunAsync(["demo", "load", .. target.Arguments]);
        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("demo data loaded", first.Output, StringComparison.Ordinal);
        // A fresh instance gets the demo's owner, whose password is printed once.
        Assert.Matches(@"demo owner: owner@example\.org, password \S{24} \(shown once", first.Output);
        Assert.Equal(3, await target.CountAsync("SELECT COUNT(*) FROM invitations"));
        Assert.Equal(3, await target.CountAsync("SELECT COUNT(*) FROM outgoing_mails WHERE state = 0 AND text_body LIKE '%/invitation/%'")); // Outbox: no SMTP configured
        Assert.True(await target.CountAsync("SELECT COUNT(*) FROM delegated_tasks") >= 3);
        Assert.True(await target.CountAsync("SELECT COUNT(*) FROM decision_versions") >= 3);

        var second = await RunAsync(["demo", "load", .. target.Arguments]);
        Assert.Equal(1, second.Code);
        Assert.Contains("Demo data is already loaded.", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("demo data loaded", second.Output, StringComparison.Ordinal);
        Assert.Equal(3, await target.CountAsync("SELECT COUNT(*) FROM invitations"));

        var audit = await RunAsync(["audit", "verify", .. target.Arguments]);
        Assert.True(audit.Code == 0, audit.Output);
        Assert.Matches(@"audit trail intact: [1-9]\d* entries", audit.Output);
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CommandLine.RunCapturedAsync(args);

    /// <summary>An empty database for the command line: a data folder for SQLite, a connection string for PostgreSQL.</summary>
    private sealed class Target(string dataDir, string? postgres) : IAsyncDisposable
    {
        public string SqliteFile => Path.Combine(dataDir, "righthand.db");

        public string[] Arguments => postgres is null ? ["--data-dir", dataDir] : ["--database", postgres];

        public static async Task<Target> CreateAsync(Engine engine)
        {
            var config = await TestApp.ConfigurationFor(engine);
            var dataDir = config["RIGHTHAND_DATA_DIR"]!;
            if (engine == Engine.Sqlite) Directory.Delete(dataDir); // the command must create the folder itself
            return new Target(dataDir, engine == Engine.Postgres ? config["ConnectionStrings:Postgres"] : null);
        }

        public async Task<long> CountAsync(string sql)
        {
            await using DbConnection connection = postgres is null
                ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
                : new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync()
        {
            try { if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return ValueTask.CompletedTask;
        }
    }
}
