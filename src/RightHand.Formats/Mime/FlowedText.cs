using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Undoes format=flowed (RFC 3676), as Apple Mail and Thunderbird send plain text: a line ending in a space
/// continues on the next line (of the same quote depth), a leading space added for stuffing is removed, and "-- "
/// (the signature separator) is never joined.
/// </summary>
internal static class FlowedText
{
    public static string Unflow(string text, bool deleteSpace)
    {
        var result = new StringBuilder(text.Length);
        var joining = false;
        var joiningDepth = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var depth = 0;
            while (depth < rawLine.Length && rawLine[depth] == '>') depth++;
            var line = rawLine[depth..];
            if (line.StartsWith(' ')) line = line[1..];
            if (joining && depth != joiningDepth) result.Append('\n');
            if (!joining || depth != joiningDepth)
            {
                if (depth > 0) result.Append('>', depth).Append(' ');
            }
            var flowed = line.EndsWith(' ') && line != "-- ";
            result.Append(flowed && deleteSpace ? line[..^1] : line);
            if (!flowed) result.Append('\n');
            joining = flowed;
            joiningDepth = depth;
        }
        return result.ToString().TrimEnd('\n');
    }
}
