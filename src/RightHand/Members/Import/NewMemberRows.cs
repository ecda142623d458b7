using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RightHand.Platform.Database;
using RightHand.Platform.Export;
using SQLitePCL;

namespace RightHand.Members.Import;

/// <summary>A member the import creates, with what belongs to them from the start.</summary>
internal sealed record NewMember(Member Member, MemberStatusChange Status, IReadOnlyList<string> Tags, IReadOnlyDictionary<Guid, string> Custom, MemberEvent Event);

/// <summary>
/// Writes new members in bulk inside the caller's EF transaction, past the change tracker: a million tracked
/// entities would need gigabytes and minutes. PostgreSQL gets binary COPY; SQLite prepared inserts. Values are
/// written in the form EF stores them (SQLite: upper-case GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF" times), so EF
/// reads these rows like its own.
/// </summary>
internal sealed class NewMemberRows(AppDb db) : IDisposable
{
    private static readonly Table<Member> Members = new("members",
        ["id", "sequence", "number", "salutation", "first_name", "last_name", "company", "email", "email_key", "name_key", "phone", "language", "street",
         "postcode", "city", "country", "date_of_birth", "status", "status_since", "plan_id", "notes", "created_at", "updated_at"],
        m => [m.Id, m.Sequence, m.Number, m.Salutation, m.FirstName, m.LastName, m.Company, m.Email, m.EmailKey, m.NameKey, m.Phone, m.Language, m.Street,
              m.Postcode, m.City, m.Country, m.DateOfBirth, (int)m.Status, m.StatusSince, m.PlanId, m.Notes, m.CreatedAt, m.UpdatedAt]);
    private static readonly Table<MemberStatusChange> StatusChanges = new("member_status_changes", ["id", "member_id", "from", "to", "at", "by"],
        c => [c.Id, c.MemberId, c.From is { } f ? (int)f : null, (int)c.To, c.At, c.By]);
    private static readonly Table<MemberTag> Tags = new("member_tags", ["member_id", "member_sequence", "tag", "last_name", "first_name"],
        t => [t.MemberId, t.MemberSequence, t.Tag, t.LastName, t.FirstName]);
    private static readonly Table<CustomFieldValue> CustomValues = new("member_custom_values", ["member_id", "field_id", "value"], v => [v.MemberId, v.FieldId, v.Value]);
    private static readonly Table<MemberEvent> Events = new("member_events", ["id", "member_id", "number", "kind", "at", "dispatched_at"],
        e => [e.Id, e.MemberId, e.Number, (int)e.Kind, e.At, e.DispatchedAt]);

    private readonly Dictionary<string, sqlite3_stmt> statements = [];
    private byte[] buffer = new byte[256];
    private DateTime? lastTime;
    private byte[] lastTimeText = [];

    public async Task WriteAsync(IReadOnlyList<NewMember> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await WriteAsync(Members, rows.Select(r => r.Member), ct);
        await WriteAsync(StatusChanges, rows.Select(r => r.Status), ct);
        await WriteAsync(Tags, rows.SelectMany(r => r.Tags.Select(t => MemberTag.Of(r.Member, t))), ct);
        await WriteAsync(CustomValues, rows.SelectMany(r => r.Custom.Select(c => new CustomFieldValue { MemberId = r.Member.Id, FieldId = c.Key, Value = c.Value })), ct);
        await WriteAsync(Events, rows.Select(r => r.Event), ct);
    }

    private async Task WriteAsync<T>(Table<T> table, IEnumerable<T> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("New members are written inside the import's transaction.");
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy = await npgsql.BeginBinaryImportAsync(
                $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var value in table.Values(row)) await WritePostgresAsync(copy, value, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }
        var statement = Prepared(table, (SqliteConnection)connection);
        foreach (var row in rows)
        {
            var values = table.Values(row);
            for (var i = 0; i < values.Length; i++) BindSqlite(statement, i + 1, values[i]);
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE) throw new SqliteException(raw.sqlite3_errmsg(((SqliteConnection)connection).Handle).utf8_to_string(), rc);
        }
    }

    /// <summary>
    /// The insert straight on SQLite's statement: Microsoft.Data.Sqlite looks every parameter up by name and wraps each
    /// execution in a reader, which for a million members cost about as much as SQLite's own work (bench/RESULTS.md §5).
    /// It runs inside the EF transaction, which is the connection's.
    /// </summary>
    private sqlite3_stmt Prepared<T>(Table<T> table, SqliteConnection connection)
    {
        if (statements.TryGetValue(table.Name, out var statement)) return statement;
        statement = SqliteRows.Prepare(connection, $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))})");
        statements[table.Name] = statement;
        return statement;
    }

    /// <summary>Binds a value as EF stores it on SQLite; texts are encoded into a reused buffer (SQLite copies them).</summary>
    private void BindSqlite(sqlite3_stmt statement, int index, object? value)
    {
        switch (value)
        {
            case null:
                raw.sqlite3_bind_null(statement, index);
                return;
            case long n:
                raw.sqlite3_bind_int64(statement, index, n);
                return;
            case int n:
                raw.sqlite3_bind_int64(statement, index, n);
                return;
            case string s:
                if (buffer.Length < s.Length * 3) buffer = new byte[s.Length * 3];
                raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(s, buffer)));
                return;
            case Guid g:
                Span<byte> guid = stackalloc byte[36];
                g.TryFormat(guid, out _);
                Ascii.ToUpperInPlace(guid, out _);
                raw.sqlite3_bind_text(statement, index, guid);
                return;
            case DateTime d:
                // Every row of an import has the same time: it is formatted once.
                if (d != lastTime)
                {
                    lastTime = d;
                    lastTimeText = Encoding.UTF8.GetBytes(d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                }
                raw.sqlite3_bind_text(statement, index, lastTimeText);
                return;
            case DateOnly d:
                Span<byte> date = stackalloc byte[10];
                d.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                raw.sqlite3_bind_text(statement, index, date);
                return;
            default:
                throw new InvalidOperationException($"No SQLite binding for {value.GetType().Name}.");
        }
    }

    private static Task WritePostgresAsync(NpgsqlBinaryImporter copy, object? value, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        Guid g => copy.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => copy.WriteAsync(s, NpgsqlDbType.Text, ct),
        long n => copy.WriteAsync(n, NpgsqlDbType.Bigint, ct),
        int n => copy.WriteAsync(n, NpgsqlDbType.Integer, ct),
        DateTime d => copy.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        DateOnly d => copy.WriteAsync(d, NpgsqlDbType.Date, ct),
        _ => throw new InvalidOperationException($"No COPY mapping for {value.GetType().Name}."),
    };

    public void Dispose()
    {
        foreach (var statement in statements.Values) statement.Dispose();
        statements.Clear();
    }

    private sealed record Table<T>(string Name, IReadOnlyList<string> Columns, Func<T, object?[]> Values);
}
