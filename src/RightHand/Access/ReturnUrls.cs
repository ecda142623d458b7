namespace RightHand.Access;

/// <summary>Where to go after signing in: only a path on this site.</summary>
internal static class ReturnUrls
{
    /// <summary>
    /// The path if it is local, "/" otherwise. "//host" and "/\host" are rejected as well: browsers read
    /// a backslash as a slash, so both name another site.
    /// </summary>
    public static string Local(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
