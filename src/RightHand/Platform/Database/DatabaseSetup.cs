using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RightHand.Platform.Database;

internal enum DatabaseEngine { Sqlite, Postgres }

/// <summary>
/// Which database to use: PostgreSQL when a connection string is given (<c>ConnectionStrings:Postgres</c>,
/// or <c>--database</c> on the command line), otherwise SQLite in the data folder
/// (<c>RIGHTHAND_DATA_DIR</c>, default <c>./data</c>).
/// </summary>
internal sealed record DatabaseSettings(DatabaseEngine Engine, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDir = Path.GetFullPath(configuration["RIGHTHAND_DATA_DIR"] is { Length: > 0 } d ? d : "data");
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres)) return new(DatabaseEngine.Postgres, ForShortQueries(postgres), dataDir);
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "righthand.db"),
            // Writers wait for each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return new(DatabaseEngine.Sqlite, sqlite.ToString(), dataDir);
    }

    /// <summary>
    /// The app's queries are short (a page of a list, one record): on a small server, PostgreSQL's parallel workers
    /// for them cost more in start-up and in cores taken from the other requests than they save (the member list's
    /// tag filter at a million members: 44 ms with, 19 ms without). JIT compilation likewise: a query whose estimate
    /// crosses jit_above_cost spends more compiling than running (a ticket search's count at a million tickets: 254 ms
    /// with, 45 ms without). Options the operator set are left alone.
    /// </summary>
    /// <remarks>
    /// Also, unless the operator chose otherwise, pooled connections are not reset with DISCARD ALL each time EF returns one:
    /// a list page opens the connection once per statement, so PostgreSQL ran a dozen resets per page. The app leaves no
    /// session state behind (the migrator's advisory lock is released in a finally; transactions end when closed).
    /// And the statements the app sends most are prepared on each pooled connection (Npgsql's automatic preparation):
    /// otherwise PostgreSQL parses and plans every one anew, which was half its time for a ticket page (1.1 → 0.4 ms of
    /// PostgreSQL CPU a page, p95 under wrk 67 → 50 ms, bench/RESULTS.md §8). "Max Auto Prepare=0" turns that off, for a
    /// connection pooler that cannot keep prepared statements.
    /// </remarks>
    private const int MaxAutoPrepare = 64;

    private static string ForShortQueries(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options)) builder.Options = "-c max_parallel_workers_per_gather=0 -c jit=off";
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Engine == DatabaseEngine.Postgres) options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString);
    }

    /// <summary>A description for the health page and the log that never shows a password.</summary>
    public string Describe()
    {
        if (Engine == DatabaseEngine.Sqlite) return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}

internal static class DatabaseServices
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        if (settings.Engine == DatabaseEngine.Sqlite) Directory.CreateDirectory(settings.DataDirectory);
        services.AddSingleton(settings);
        services.AddDbContext<AppDb>(settings.Configure);
        return services;
    }
}
