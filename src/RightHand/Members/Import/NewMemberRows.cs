using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RightHand.Platform.Database;

namespace RightHand.Members.Import;

/// <summary>A member the import creates, with what belongs to them from the start.</summary>
internal sealed record NewMember(Member Member, MemberStatusChange Status, IReadOnlyList<string> Tags, IReadOnlyDictionary<Guid, string> Custom, MemberEvent Event);

/// <summary>
/// Writes new members in bulk inside the caller's EF transaction, past the change tracker: a million tracked
/// entities would need gigabytes and minutes. PostgreSQL gets binary COPY; SQLite prepared inserts, which in one
/// transaction are as fast as its own loader. Values are written in the form EF stores them (SQLite: upper-case
/// GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF" times), so EF reads these rows like its own.
/// </summary>
internal sealed class NewMemberRows(AppDb db) : IAsyncDisposable
{
    private static readonly Table<Member> Members = new("members",
        ["id", "sequence", "number", "salutation", "first_name", "last_name", "company", "email", "email_key", "name_key", "phone", "language", "street",
         "postcode", "city", "country", "date_of_birth", "status", "status_since", "plan_id", "notes", "created_at", "updated_at"],
        m => [m.Id, m.Sequence, m.Number, m.Salutation, m.FirstName, m.LastName, m.Company, m.Email, m.EmailKey, m.NameKey, m.Phone, m.Language, m.Street,
              m.Postcode, m.City, m.Country, m.DateOfBirth, (int)m.Status, m.StatusSince, m.PlanId, m.Notes, m.CreatedAt, m.UpdatedAt]);
    private static readonly Table<MemberStatusChange> StatusChanges = new("member_status_changes", ["id", "member_id", "from", "to", "at", "by"],
        c => [c.Id, c.MemberId, c.From is { } f ? (int)f : null, (int)c.To, c.At, c.By]);
    private static readonly Table<MemberTag> Tags = new("member_tags", ["member_id", "member_sequence", "tag"], t => [t.MemberId, t.MemberSequence, t.Tag]);
    private static readonly Table<CustomFieldValue> CustomValues = new("member_custom_values", ["member_id", "field_id", "value"], v => [v.MemberId, v.FieldId, v.Value]);
    private static readonly Table<MemberEvent> Events = new("member_events", ["id", "member_id", "number", "kind", "at", "dispatched_at"],
        e => [e.Id, e.MemberId, e.Number, (int)e.Kind, e.At, e.DispatchedAt]);

    private readonly Dictionary<string, DbCommand> prepared = [];

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
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("New members are written inside the import's transaction.");
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
        var command = Prepared(table, connection);
        command.Transaction = transaction;
        foreach (var row in rows)
        {
            var values = table.Values(row);
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = SqliteValue(values[i]);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private DbCommand Prepared<T>(Table<T> table, DbConnection connection)
    {
        if (prepared.TryGetValue(table.Name, out var command)) return command;
        command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"$p{i}";
            command.Parameters.Add(parameter);
        }
        prepared[table.Name] = command;
        return command;
    }

    private static object SqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };

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

    public async ValueTask DisposeAsync()
    {
        foreach (var command in prepared.Values) await command.DisposeAsync();
        prepared.Clear();
    }

    private sealed record Table<T>(string Name, IReadOnlyList<string> Columns, Func<T, object?[]> Values);
}
