using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// What can be wrong with a message. The names are stable (logs, tests and the support desk key on them);
/// <see cref="MimeProblem.CodeName"/> gives the kebab-case form ("missing-boundary").
/// </summary>
public enum MimeProblemCode
{
    /// <summary>The message is larger than <see cref="MimeLimits.MaxMessageBytes"/>; it was not read.</summary>
    TooLarge,
    /// <summary>No mail header field (From, To, Subject, Date, Message-ID, Received, ...) was found: this is not a mail message.</summary>
    NotMail,
    /// <summary>A header line is neither a field nor a continuation; the header block was taken to end there.</summary>
    MalformedHeaderLine,
    /// <summary>More header fields than <see cref="MimeLimits.MaxHeaderCount"/>; the rest were dropped.</summary>
    TooManyHeaders,
    /// <summary>A header field longer than <see cref="MimeLimits.MaxHeaderLength"/>; it was cut.</summary>
    HeaderTooLong,
    /// <summary>Content-Type could not be read; the part was taken as text/plain.</summary>
    InvalidContentType,
    /// <summary>A multipart without a boundary parameter; the boundary was guessed from the first "--" line.</summary>
    MissingBoundaryParameter,
    /// <summary>A multipart whose boundary never occurs; its whole body was read as text.</summary>
    MissingBoundary,
    /// <summary>A multipart without its closing boundary; the last part runs to the end.</summary>
    MissingFinalBoundary,
    /// <summary>More parts than <see cref="MimeLimits.MaxParts"/>; the rest were dropped.</summary>
    TooManyParts,
    /// <summary>Multiparts nested deeper than <see cref="MimeLimits.MaxDepth"/>; the deeper content was dropped.</summary>
    TooDeep,
    /// <summary>Base64 content with characters outside the alphabet or a dangling last character; they were skipped.</summary>
    InvalidBase64,
    /// <summary>Quoted-printable content with an '=' not followed by two hex digits or a line end; it was kept as is.</summary>
    InvalidQuotedPrintable,
    /// <summary>A Content-Transfer-Encoding other than 7bit, 8bit, binary, quoted-printable or base64; the content was kept undecoded.</summary>
    UnknownTransferEncoding,
    /// <summary>A charset .NET does not know; the text was read as UTF-8 if valid, else as Windows-1252.</summary>
    UnknownCharset,
    /// <summary>Text with bytes its declared charset cannot hold; they became U+FFFD.</summary>
    InvalidBytesForCharset,
    /// <summary>NUL or other control characters in a header or text body; they were removed.</summary>
    ControlCharacters,
    /// <summary>The Date header could not be read; <see cref="MailMessage.Date"/> is null.</summary>
    InvalidDate,
    /// <summary>An address in From, To, Cc or Reply-To could not be read; it was skipped.</summary>
    InvalidAddress,
    /// <summary>A delivery-status report whose status part could not be read.</summary>
    InvalidDeliveryStatus,
    /// <summary>More problems than <see cref="MimeLimits.MaxProblems"/>; the rest were not kept.</summary>
    TooManyProblems,
}

/// <summary>One thing wrong with a message: a stable <see cref="Code"/> and English developer text naming where.</summary>
public sealed record MimeProblem(MimeProblemCode Code, string Detail)
{
    /// <summary>The code in kebab case, e.g. "missing-final-boundary".</summary>
    public string CodeName => Kebab(Code.ToString());

    public override string ToString() => Detail.Length == 0 ? CodeName : $"{CodeName}: {Detail}";

    private static string Kebab(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

/// <summary>Collects problems once each, up to the limit, so a message with a thousand broken parts stays cheap to report.</summary>
internal sealed class ProblemList(int max)
{
    private readonly List<MimeProblem> _items = [];
    private readonly HashSet<MimeProblem> _seen = [];

    public IReadOnlyList<MimeProblem> Items => _items;

    public void Add(MimeProblemCode code, string detail = "")
    {
        var problem = new MimeProblem(code, detail);
        if (_items.Count >= max)
        {
            if (_items.Count == max) _items.Add(new MimeProblem(MimeProblemCode.TooManyProblems, $"only the first {max} are kept"));
            return;
        }
        if (_seen.Add(problem)) _items.Add(problem);
    }
}
