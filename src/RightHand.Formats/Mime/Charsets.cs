using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Charset names from messages to .NET encodings. Everything Encoding.GetEncoding knows with the code pages provider
/// registered is accepted; ISO-8859-1 and US-ASCII are read as Windows-1252 (as browsers do: mailers label Windows
/// text with them, and 1252 is a superset of the printable Latin-1 range). Unknown or missing charsets: UTF-8 if the
/// bytes are valid UTF-8, else Windows-1252.
/// </summary>
internal static class Charsets
{
    // Field initialisers run before a static constructor body, so the provider is registered right here.
    public static readonly Encoding Windows1252 = LoadWindows1252();
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Decodes text in a declared charset; unknown ones and bytes the charset cannot hold are reported.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, ProblemList problems)
    {
        if (string.IsNullOrWhiteSpace(charset)) return DecodeUnlabelled(bytes);
        var encoding = Find(charset, out var known);
        if (!known) problems.Add(MimeProblemCode.UnknownCharset, Printable(charset));
        if (encoding is null) return DecodeUnlabelled(bytes);
        if (encoding.CodePage == Encoding.UTF8.CodePage && !System.Text.Unicode.Utf8.IsValid(bytes))
            problems.Add(MimeProblemCode.InvalidBytesForCharset, "text declared as UTF-8 is not valid UTF-8");
        return encoding.GetString(bytes);
    }

    /// <summary>Text without a usable label: UTF-8 if the bytes are valid UTF-8 (ASCII is), otherwise Windows-1252.</summary>
    public static string DecodeUnlabelled(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? Utf8.GetString(bytes) : Windows1252.GetString(bytes);

    /// <summary>
    /// The encoding for a charset name, or null for the labels that mean "guess" (US-ASCII, unknown-8bit, names .NET
    /// does not know); <paramref name="known"/> is false only for names that are not charsets at all.
    /// </summary>
    public static Encoding? Find(string charset, out bool known)
    {
        known = true;
        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "us-ascii" or "ascii" or "ansi_x3.4-1968" or "unknown-8bit" or "x-unknown" or "8bit" or "default":
                return null;
            case "utf-8" or "utf8" or "x-utf8":
                return Utf8;
            case "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "latin-1" or "l1"
                or "windows-1252" or "cp1252" or "cp-1252" or "win-1252" or "x-cp1252":
                return Windows1252;
            case "iso8859-15" or "iso_8859-15" or "latin9" or "latin-9" or "latin-0":
                name = "iso-8859-15";
                break;
        }
        // UTF-7 is obsolete in .NET and a known vehicle for filter evasion; text in it is read as a guess instead.
        if (name.Length is 0 or > 40 || name.Contains("utf-7", StringComparison.Ordinal) || !IsToken(name))
        {
            known = false;
            return null;
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            known = false;
            return null;
        }
        catch (NotSupportedException)
        {
            known = false;
            return null;
        }
    }

    private static Encoding LoadWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            if (c is <= ' ' or > '~') return false;
        }
        return true;
    }

    private static string Printable(string value)
    {
        var text = HeaderText.Clean(value);
        return text.Length > 40 ? text[..40] : text;
    }
}
