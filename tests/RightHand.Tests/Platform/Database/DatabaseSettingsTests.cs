using Microsoft.Extensions.Configuration;
using RightHand.Platform.Database;
using Xunit;

namespace RightHand.Tests.Platform.Database;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void From_WithoutConnectionString_IsSqliteInTheDataFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "righthand-settings-test");
        var settings = DatabaseSettings.From(Configuration(("RIGHTHAND_DATA_DIR", dir)));

        Assert.Equal(DatabaseEngine.Sqlite, settings.Engine);
        Assert.Equal($"SQLite {Path.Combine(dir, "righthand.db")}", settings.Describe());
    }

    [Fact]
    public void Describe_ForPostgres_NeverShowsThePassword()
    {
        var settings = DatabaseSettings.From(Configuration(("ConnectionStrings:Postgres", "Host=db.internal;Port=5433;Database=office;Username=rh;Password=s3cret-Passw0rd")));

        Assert.Equal(DatabaseEngine.Postgres, settings.Engine);
        Assert.Equal("PostgreSQL db.internal:5433/office", settings.Describe());
    }

    [Fact]
    public void Postgres_RunsWithoutParallelWorkersJitOrResets_AndPreparesStatements_UnlessTheOperatorSetThem()
    {
        var plain = DatabaseSettings.From(Configuration(("ConnectionStrings:Postgres", "Host=db;Database=office;Username=rh")));
        Assert.Equal("-c max_parallel_workers_per_gather=0 -c jit=off", new Npgsql.NpgsqlConnectionStringBuilder(plain.ConnectionString).Options);

        Assert.True(new Npgsql.NpgsqlConnectionStringBuilder(plain.ConnectionString).NoResetOnClose);
        Assert.Equal(64, new Npgsql.NpgsqlConnectionStringBuilder(plain.ConnectionString).MaxAutoPrepare);

        var own = DatabaseSettings.From(Configuration(("ConnectionStrings:Postgres",
            "Host=db;Database=office;Username=rh;Options=-c work_mem=64MB;No Reset On Close=false;Max Auto Prepare=0")));
        Assert.Equal("-c work_mem=64MB", new Npgsql.NpgsqlConnectionStringBuilder(own.ConnectionString).Options);
        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(own.ConnectionString).NoResetOnClose);
        Assert.Equal(0, new Npgsql.NpgsqlConnectionStringBuilder(own.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("IdempotencyKey", "idempotency_key")]
    [InlineData("LockoutEndUtc", "lockout_end_utc")]
    [InlineData("OutgoingMail", "outgoing_mail")]
    [InlineData("PK_Jobs", "pk_jobs")]
    [InlineData("IX_Jobs_State_RunAfter", "ix_jobs_state_run_after")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("to", "to")]
    public void SnakeCase_GivesTheNamesTheMigrationsUse(string name, string expected) =>
        Assert.Equal(expected, ModelConventions.SnakeCase(name));

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
