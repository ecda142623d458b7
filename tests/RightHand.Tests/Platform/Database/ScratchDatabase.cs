using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RightHand.Audit;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Platform.Database;

/// <summary>
/// A fresh, empty database (SQLite file in a temp folder, or a new PostgreSQL database) with a bare
/// <see cref="AppDb"/> on it and no app around it: for tests that build the schema themselves.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string dataDir;

    private readonly DbContextOptions<AppDb> options;

    private ScratchDatabase(DbContextOptions<AppDb> options, string dataDir)
    {
        this.options = options;
        Db = NewContext(options);
        this.dataDir = dataDir;
    }

    public AppDb Db { get; }

    public static async Task<ScratchDatabase> CreateAsync(Engine engine)
    {
        var config = await TestApp.ConfigurationFor(engine);
        var settings = DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        var options = new DbContextOptionsBuilder<AppDb>();
        settings.Configure(options);
        return new ScratchDatabase(options.Options, config["RIGHTHAND_DATA_DIR"]!);
    }

    /// <summary>A second handle on the same database (its own context and connection), as another instance would have; disposing it leaves the database.</summary>
    public ScratchDatabase SameDatabase() => new(options, dataDir) { OwnsData = false };

    private bool OwnsData { get; init; } = true;

    private static AppDb NewContext(DbContextOptions<AppDb> options) =>
        new(options, new AuditRecorder(new AuditActorAccessor(new HttpContextAccessor()), TimeProvider.System));

    public Migrator Migrator() => new(Db, NullLogger<Migrator>.Instance);

    /// <summary>Runs a query and returns every row as invariant strings ("null" for NULL).</summary>
    public async Task<List<string[]>> QueryAsync(string sql)
    {
        var connection = Db.Database.GetDbConnection();
        await Db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string[]>();
            while (await reader.ReadAsync())
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "null";
                rows.Add(row);
            }
            return rows;
        }
        finally
        {
            await Db.Database.CloseConnectionAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (!OwnsData) return;
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
