namespace RightHand.Formats.Csv;

/// <summary>Looks at the first characters of a file to tell binary from text and to pick the separator.</summary>
internal static class CsvSniffer
{
    private static readonly char[] Candidates = [';', ',', '\t'];

    /// <summary>
    /// Text has almost no control characters; images, zip files (xlsx) and random bytes have many.
    /// One in twenty is far above any real export yet well below the one in seven that random bytes show.
    /// NUL is counted apart: a few in a text file are a fault the reader reports by row, a quarter is binary.
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<char> sample)
    {
        if (sample.IsEmpty) return false;
        int suspicious = 0, nul = 0;
        foreach (var c in sample)
        {
            if (c == '\0') nul++;
            else if ((c < ' ' && c is not '\t' and not '\r' and not '\n' and not '\f') || c == '\uFFFD' || c is >= '\u0080' and < '\u00A0') suspicious++;
        }
        return suspicious * 20 > sample.Length || nul * 4 > sample.Length;
    }

    /// <summary>
    /// The candidate that splits the first lines into the same number of cells as the header wins; more
    /// cells break a tie, then the order ';' (German Excel), ',', tab. Separators inside quotes do not count.
    /// </summary>
    public static char DetectSeparator(ReadOnlySpan<char> sample)
    {
        var best = ',';
        var bestScore = -1L;
        foreach (var candidate in Candidates)
        {
            var counts = CountPerLine(sample, candidate, 20);
            if (counts.Count == 0 || counts[0] == 0) continue;
            long score = (counts.Count(n => n == counts[0]) * 10_000L) + counts[0];
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    private static List<int> CountPerLine(ReadOnlySpan<char> sample, char separator, int maxLines)
    {
        var counts = new List<int>();
        int count = 0, length = 0;
        var inQuotes = false;
        foreach (var c in sample)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c == separator) count++;
            else if (!inQuotes && c is '\r' or '\n')
            {
                if (length > 0) counts.Add(count);
                if (counts.Count == maxLines) break;
                (count, length) = (0, 0);
                continue;
            }
            length++;
        }
        if (length > 0 && counts.Count < maxLines && !inQuotes) counts.Add(count);
        return counts;
    }
}
