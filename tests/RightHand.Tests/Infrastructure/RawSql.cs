using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace RightHand.Tests.Infrastructure;

/// <summary>
/// Plain SQL against a test app's database, from outside the app (an operator with a database shell):
/// for tampering with data the app itself would refuse to change.
/// </summary>
public static class RawSql
{
    public static string? PostgresConnectionString(this TestApp app) =>
        app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres") is { Length: > 0 } cs ? cs : null;

    public static async Task<int> ExecuteSqlAsync(this TestApp app, string sql)
    {
        await using var connection = Open(app);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static DbConnection Open(TestApp app) => app.PostgresConnectionString() is { } cs
        ? new NpgsqlConnection(cs)
        // Not pooled, so the test's connection does not keep the file open after it.
        : new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(app.DataDirectory, "righthand.db"), Pooling = false, DefaultTimeout = 30,
        }.ToString());
}
