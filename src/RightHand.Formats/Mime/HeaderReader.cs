namespace RightHand.Formats.Mime;

/// <summary>A header field as read: its name and its value unfolded but not yet decoded.</summary>
internal readonly record struct HeaderField(string Name, string Raw);

/// <summary>
/// Reads the header block at the start of a message or part (RFC 5322 section 2.2): fields up to the first empty
/// line, continuation lines joined. Lines may end in CRLF or LF alone. A line that is neither a field nor a
/// continuation ends the block (senders that forget the empty line before the body do this).
/// </summary>
internal static class HeaderReader
{
    public static List<HeaderField> Read(ReadOnlySpan<byte> bytes, MimeLimits limits, ProblemList problems, out int bodyStart)
    {
        var fields = new List<HeaderField>();
        int fieldStart = -1, nameEnd = 0, fieldEnd = 0;
        var pos = 0;
        var tooMany = false;
        while (pos < bytes.Length)
        {
            var newline = bytes[pos..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? bytes.Length : pos + newline;
            var next = newline < 0 ? bytes.Length : lineEnd + 1;
            var line = bytes[pos..lineEnd];
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.Length == 0)
            {
                Flush(bytes, ref fieldStart, nameEnd, fieldEnd, fields, limits, problems, ref tooMany);
                bodyStart = next;
                return fields;
            }
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (fieldStart >= 0) fieldEnd = lineEnd;
                else problems.Add(MimeProblemCode.MalformedHeaderLine, "continuation line before any field");
            }
            else if (FieldNameLength(line) is var nameLength and > 0)
            {
                Flush(bytes, ref fieldStart, nameEnd, fieldEnd, fields, limits, problems, ref tooMany);
                fieldStart = pos;
                nameEnd = pos + nameLength;
                fieldEnd = lineEnd;
            }
            else if (pos == 0 && line.StartsWith("From "u8))
            {
                // The envelope line of an mbox file ("From sender date") that a local delivery agent may pass on.
            }
            else
            {
                Flush(bytes, ref fieldStart, nameEnd, fieldEnd, fields, limits, problems, ref tooMany);
                problems.Add(MimeProblemCode.MalformedHeaderLine, "a line without a field name ended the header");
                bodyStart = pos;
                return fields;
            }
            pos = next;
        }
        Flush(bytes, ref fieldStart, nameEnd, fieldEnd, fields, limits, problems, ref tooMany);
        bodyStart = bytes.Length;
        return fields;

        static void Flush(ReadOnlySpan<byte> bytes, ref int fieldStart, int nameEnd, int fieldEnd, List<HeaderField> fields,
            MimeLimits limits, ProblemList problems, ref bool tooMany)
        {
            if (fieldStart < 0) return;
            var name = bytes[fieldStart..nameEnd].TrimEnd(" \t"u8);
            var value = bytes[(nameEnd + 1)..fieldEnd];
            fieldStart = -1;
            if (fields.Count >= limits.MaxHeaderCount)
            {
                if (!tooMany) problems.Add(MimeProblemCode.TooManyHeaders, $"more than {limits.MaxHeaderCount} fields");
                tooMany = true;
                return;
            }
            if (value.Length > limits.MaxHeaderLength)
            {
                problems.Add(MimeProblemCode.HeaderTooLong, $"{HeaderText.Ascii(name)} is longer than {limits.MaxHeaderLength} bytes");
                value = value[..limits.MaxHeaderLength];
            }
            fields.Add(new HeaderField(HeaderText.Ascii(name), HeaderText.Unfold(value).Trim()));
        }
    }

    // A field name is printable US-ASCII except colon (RFC 5322 section 3.6.8); obsolete syntax allows blanks before the colon.
    private static int FieldNameLength(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0) return 0;
        var name = line[..colon].TrimEnd(" \t"u8);
        if (name.Length == 0) return 0;
        foreach (var b in name)
        {
            if (b is < 33 or > 126) return 0;
        }
        return colon;
    }
}
