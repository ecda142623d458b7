using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Export;

/// <summary>An instance the command line imports into: an empty data folder for SQLite, a fresh database for PostgreSQL.</summary>
internal sealed class EmptyInstance(Dictionary<string, string?> configuration, Engine engine)
{
    public Dictionary<string, string?> Configuration => configuration;
    public Engine Engine => engine;

    private string? Postgres => configuration.GetValueOrDefault("ConnectionStrings:Postgres");

    public string[] Arguments => Postgres is { } cs ? ["--database", cs] : ["--data-dir", configuration["RIGHTHAND_DATA_DIR"]!];

    public static async Task<EmptyInstance> CreateAsync(Engine engine) => new(await TestApp.ConfigurationFor(engine), engine);

    public async Task<long> CountAsync(string table)
    {
        await using DbConnection connection = Postgres is { } cs
            ? new NpgsqlConnection(cs)
            : new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(configuration["RIGHTHAND_DATA_DIR"]!, "righthand.db"), Pooling = false,
            }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Reading and rewriting export zips in tests.</summary>
internal static class Archives
{
    public static Dictionary<string, byte[]> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }, StringComparer.Ordinal);
    }

    public static void Write(string path, IReadOnlyDictionary<string, byte[]> entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }
    }

    public static JsonElement Manifest(IReadOnlyDictionary<string, byte[]> entries) => JsonDocument.Parse(entries["manifest.json"]).RootElement;

    public static string[] Lines(byte[] jsonl) => System.Text.Encoding.UTF8.GetString(jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Row by row; a failure names the table and shows the first differing row from both sides.</summary>
    public static void AssertSameRows(string table, byte[] expected, byte[] actual)
    {
        var (a, b) = (Lines(expected), Lines(actual));
        var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        Assert.True(at < 0 && a.Length == b.Length,
            at < 0 ? $"{table}: {a.Length} rows exported, {b.Length} after the round trip" : $"{table}, row {at + 1}:\n  before: {a[at]}\n  after:  {b[at]}");
    }
}
