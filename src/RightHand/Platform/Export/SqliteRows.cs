using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RightHand.Platform.Export;

/// <summary>
/// SQLite's side of the export, read straight from the statement: values come as the UTF-8 bytes
/// SQLite holds and go into the JSON without becoming .NET strings first. A million rows of text
/// otherwise cost as much again as SQLite itself (bench/RESULTS.md). The JSON is the same as from
/// <see cref="CanonicalValues"/> on PostgreSQL; the round-trip tests compare the two.
/// </summary>
internal static class SqliteRows
{
    /// <summary>Prepares <paramref name="sql"/> on the connection; it runs inside the connection's open transaction.</summary>
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        return statement;
    }

    /// <summary>Moves to the next row; false at the end.</summary>
    public static bool Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
    }

    public static bool IsNull(sqlite3_stmt statement, int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public static byte[] Blob(sqlite3_stmt statement, int column) => raw.sqlite3_column_blob(statement, column).ToArray();

    public static void Write(Utf8JsonWriter json, sqlite3_stmt statement, int column, Type stored)
    {
        var type = raw.sqlite3_column_type(statement, column);
        if (stored == typeof(string)) json.WriteStringValue(raw.sqlite3_column_blob(statement, column));
        else if (stored == typeof(long) || stored == typeof(int) || stored == typeof(short) || stored == typeof(byte)) json.WriteNumberValue(raw.sqlite3_column_int64(statement, column));
        else if (stored == typeof(bool)) json.WriteBooleanValue(raw.sqlite3_column_int64(statement, column) != 0);
        else if (stored == typeof(double) || stored == typeof(float)) json.WriteNumberValue(raw.sqlite3_column_double(statement, column));
        else if (type == raw.SQLITE_TEXT && stored == typeof(Guid)) WriteGuid(json, raw.sqlite3_column_blob(statement, column));
        else if (type == raw.SQLITE_TEXT && stored == typeof(DateTime)) WriteTime(json, raw.sqlite3_column_blob(statement, column));
        // EF keeps a date as yyyy-MM-dd, which is already the canonical form.
        else if (type == raw.SQLITE_TEXT && stored == typeof(DateOnly)) json.WriteStringValue(raw.sqlite3_column_blob(statement, column));
        else if (type == raw.SQLITE_TEXT && stored == typeof(decimal))
            json.WriteNumberValue(decimal.Parse(raw.sqlite3_column_blob(statement, column), NumberStyles.Number, CultureInfo.InvariantCulture));
        else throw new NotSupportedException($"The full export cannot read a {stored.Name} stored as SQLite type {type}; add it to {nameof(SqliteRows)}.");
    }

    /// <summary>EF keeps a GUID as upper-case text: lower-casing it is the canonical form.</summary>
    private static void WriteGuid(Utf8JsonWriter json, ReadOnlySpan<byte> stored)
    {
        if (!System.Buffers.Text.Utf8Parser.TryParse(stored, out Guid guid, out var used, 'D') || used != 36)
            throw new FormatException($"'{System.Text.Encoding.UTF8.GetString(stored)}' is not a GUID.");
        Span<byte> text = stackalloc byte[36];
        System.Text.Ascii.ToLower(stored, text, out _);
        json.WriteStringValue(text);
    }

    /// <summary>EF keeps a time as <c>yyyy-MM-dd HH:mm:ss</c> and up to seven digits after a point (trailing zeros left out).</summary>
    private static void WriteTime(Utf8JsonWriter json, ReadOnlySpan<byte> stored)
    {
        var digits = stored.Length == 19 ? 0 : stored.Length - 20;
        if (stored.Length < 19 || stored[10] != (byte)' ' || digits > 7 || (digits > 0 && stored[19] != (byte)'.') || digits < 0)
            throw new FormatException($"'{System.Text.Encoding.UTF8.GetString(stored)}' is not a time as EF writes it on SQLite.");
        Span<byte> text = stackalloc byte[28];
        stored[..19].CopyTo(text);
        text[10] = (byte)'T';
        text[19] = (byte)'.';
        var width = digits == 7 && stored[^1] != (byte)'0' ? 7 : 6;
        for (var i = 0; i < width; i++) text[20 + i] = i < digits ? stored[20 + i] : (byte)'0';
        text[20 + width] = (byte)'Z';
        json.WriteStringValue(text[..(21 + width)]);
    }
}
