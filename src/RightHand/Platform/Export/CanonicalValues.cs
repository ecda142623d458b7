using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace RightHand.Platform.Export;

/// <summary>
/// How a stored value is written to, and read from, the archive, so that the same row gives the same
/// JSON on SQLite and PostgreSQL: times as UTC ISO 8601 with microseconds (the finest PostgreSQL keeps;
/// a SQLite time finer than that keeps its seventh digit rather than lose it), GUIDs in lower case,
/// dates as yyyy-MM-dd, booleans as booleans, numbers (and enums, stored as numbers) as numbers. Binary values are not
/// written here: they go to <c>files/</c> (see <see cref="FullExport"/>). SQLite's rows take a faster
/// path with the same result (<see cref="SqliteRows"/>).
/// </summary>
internal static class CanonicalValues
{
    /// <summary>Calendar dates (a deadline, the day time was logged) as ISO 8601 dates.</summary>
    private const string DateFormat = "yyyy-MM-dd";

    public static void Write(Utf8JsonWriter json, DbDataReader reader, int ordinal, Type stored)
    {
        if (stored == typeof(string)) json.WriteStringValue(reader.GetString(ordinal));
        else if (stored == typeof(Guid)) WriteGuid(json, reader.GetGuid(ordinal));
        else if (stored == typeof(DateTime)) WriteTime(json, reader.GetDateTime(ordinal));
        else if (stored == typeof(DateTimeOffset)) WriteTime(json, reader.GetFieldValue<DateTimeOffset>(ordinal).UtcDateTime);
        else if (stored == typeof(DateOnly)) json.WriteStringValue(reader.GetFieldValue<DateOnly>(ordinal).ToString(DateFormat, CultureInfo.InvariantCulture));
        else if (stored == typeof(bool)) json.WriteBooleanValue(reader.GetBoolean(ordinal));
        else if (stored == typeof(long) || stored == typeof(int) || stored == typeof(short) || stored == typeof(byte)) json.WriteNumberValue(reader.GetInt64(ordinal));
        else if (stored == typeof(decimal)) json.WriteNumberValue(reader.GetDecimal(ordinal));
        else if (stored == typeof(double) || stored == typeof(float)) json.WriteNumberValue(reader.GetDouble(ordinal));
        else throw Unsupported(stored);
    }

    private static void WriteGuid(Utf8JsonWriter json, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _);
        json.WriteStringValue(text);
    }

    private static void WriteTime(Utf8JsonWriter json, DateTime value)
    {
        Span<char> text = stackalloc char[28];
        json.WriteStringValue(text[..FormatTime(value, text)]);
    }

    public static string Time(DateTime value)
    {
        Span<char> text = stackalloc char[28];
        return new string(text[..FormatTime(value, text)]);
    }

    private static int FormatTime(DateTime value, Span<char> text)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        // "O" is the runtime's fast path (yyyy-MM-ddTHH:mm:ss.fffffffZ); its seventh digit goes when it is zero.
        utc.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        if (text[26] != '0') return length;
        text[26] = 'Z';
        return 27;
    }

    public static object Read(JsonElement value, Type stored)
    {
        if (stored == typeof(string)) return value.GetString()!;
        if (stored == typeof(Guid)) return Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture);
        if (stored == typeof(DateTime)) return DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (stored == typeof(DateTimeOffset)) return DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (stored == typeof(DateOnly)) return DateOnly.ParseExact(value.GetString()!, DateFormat, CultureInfo.InvariantCulture);
        if (stored == typeof(bool)) return value.GetBoolean();
        if (stored == typeof(long)) return value.GetInt64();
        if (stored == typeof(int)) return value.GetInt32();
        if (stored == typeof(short)) return value.GetInt16();
        if (stored == typeof(byte)) return value.GetByte();
        if (stored == typeof(decimal)) return value.GetDecimal();
        if (stored == typeof(double)) return value.GetDouble();
        if (stored == typeof(float)) return value.GetSingle();
        throw Unsupported(stored);
    }

    /// <summary>Checks that a JSON value has the shape <see cref="Write"/> gives a column of this type (without reading it).</summary>
    public static bool Fits(JsonElement value, Type stored) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => stored == typeof(string) || stored == typeof(Guid) || stored == typeof(DateTime) || stored == typeof(DateTimeOffset) || stored == typeof(DateOnly),
        JsonValueKind.True or JsonValueKind.False => stored == typeof(bool),
        JsonValueKind.Number => stored.IsPrimitive || stored == typeof(decimal),
        JsonValueKind.Object => stored == typeof(byte[]),
        _ => false,
    };

    private static NotSupportedException Unsupported(Type stored) =>
        new($"The full export does not know how to write a {stored.Name} column yet; add it to {nameof(CanonicalValues)}.");
}
