using System.Collections.Frozen;
using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace RightHand.Support.Answers;

/// <summary>
/// The merge fields of canned answers: <c>{{member.first_name}}</c>, <c>{{ticket.number}}</c>, … and
/// <c>{{#if member.first_name}}…{{else}}…{{/if}}</c> for a fallback. Rendered by Handlebars as plain text (nothing is
/// HTML-escaped: the answer is a text mail). Only the fields below exist, so a typo is refused when the answer is saved
/// instead of silently printing nothing in front of a member.
/// </summary>
internal static partial class MergeFields
{
    public static readonly FrozenSet<string> Known = FrozenSet.Create(StringComparer.Ordinal,
        "member.salutation", "member.first_name", "member.last_name", "member.number", "member.email",
        "requester.name", "requester.email", "ticket.number", "ticket.subject", "agent.name", "business.name", "owner.booking_link");

    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    /// <summary>Problems with the fields of a template: unknown names, unsupported helpers, broken syntax. Empty when it is fine.</summary>
    public static List<string> Problems(string template, Func<string, string, string> unknownField, Func<string, string> brokenSyntax)
    {
        var problems = new List<string>();
        foreach (Match m in Expression().Matches(template))
        {
            var inner = m.Groups[1].Value.Trim();
            if (inner is "else" or "/if" or "/unless") continue;
            var name = inner.StartsWith("#if ", StringComparison.Ordinal) ? inner[4..].Trim()
                : inner.StartsWith("#unless ", StringComparison.Ordinal) ? inner[8..].Trim() : inner;
            if (!Known.Contains(name) && !problems.Contains(unknownField(name, Listing)))
                problems.Add(unknownField(name, Listing));
        }
        if (problems.Count > 0) return problems;
        try { Engine.Compile(template); }
        catch (HandlebarsException ex) { problems.Add(brokenSyntax(ex.Message)); }
        return problems;
    }

    private static string Listing => string.Join(", ", Known.Order(StringComparer.Ordinal).Select(k => "{{" + k + "}}"));

    /// <summary>The template with the values filled in; a field without a value (no member linked, say) is empty.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in Known)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (!data.TryGetValue(key[..dot], out var group)) data[key[..dot]] = group = new Dictionary<string, object>(StringComparer.Ordinal);
            ((Dictionary<string, object>)group)[key[(dot + 1)..]] = values.GetValueOrDefault(key) ?? "";
        }
        return Engine.Compile(template)(data);
    }

    [GeneratedRegex(@"\{\{\{?\s*([^{}]*?)\s*\}?\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Expression();
}
