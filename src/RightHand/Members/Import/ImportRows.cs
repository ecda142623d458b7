using System.Globalization;
using Microsoft.Extensions.Localization;
using RightHand.Formats.Csv;

namespace RightHand.Members.Import;

/// <summary>One data row of a member file, read through the mapping: its cells by target, what was parsed from them, and its problems so far.</summary>
internal sealed class ImportRow(int row)
{
    public int Row { get; } = row;
    public Dictionary<string, string> Cells { get; } = new(StringComparer.Ordinal);
    public List<MemberProblem> Problems { get; } = [];
    public string? Number { get; set; }
    public string? EmailKey { get; set; }
    public MemberStatus? Status { get; set; }
    public string? Language { get; set; }
    public string? Country { get; set; }
    public string? DateOfBirth { get; set; }
    public Guid? PlanId { get; set; }
    public long? FeeCents { get; set; }
    public List<string> Tags { get; set; } = [];
    public Dictionary<Guid, string> Custom { get; } = [];

    public string? Cell(string target) => Cells.TryGetValue(target, out var value) ? value : null;
    public void Add(string field, string message) => Problems.Add(new MemberProblem(field, message));
}

/// <summary>
/// Reads rows through a mapping and checks what one row can show alone: the CSV itself (ragged, unclosed quote,
/// NUL), status and language words in German or English, country names, dates as dd.MM.yyyy or yyyy-MM-dd,
/// amounts with decimal commas, plans by name, custom field values, and then the register's own
/// <see cref="MemberChecks"/> on the member as it would be stored. Duplicates and the database are the run's to check.
/// </summary>
internal sealed class ImportRows(IReadOnlyList<string> targets, IReadOnlyList<MembershipPlan> plans, IReadOnlyList<CustomField> customFields, DateOnly today, IStringLocalizer l)
{
    private readonly Dictionary<string, MembershipPlan> plansByName = plans.GroupBy(p => p.Name.Trim(), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, MembershipPlan> plansById = plans.ToDictionary(p => p.Id);
    private readonly Dictionary<string, CustomField> customByName = customFields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public ImportRow Read(CsvRecord record)
    {
        var row = new ImportRow(record.Row);
        foreach (var problem in record.Problems)
            row.Add("", l[CsvProblem.EnglishFormat(problem.Code), [problem.Row, problem.Column ?? "", .. problem.Arguments]]);
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] == ImportColumns.Ignore) continue;
            var value = record[i].Trim();
            if (value.Length > 0) row.Cells[targets[i]] = value;
        }
        row.Number = row.Cell(MemberColumns.Number);
        row.EmailKey = row.Cell(MemberColumns.Email)?.ToLowerInvariant();
        ParseWords(row);
        ParseValues(row);
        return row;
    }

    private void ParseWords(ImportRow row)
    {
        if (row.Cell(MemberColumns.Status) is { } status)
        {
            row.Status = StatusWord(status);
            if (row.Status is null) row.Add(MemberColumns.Status, l["Status: \"{0}\" is not a status; write prospect, active, paused or cancelled (or Interessent, aktiv, pausiert, gekündigt).", status]);
        }
        if (row.Cell(MemberColumns.Language) is { } language)
        {
            row.Language = LanguageWord(language);
            if (row.Language is null) row.Add(MemberColumns.Language, l["Language: \"{0}\" is not German or English.", language]);
        }
        if (row.Cell(MemberColumns.Country) is { } country)
        {
            if (Countries.TryNormalize(country, out var code, out var problem)) row.Country = code;
            else row.Add(MemberColumns.Country, l["Country: {0}", MemberChecks.Describe(problem!, l)]);
        }
    }

    private void ParseValues(ImportRow row)
    {
        if (row.Cell(MemberColumns.DateOfBirth) is { } born)
        {
            if (CsvValues.TryParseDate(born, out var date, out var problem)) row.DateOfBirth = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            else row.Add(MemberColumns.DateOfBirth, l["Date of birth: {0}", MemberChecks.Describe(problem!, l)]);
        }
        if (row.Cell(MemberColumns.Plan) is { } plan)
        {
            if (plansByName.TryGetValue(plan, out var found)) row.PlanId = found.Id;
            else row.Add(MemberColumns.Plan, l["Plan: there is no plan named \"{0}\".", plan]);
        }
        if (row.Cell(MemberColumns.Fee) is { } fee)
        {
            // A fee beyond a million euros is a mistake, and would overflow the cents.
            if (!CsvValues.TryParseDecimal(fee, out var amount, out var problem)) row.Add(MemberColumns.Fee, l["Fee: {0}", MemberChecks.Describe(problem!, l)]);
            else if (amount is < 0 or > 1_000_000m) row.Add(MemberColumns.Fee, l["Fee: enter an amount in euros from 0, e.g. 12,50."]);
            else row.FeeCents = (long)Math.Round(amount * 100m);
        }
        if (row.Cell(MemberColumns.Tags) is { } tags) row.Tags = MemberRegister.Tags(tags);
        foreach (var (target, text) in row.Cells)
        {
            if (!target.StartsWith(ImportColumns.CustomPrefix, StringComparison.Ordinal)) continue;
            var field = customByName[target[ImportColumns.CustomPrefix.Length..]];
            // Spreadsheets write numbers and dates their own way; the stored form is the register's.
            var typed = field.Kind switch
            {
                CustomFieldKind.Number when CsvValues.TryParseDecimal(text, out var n, out _) => n.ToString(CultureInfo.InvariantCulture),
                CustomFieldKind.Date when CsvValues.TryParseDate(text, out var d, out _) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => text,
            };
            if (CustomValues.Normalize(field, typed) is { } stored) row.Custom[field.Id] = stored;
            else row.Add(target, field.Kind switch
            {
                CustomFieldKind.Number => l["{0}: enter a number.", field.Name],
                CustomFieldKind.Date => l["{0}: enter a date.", field.Name],
                CustomFieldKind.Choice => l["{0}: choose one of the options.", field.Name],
                _ => l["{0}: at most {1} characters.", field.Name, 1000],
            });
        }
    }

    /// <summary>
    /// The member as the row would leave it. An empty or unmapped cell keeps what an existing member has (an import
    /// fills and changes, it never erases); for a new member it is empty, the status a prospect and the language German.
    /// </summary>
    public static MemberDraft Draft(ImportRow row, Member? existing)
    {
        string? Pick(string target, string? current) => row.Cell(target) ?? current;
        return new MemberDraft(
            Pick(MemberColumns.Salutation, existing?.Salutation), Pick(MemberColumns.FirstName, existing?.FirstName), Pick(MemberColumns.LastName, existing?.LastName),
            Pick(MemberColumns.Company, existing?.Company), Pick(MemberColumns.Email, existing?.Email), Pick(MemberColumns.Phone, existing?.Phone),
            row.Language ?? existing?.Language ?? "de", Pick(MemberColumns.Street, existing?.Street), Pick(MemberColumns.Postcode, existing?.Postcode),
            Pick(MemberColumns.City, existing?.City), row.Country ?? existing?.Country,
            row.DateOfBirth ?? existing?.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            row.PlanId ?? existing?.PlanId, Pick(MemberColumns.Notes, existing?.Notes), row.Cell(MemberColumns.Tags),
            row.Status ?? existing?.Status ?? MemberStatus.Prospect);
    }

    /// <summary>All checks of one row that need no other row: adds the register's problems and the fee against the plan.</summary>
    public MemberDraft Check(ImportRow row, Member? existing)
    {
        var draft = Draft(row, existing);
        // Fields that failed to parse are reported once, by the parser; the register would only repeat them.
        var parsed = row.Problems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in MemberChecks.Check(draft, today, l))
            if (!parsed.Contains(problem.Field) && !(problem.Field == MemberColumns.Postcode && parsed.Contains(MemberColumns.Country))) row.Problems.Add(problem);
        if (row.FeeCents is { } fee && draft.PlanId is { } planId && plansById.TryGetValue(planId, out var plan) && plan.FeeCents != fee)
            row.Add(MemberColumns.Fee, l["Fee: {0} is not the fee of the plan \"{1}\" ({2}).", Euros(fee), plan.Name, Euros(plan.FeeCents)]);
        return draft;
    }

    private static string Euros(long cents) => new Formats.Money(cents).ToString(null, CultureInfo.CurrentCulture);

    public static MemberStatus? StatusWord(string text) => Word(text) switch
    {
        "prospect" or "interessent" or "interessentin" or "interested" or "lead" => MemberStatus.Prospect,
        "active" or "aktiv" or "member" or "mitglied" => MemberStatus.Active,
        "paused" or "pausiert" or "ruhend" or "onhold" => MemberStatus.Paused,
        "cancelled" or "canceled" or "gekündigt" or "gekuendigt" or "ausgetreten" or "beendet" => MemberStatus.Cancelled,
        _ => null,
    };

    private static string Word(string text) => text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

    public static string? LanguageWord(string text) => Word(text) switch
    {
        "de" or "deu" or "ger" or "deutsch" or "german" => "de",
        "en" or "eng" or "englisch" or "english" => "en",
        _ => null,
    };
}
