namespace RightHand.Formats.Mime;

/// <summary>
/// Bounds that keep a hostile or broken message from taking all memory or time. Going beyond one is a
/// <see cref="MimeProblem"/>, never an exception; only <see cref="MaxMessageBytes"/> rejects the message as a whole.
/// </summary>
public sealed record MimeLimits
{
    /// <summary>A larger message is not read at all: <see cref="MailMessage.RejectionReason"/> says "rejected: too large".
    /// 35 MB holds the 25 MB attachment limit of the support desk after base64 (4/3) and headers.</summary>
    public int MaxMessageBytes { get; init; } = 35 * 1024 * 1024;

    /// <summary>Body parts read in the whole message; later parts are dropped and reported.</summary>
    public int MaxParts { get; init; } = 1000;

    /// <summary>Multiparts nested deeper than this are not opened (their content is dropped and reported).</summary>
    public int MaxDepth { get; init; } = 20;

    /// <summary>Header fields read per header block (the message's or a part's); later ones are dropped and reported.</summary>
    public int MaxHeaderCount { get; init; } = 1000;

    /// <summary>Bytes of one header field after unfolding; the rest is cut and reported.</summary>
    public int MaxHeaderLength { get; init; } = 64 * 1024;

    /// <summary>Problems kept in <see cref="MailMessage.Problems"/>; a broken message can have thousands.</summary>
    public int MaxProblems { get; init; } = 100;
}
