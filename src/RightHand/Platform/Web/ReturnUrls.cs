namespace RightHand.Platform.Web;

/// <summary>Where to send a person back to after signing in or switching language: only a path on this site.</summary>
internal static class ReturnUrls
{
    /// <summary>
    /// The path if it is local, "/" otherwise: one leading slash, not followed by a second slash or a
    /// backslash (browsers read "/\host" as "//host", another site), and no control characters.
    /// LocalRedirect throws on anything else, which would be a 500 instead of a redirect home.
    /// </summary>
    public static string Local(string? url) =>
        url is not null && (url is ['/'] || (url is ['/', var second, ..] && second is not ('/' or '\\'))) && !url.Any(char.IsControl) ? url : "/";
}
