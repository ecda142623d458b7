using System.Net;
using System.Text;

namespace RightHand.Formats.Mime;

/// <summary>
/// Turns HTML mail into plain text for people to read: script, style, head and comments are dropped, block elements
/// become line breaks, list items "- ", links "text (url)" (javascript: and data: links lose their target), images
/// their alt text in brackets, entities are decoded. The result is text, never markup: "&amp;lt;b&amp;gt;" comes out as
/// "&lt;b&gt;", which a page must escape like any other text. One pass, no regular expressions: linear in the input.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "header", "main", "nav", "section", "tbody", "thead", "tfoot", "tr", "caption",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre",
    };

    // Elements whose content is never text for the reader.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "script", "style", "title", "noscript", "template", "xml", "object", "iframe", "svg", "math",
    };

    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var output = new TextBuilder();
        var i = 0;
        var preDepth = 0;
        var headCanEnd = true;
        (int Start, string? Href)? link = null;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                output.Text(html[i..], preDepth > 0);
                break;
            }
            if (lt > i) output.Text(html[i..lt], preDepth > 0);
            i = lt;
            var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
            if (next == '!' || next == '?')
            {
                i = SkipDeclaration(html, lt);
                continue;
            }
            if (!char.IsAsciiLetter(next) && !(next == '/' && lt + 2 < html.Length && char.IsAsciiLetter(html[lt + 2])))
            {
                output.Text("<", preDepth > 0);
                i = lt + 1;
                continue;
            }
            var tag = ReadTag(html, lt);
            i = tag.End;
            if (!tag.Closing && Hidden.Contains(tag.Name))
            {
                i = SkipPast(html, i, "</" + tag.Name);
                continue;
            }
            if (!tag.Closing && tag.Name == "head" && headCanEnd)
            {
                // A head never closed would hide the whole mail: skip only up to where the body visibly starts.
                // Once no end is found, none will be: the flag keeps a thousand "<head>" tags from searching again.
                var end = Math.Min(IndexOf(html, i, "</head"), IndexOf(html, i, "<body"));
                if (end < html.Length) i = end;
                else headCanEnd = false;
                continue;
            }
            switch (tag.Name)
            {
                case "br":
                    output.HardBreak();
                    break;
                case "li":
                    output.LineBreak();
                    if (!tag.Closing) output.Raw("- ");
                    break;
                case "hr":
                    output.LineBreak();
                    output.Raw("----");
                    output.LineBreak();
                    break;
                case "td" or "th" when !tag.Closing:
                    output.Space();
                    break;
                case "img" when !string.IsNullOrWhiteSpace(tag.Alt):
                    output.Text("[" + WebUtility.HtmlDecode(tag.Alt) + "]", false);
                    break;
                case "pre":
                    preDepth = Math.Max(0, preDepth + (tag.Closing ? -1 : 1));
                    output.BlankLine();
                    break;
                case "a":
                    if (link is { } open) output.EndLink(open.Start, open.Href);
                    link = tag.Closing ? null : (output.Length, tag.Href);
                    break;
                case var name when Paragraphs.Contains(name):
                    output.BlankLine();
                    break;
                case var name when Blocks.Contains(name):
                    output.LineBreak();
                    break;
            }
        }
        if (link is { } unclosed) output.EndLink(unclosed.Start, unclosed.Href);
        return output.ToString();
    }

    private readonly record struct Tag(string Name, bool Closing, int End, string? Href, string? Alt);

    // Reads "<name attr=value ...>" from '<'. Quoted values may hold '>'; an unclosed quote or tag runs to the end.
    private static Tag ReadTag(string html, int lt)
    {
        var i = lt + 1;
        var closing = html[i] == '/';
        if (closing) i++;
        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':' or '_')) i++;
        var name = html[nameStart..i].ToLowerInvariant();
        string? href = null, alt = null;
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]) || html[i] == '/')
            {
                i++;
                continue;
            }
            var attrStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/')) i++;
            var attribute = html[attrStart..i];
            while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
            string? value = null;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    var end = close < 0 ? html.Length : close;
                    value = html[(i + 1)..end];
                    i = close < 0 ? html.Length : close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>') i++;
                    value = html[valueStart..i];
                }
            }
            if (attribute.Equals("href", StringComparison.OrdinalIgnoreCase)) href ??= value;
            else if (attribute.Equals("alt", StringComparison.OrdinalIgnoreCase)) alt ??= value;
        }
        return new Tag(name, closing, Math.Min(i + 1, html.Length), href, alt);
    }

    private static int SkipDeclaration(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        var close = html.IndexOf('>', lt);
        return close < 0 ? html.Length : close + 1;
    }

    private static int SkipPast(string html, int from, string closeTag)
    {
        var end = html.IndexOf(closeTag, from, StringComparison.OrdinalIgnoreCase);
        if (end < 0) return html.Length;
        var close = html.IndexOf('>', end);
        return close < 0 ? html.Length : close + 1;
    }

    private static int IndexOf(string html, int from, string text) =>
        html.IndexOf(text, from, StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? at : html.Length;

    /// <summary>Collects text with HTML's whitespace rules: runs of blanks become one space, line breaks come from elements.</summary>
    private sealed class TextBuilder
    {
        private readonly StringBuilder _text = new();
        private bool _pendingSpace;

        public int Length => _text.Length;

        public void Text(string raw, bool preformatted)
        {
            var decoded = WebUtility.HtmlDecode(raw);
            foreach (var c in decoded)
            {
                if (preformatted && c is '\n' or ' ' or '\t')
                {
                    _text.Append(c);
                    continue;
                }
                if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                    continue;
                }
                if (char.IsControl(c)) continue;
                if (_pendingSpace && _text.Length > 0 && _text[^1] != '\n') _text.Append(' ');
                _pendingSpace = false;
                _text.Append(c);
            }
        }

        public void Raw(string text)
        {
            _pendingSpace = false;
            _text.Append(text);
        }

        public void Space() => _pendingSpace = true;

        public void LineBreak()
        {
            _pendingSpace = false;
            if (_text.Length > 0 && _text[^1] != '\n') _text.Append('\n');
        }

        public void BlankLine()
        {
            LineBreak();
            if (_text.Length > 0 && !(_text.Length >= 2 && _text[^2] == '\n')) _text.Append('\n');
        }

        public void HardBreak()
        {
            _pendingSpace = false;
            if (!(_text.Length >= 2 && _text[^1] == '\n' && _text[^2] == '\n')) _text.Append('\n');
        }

        /// <summary>Adds " (url)" after a link's text unless the text already shows the target or the target is script or data.</summary>
        public void EndLink(int start, string? href)
        {
            if (start > _text.Length) return;
            var target = WebUtility.HtmlDecode(href ?? "").Trim();
            target = string.Concat(target.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)));
            if (target.Length == 0 || target.StartsWith('#') || target.StartsWith("cid:", StringComparison.OrdinalIgnoreCase)
                || target.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || target.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
                || target.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return;
            if (target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) target = target[7..];
            var text = _text.ToString(start, _text.Length - start).Trim();
            // The target is left out only when the text shows it already; a text that merely looks like a link
            // ("example.org" pointing elsewhere) is how phishing works, so then the real target is shown.
            if (text.Contains(target, StringComparison.OrdinalIgnoreCase) || string.Equals(Bare(text), Bare(target), StringComparison.OrdinalIgnoreCase)) return;
            if (text.Length == 0) Text(target, false);
            else Raw(" (" + target + ")");
        }

        private static string Bare(string url)
        {
            var text = url;
            foreach (var scheme in (string[])["https://", "http://"])
            {
                if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) text = text[scheme.Length..];
            }
            if (text.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) text = text[4..];
            return text.TrimEnd('/');
        }

        public override string ToString()
        {
            var lines = _text.ToString().Split('\n').Select(l => l.TrimEnd());
            var result = new StringBuilder();
            var blank = 0;
            foreach (var line in lines)
            {
                blank = line.Length == 0 ? blank + 1 : 0;
                if (blank < 2) result.Append(line).Append('\n');
            }
            return result.ToString().Trim('\n', ' ');
        }
    }
}
