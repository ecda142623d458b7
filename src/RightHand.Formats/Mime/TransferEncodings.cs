namespace RightHand.Formats.Mime;

/// <summary>
/// Content-Transfer-Encoding decoders (RFC 2045 section 6), lenient as real mail needs: base64 skips characters
/// outside its alphabet and survives missing or misplaced padding; quoted-printable keeps an '=' it cannot read.
/// Both run in one pass over the input.
/// </summary>
internal static class TransferEncodings
{
    public static byte[] Decode(ReadOnlySpan<byte> content, string encoding, ProblemList problems) => encoding switch
    {
        "base64" => Base64(content, problems),
        "quoted-printable" => QuotedPrintable(content, problems),
        "" or "7bit" or "8bit" or "binary" => content.ToArray(),
        _ => Unknown(content, encoding, problems),
    };

    private static byte[] Unknown(ReadOnlySpan<byte> content, string encoding, ProblemList problems)
    {
        problems.Add(MimeProblemCode.UnknownTransferEncoding, HeaderText.Clean(encoding.Length > 40 ? encoding[..40] : encoding));
        return content.ToArray();
    }

    /// <param name="problems">Null where a fault is not worth a report (encoded words in headers).</param>
    public static byte[] Base64(ReadOnlySpan<byte> content, ProblemList? problems)
    {
        var output = new byte[(content.Length / 4 * 3) + 3];
        var length = 0;
        int quad = 0, count = 0;
        var garbage = false;
        foreach (var b in content)
        {
            var value = Base64Value(b);
            if (value >= 0)
            {
                quad = (quad << 6) | value;
                if (++count == 4)
                {
                    output[length++] = (byte)(quad >> 16);
                    output[length++] = (byte)(quad >> 8);
                    output[length++] = (byte)quad;
                    quad = count = 0;
                }
            }
            else if (b == '=')
            {
                // Padding ends a group early; some mailers concatenate padded chunks, so reading goes on after it.
                length = Flush(output, length, quad, count, ref garbage);
                quad = count = 0;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                garbage = true;
            }
        }
        length = Flush(output, length, quad, count, ref garbage);
        if (garbage) problems?.Add(MimeProblemCode.InvalidBase64, "characters outside the base64 alphabet were skipped");
        return output.AsSpan(0, length).ToArray();
    }

    private static int Flush(byte[] output, int length, int quad, int count, ref bool garbage)
    {
        switch (count)
        {
            case 1:
                garbage = true;
                break;
            case 2:
                output[length++] = (byte)(quad >> 4);
                break;
            case 3:
                output[length++] = (byte)(quad >> 10);
                output[length++] = (byte)(quad >> 2);
                break;
        }
        return length;
    }

    private static int Base64Value(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    public static byte[] QuotedPrintable(ReadOnlySpan<byte> content, ProblemList problems)
    {
        var output = new byte[content.Length];
        var length = 0;
        // Blanks at the end of a line were added in transport and must go (RFC 2045 6.7 rule 3); "=20" must stay.
        var trailingBlanks = 0;
        var invalid = false;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b == '=')
            {
                if (i + 2 < content.Length && HexValue((char)content[i + 1]) is var high and >= 0 && HexValue((char)content[i + 2]) is var low and >= 0)
                {
                    output[length++] = (byte)((high << 4) | low);
                    trailingBlanks = 0;
                    i += 2;
                    continue;
                }
                var j = i + 1;
                while (j < content.Length && content[j] is (byte)' ' or (byte)'\t') j++;
                if (j == content.Length || content[j] is (byte)'\r' or (byte)'\n')
                {
                    // A soft line break: "=" at the end of a line (blanks after it are transport damage).
                    if (j < content.Length && content[j] == '\r') j++;
                    if (j < content.Length && content[j] == '\n') j++;
                    i = j - 1;
                    trailingBlanks = 0;
                    continue;
                }
                invalid = true;
                output[length++] = b;
                trailingBlanks = 0;
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                length -= trailingBlanks;
                trailingBlanks = 0;
                output[length++] = b;
            }
            else
            {
                output[length++] = b;
                trailingBlanks = b is (byte)' ' or (byte)'\t' ? trailingBlanks + 1 : 0;
            }
        }
        if (invalid) problems.Add(MimeProblemCode.InvalidQuotedPrintable, "an '=' not followed by two hex digits was kept as is");
        return output.AsSpan(0, length).ToArray();
    }

    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
