using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>HTML mail turned into text people can read, with no markup left to interpret.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Eins</p><p>Zwei</p>", "Eins\n\nZwei")]
    [InlineData("<div>Eins</div><div>Zwei</div>", "Eins\nZwei")]
    [InlineData("Eins<br>Zwei<br/><br />Drei", "Eins\nZwei\n\nDrei")]
    [InlineData("<ul><li>a</li><li>b</li></ul>", "- a\n- b")]
    [InlineData("<h1>Titel</h1>Text", "Titel\n\nText")]
    [InlineData("<table><tr><td>Name</td><td>Betrag</td></tr><tr><td>Anna</td><td>12 &euro;</td></tr></table>", "Name Betrag\nAnna 12 €")]
    [InlineData("  viel    Platz \n\n zwischen  ", "viel Platz zwischen")]
    [InlineData("<pre>  eingerückt\n    bleibt</pre>", "eingerückt\n    bleibt")]
    [InlineData("a &lt; b &amp;&amp; c &gt; d &quot;x&quot; &#252; &#xFC; &auml;", "a < b && c > d \"x\" ü ü ä")]
    [InlineData("a < b und c > d", "a < b und c > d")]
    [InlineData("Text<hr>Fuß", "Text\n----\nFuß")]
    [InlineData("<img src=\"logo.png\" alt=\"Logo\"> <img src=\"pixel.gif\" alt=\"\">", "[Logo]")]
    public void Html_BecomesReadableText(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("<a href=\"https://example.org/a\">Hier</a>", "Hier (https://example.org/a)")]
    [InlineData("<a href=\"https://example.org/a\">https://example.org/a</a>", "https://example.org/a")]
    [InlineData("<a href=\"https://www.example.org/a/\">example.org/a</a>", "example.org/a")]
    [InlineData("<a href=\"https://evil.example/?example.org/a\">example.org/a</a>", "example.org/a (https://evil.example/?example.org/a)")]
    [InlineData("<a href=\"mailto:info@example.org\">info@example.org</a>", "info@example.org")]
    [InlineData("<a href=\"mailto:info@example.org\">Schreiben Sie uns</a>", "Schreiben Sie uns (info@example.org)")]
    [InlineData("<a href=\"https://example.org/?a=1&amp;b=2\">Link</a>", "Link (https://example.org/?a=1&b=2)")]
    [InlineData("<a href=\"javascript:alert(1)\">Klick</a>", "Klick")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">Klick</a>", "Klick")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">Klick</a>", "Klick")]
    [InlineData("<a href=\"#top\">Nach oben</a>", "Nach oben")]
    [InlineData("<a href=\"https://example.org\"></a>", "https://example.org")]
    [InlineData("<a href=\"https://one.example\">eins<a href=\"https://two.example\">zwei</a>", "eins (https://one.example)zwei (https://two.example)")]
    public void Links_ShowTheirTarget_UnlessItIsScriptOrAlreadyShown(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("<html><head><title>T</title><style>p{}</style><meta charset=utf-8></head><body>Text</body></html>", "Text")]
    [InlineData("<script>alert(1)</script>Text<SCRIPT type=x>alert(2)</SCRIPT >", "Text")]
    [InlineData("<style>p { color: red }</style>Text", "Text")]
    [InlineData("Text<!-- Kommentar <p>nicht</p> -->mehr", "Textmehr")]
    [InlineData("<!--[if mso]><v:shape>x</v:shape><![endif]-->Text", "Text")]
    [InlineData("<!DOCTYPE html><?xml version=\"1.0\"?>Text", "Text")]
    [InlineData("Text<script>alert(1)", "Text")]
    [InlineData("<head><meta charset=utf-8>Text ohne Body", "Text ohne Body")]
    [InlineData("<p title=\"a > b\">Text</p>", "Text")]
    [InlineData("Text<p class=\"never closed", "Text")]
    [InlineData("<img src=x onerror=alert(1)>Text<svg onload=alert(2)><circle/></svg>", "Text")]
    public void HiddenContentAndBrokenMarkup_LeaveOnlyTheText(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(html));
    }

    [Fact]
    public void EscapedMarkup_ComesOutAsText_NotAsMarkup()
    {
        var text = HtmlText.ToPlainText("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");

        // It is text now: a page shows it escaped, like any other text.
        Assert.Equal("<script>alert(1)</script>", text);
    }

    [Fact]
    public void AdversarialHtml_IsConvertedInLinearTime()
    {
        var inputs = new[]
        {
            string.Concat(Enumerable.Repeat("<head>", 100_000)),
            string.Concat(Enumerable.Repeat("<a href=\"x\">", 100_000)),
            string.Concat(Enumerable.Repeat("<p a='", 100_000)),
            string.Concat(Enumerable.Repeat("<!--", 100_000)),
            string.Concat(Enumerable.Repeat("<", 500_000)),
            string.Concat(Enumerable.Repeat("&amp;", 200_000)),
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var html in inputs) HtmlText.ToPlainText(html);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
