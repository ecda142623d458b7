using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Web;

namespace RightHand.Members.Privacy;

/// <summary>
/// The readable part of a member's data export, in the member's language: which data there is, why it is kept,
/// where it comes from, how long it is kept and who receives it (the information GDPR Art. 15(1) asks for).
/// A plain template; the owner's own privacy notice stays the authority.
/// </summary>
internal sealed class MemberDataSummary(IStringLocalizer<Texts> l)
{
    // The texts follow the member's language, not that of the staff member or the request.
    public string Html(Member member, IReadOnlyList<(string File, int Rows)> files, DateTime at) => Cultures.In(member.Language, () =>
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{Cultures.LanguageOf(CultureInfo.CurrentUICulture)}\">\n<head><meta charset=\"utf-8\"><title>");
        html.Append(Encode(l["Data we store about you"])).Append("</title></head>\n<body>\n<h1>").Append(Encode(l["Data we store about you"])).Append("</h1>\n<p>");
        html.Append(Encode(l["Member number {0}, as of {1}.", member.Number, Display.Time(at)])).Append("</p>\n");

        Section(html, l["What we store"], l["The files in this archive hold every record about you, in JSON:"]);
        html.Append("<ul>\n");
        foreach (var (file, rows) in files)
            html.Append("<li><code>").Append(Encode(file)).Append("</code>: ").Append(Encode(Describe(file, rows))).Append("</li>\n");
        html.Append("</ul>\n");
        Section(html, l["Why"], l["We use your data to run your membership (Art. 6(1)(b) GDPR), to meet legal duties such as bookkeeping (Art. 6(1)(c) GDPR) and, where you agreed, for newsletters and similar (Art. 6(1)(a) GDPR)."]);
        Section(html, l["Where it comes from"], l["From you (when you joined, in the member portal, in your messages) and from our staff, who record what you tell them; some data may come from our earlier member lists."]);
        Section(html, l["How long we keep it"], l["As long as you are a member. After that we erase your personal data when it is no longer needed or when you ask us to; payment and bookkeeping records are kept for 10 years as the law requires (§ 147 AO, § 257 HGB), then only under your member number."]);
        Section(html, l["Who receives it"], l["Our staff (the owner and the assistant) and the service providers who host our systems and send our e-mail, bound by a data processing agreement. We do not sell your data."]);
        Section(html, l["Your rights"], l["You may ask us to correct, erase or restrict your data, object to its use and take it with you (this archive), and you may complain to a data protection authority."]);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    });

    private string Describe(string file, int rows) => file switch
    {
        "member.json" => l["your contact and membership data"],
        "audit.json" => l["{0} entries of the audit trail about you: who changed what and when", rows],
        _ => l["{0} records", rows],
    };

    private static void Section(StringBuilder html, string title, string text) =>
        html.Append("<h2>").Append(Encode(title)).Append("</h2>\n<p>").Append(Encode(text)).Append("</p>\n");

    /// <summary>Escapes markup only: the file is UTF-8, and umlauts as numeric entities would make the text hard to search.</summary>
    private static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
