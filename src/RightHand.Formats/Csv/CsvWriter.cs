using System.Text;

namespace RightHand.Formats.Csv;

/// <summary>
/// Writes RFC 4180 CSV for spreadsheets: fields quoted when needed, CRLF line ends, and cells that a
/// spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR) prefixed with
/// an apostrophe (OWASP's advice against CSV injection).
/// </summary>
public sealed class CsvWriter(TextWriter writer, char separator = ',')
{
    public void WriteRow(params IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(separator);
            first = false;
            writer.Write(Escape(field ?? "", separator));
        }
        writer.Write("\r\n");
    }

    public static string Escape(string value, char separator = ',')
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) < 0) return value;
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value) sb.Append(c == '"' ? "\"\"" : c.ToString());
        return sb.Append('"').ToString();
    }
}
