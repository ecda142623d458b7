namespace RightHand.Formats.Mime;

/// <summary>
/// Picks a message's readable text and its files from the MIME tree. In a multipart/alternative the plain-text
/// version is preferred and the HTML one kept for reference (converted to text when there is no plain one); in a
/// multipart/related the root part is the text and the rest are inline parts; in a multipart/mixed (and any unknown
/// multipart) every inline text part adds to the text, in order. Every leaf not used as text is an attachment.
/// </summary>
internal sealed class MessageBody(ProblemList problems)
{
    private readonly HashSet<MimeEntity> _used = [];

    public string Text { get; private set; } = "";
    public string? Html { get; private set; }
    public List<MailAttachment> Attachments { get; } = [];

    public void Read(MimeEntity root)
    {
        var body = Body(root);
        Text = body?.Text ?? "";
        Html = body?.Html;
        CollectAttachments(root);
    }

    private sealed record Part(string Text, bool FromPlain, string? Html);

    private Part? Body(MimeEntity entity)
    {
        if (entity.Disposition.Value == "attachment") return null;
        if (entity.IsMultipart) return Multipart(entity);
        if (entity.IsAttachment) return null;
        if (entity.IsText("plain"))
        {
            _used.Add(entity);
            return new Part(PlainText(entity), true, null);
        }
        if (entity.IsText("html"))
        {
            _used.Add(entity);
            var html = Decode(entity);
            return new Part(HtmlText.ToPlainText(html), false, html);
        }
        return null;
    }

    private Part? Multipart(MimeEntity entity)
    {
        var children = entity.Children;
        if (children.Count == 0) return null;
        switch (entity.MediaType)
        {
            case "multipart/alternative":
                var versions = children.Select(Body).OfType<Part>().ToList();
                // Other renderings of the same text (text/enriched, text/watch-html) are not files the sender attached.
                foreach (var child in children.Where(c => !c.IsMultipart && !c.IsAttachment && c.MediaType.StartsWith("text/", StringComparison.Ordinal) && !c.IsText("calendar")))
                    _used.Add(child);
                if (versions.Count == 0) return null;
                var plain = versions.FirstOrDefault(v => v.FromPlain && v.Text.Trim().Length > 0);
                var html = versions.LastOrDefault(v => v.Html is not null);
                return new Part((plain ?? html ?? versions[0]).Text, plain is not null, html?.Html);
            case "multipart/related":
                var start = entity.ContentType["start"]?.Trim().TrimStart('<').TrimEnd('>');
                var root = children.FirstOrDefault(c => start is not null && c.ContentId == start) ?? children[0];
                return Body(root);
            case "multipart/report" or "multipart/signed":
                // The first part is the human-readable report or the signed content; the rest are machine parts.
                return Body(children[0]);
            case "multipart/encrypted":
                return null;
            default:
                var parts = children.Select(Body).OfType<Part>().Where(p => p.Text.Length > 0 || p.Html is not null).ToList();
                if (parts.Count == 0) return null;
                var htmls = parts.Where(p => p.Html is not null).Select(p => p.Html!).ToList();
                return new Part(string.Join("\n\n", parts.Select(p => p.Text.Trim('\n')).Where(t => t.Length > 0)), parts.All(p => p.FromPlain),
                    htmls.Count == 0 ? null : string.Join("\n", htmls));
        }
    }

    private void CollectAttachments(MimeEntity entity)
    {
        if (entity.IsMultipart)
        {
            foreach (var child in entity.Children) CollectAttachments(child);
            return;
        }
        if (_used.Contains(entity)) return;
        var number = Attachments.Count + 1;
        var contentId = entity.ContentId;
        var inline = entity.Disposition.Value == "inline" || (entity.Disposition.Value.Length == 0 && contentId is not null);
        Attachments.Add(new MailAttachment(
            AttachmentNames.Safe(entity.FileName(problems), number, entity.MediaType), entity.MediaType, entity.Content(problems), inline, contentId));
    }

    private string PlainText(MimeEntity entity)
    {
        var text = Decode(entity);
        if (string.Equals(entity.ContentType["format"], "flowed", StringComparison.OrdinalIgnoreCase))
            text = FlowedText.Unflow(text, string.Equals(entity.ContentType["delsp"], "yes", StringComparison.OrdinalIgnoreCase));
        return text.TrimEnd();
    }

    // Text with "\n" line ends and without NUL or other control characters (PostgreSQL cannot store NUL in text).
    private string Decode(MimeEntity entity)
    {
        var text = Charsets.Decode(entity.Content(problems), entity.ContentType["charset"], problems);
        var clean = new System.Text.StringBuilder(text.Length);
        var removed = false;
        // A byte order mark some Windows mailers put before UTF-8 text is no character of the text.
        for (var i = text.StartsWith('\uFEFF') ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') clean.Append('\n');
                continue;
            }
            if (char.IsControl(c) && c is not ('\n' or '\t' or '\f'))
            {
                removed = true;
                continue;
            }
            clean.Append(c);
        }
        if (removed) problems.Add(MimeProblemCode.ControlCharacters, "removed from a text part");
        return clean.ToString();
    }
}
