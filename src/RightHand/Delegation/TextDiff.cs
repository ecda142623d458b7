namespace RightHand.Delegation;

/// <summary>A line diff (longest common subsequence) of two versions of a text, for "what changed since the last approval".</summary>
internal static class TextDiff
{
    internal enum Kind { Same, Added, Removed }

    internal sealed record Line(Kind Kind, string Text);

    public static IReadOnlyList<Line> Lines(string before, string after)
    {
        var a = before.ReplaceLineEndings("\n").Split('\n');
        var b = after.ReplaceLineEndings("\n").Split('\n');
        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<Line>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { result.Add(new(Kind.Same, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new(Kind.Removed, a[x++]));
            else result.Add(new(Kind.Added, b[y++]));
        }
        while (x < a.Length) result.Add(new(Kind.Removed, a[x++]));
        while (y < b.Length) result.Add(new(Kind.Added, b[y++]));
        return result;
    }
}
