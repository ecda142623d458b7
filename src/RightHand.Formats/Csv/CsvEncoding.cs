using System.Text;

namespace RightHand.Formats.Csv;

/// <summary>The text encodings the reader recognises.</summary>
public enum CsvEncoding
{
    Utf8,
    Utf8WithBom,
    Utf16LittleEndian,
    Utf16BigEndian,
    /// <summary>Western European Windows ("ANSI"): what German Excel writes for "CSV (Trennzeichen-getrennt)".</summary>
    Windows1252,
}

/// <summary>Decides the encoding from the first bytes of a file.</summary>
internal static class CsvEncodingDetector
{
    static CsvEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// A byte order mark decides. Without one, UTF-16 is recognised by its zero bytes in every other place
    /// (ASCII text), then UTF-8 if the sample is valid UTF-8, otherwise Windows-1252. Returns the length
    /// of the byte order mark to skip.
    /// </summary>
    public static (CsvEncoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (CsvEncoding.Utf8WithBom, 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (CsvEncoding.Utf16LittleEndian, 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (CsvEncoding.Utf16BigEndian, 2);
        if (LooksLikeUtf16(sample, zeroAtOdd: true)) return (CsvEncoding.Utf16LittleEndian, 0);
        if (LooksLikeUtf16(sample, zeroAtOdd: false)) return (CsvEncoding.Utf16BigEndian, 0);
        return IsUtf8(sample) ? (CsvEncoding.Utf8, 0) : (CsvEncoding.Windows1252, 0);
    }

    public static Encoding ToEncoding(CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Utf8 or CsvEncoding.Utf8WithBom => new UTF8Encoding(false, false),
        CsvEncoding.Utf16LittleEndian => new UnicodeEncoding(false, false, false),
        CsvEncoding.Utf16BigEndian => new UnicodeEncoding(true, false, false),
        CsvEncoding.Windows1252 => Encoding.GetEncoding(1252),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    // A sample cut in the middle of a multi-byte character is still valid: flush: false leaves the tail pending.
    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        try
        {
            new UTF8Encoding(false, true).GetDecoder().GetCharCount(sample, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // Latin text in UTF-16 without a mark: nearly all high (or low) bytes are zero, the others nearly never.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> sample, bool zeroAtOdd)
    {
        var pairs = Math.Min(sample.Length / 2, 512);
        if (pairs < 4) return false;
        int zeroWhereExpected = 0, zeroElsewhere = 0;
        for (var i = 0; i < pairs; i++)
        {
            byte even = sample[2 * i], odd = sample[(2 * i) + 1];
            if ((zeroAtOdd ? odd : even) == 0) zeroWhereExpected++;
            if ((zeroAtOdd ? even : odd) == 0) zeroElsewhere++;
        }
        return zeroWhereExpected >= pairs * 9 / 10 && zeroElsewhere <= pairs / 20;
    }
}
