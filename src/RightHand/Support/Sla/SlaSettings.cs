using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support.Sla;

/// <summary>The SLA as the owner set it: the business calendar's parts and the targets.</summary>
internal sealed record SlaSetup(string TimeZoneId, FederalState? State, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Hours,
    IReadOnlyList<DateOnly> ClosedDates, IReadOnlyDictionary<string, SlaTarget> Targets, IReadOnlyList<SlaCategoryTarget> CategoryTargets)
{
    public static SlaSetup Default { get; } = new(BusinessCalendar.DefaultTimeZoneId, null, BusinessCalendar.OfficeHours, [],
        SlaPolicy.DefaultTargets, []);

    public SlaPolicy Policy() =>
        new(new BusinessCalendar(Zone(TimeZoneId), Hours, State, ClosedDates), Targets, CategoryTargets);

    /// <summary>The zone by its IANA id; UTC only if the system has no time zone data at all.</summary>
    internal static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(BusinessCalendar.DefaultTimeZoneId, out var berlin) ? berlin : TimeZoneInfo.Utc;
}

/// <summary>What the owner types on the SLA settings page, field by field, before it is checked.</summary>
internal sealed record SlaDraft(string? TimeZone, string? State, IReadOnlyDictionary<DayOfWeek, string?> Hours, string? ClosedDates,
    IReadOnlyDictionary<string, string?> FirstResponse, IReadOnlyDictionary<string, string?> Resolution, string? CategoryTargets);

/// <summary>
/// Reads and saves the SLA settings (business hours, time zone, federal state, closed dates, targets) as rows of the
/// settings table. A save checks every field first and writes all of them or nothing; a stored value that cannot be
/// read (changed by hand) falls back to its default rather than stopping tickets from getting due times.
/// </summary>
internal sealed class SlaSettings(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private const string Prefix = "sla.";
    private const string ZoneKey = Prefix + "time_zone", StateKey = Prefix + "federal_state", HoursKey = Prefix + "hours",
        ClosedKey = Prefix + "closed_dates", TargetsKey = Prefix + "targets", CategoryKey = Prefix + "category_targets";
    public const int MaxClosedDates = 200, MaxCategoryTargets = 50;
    private static readonly TimeSpan MaxTarget = TimeSpan.FromHours(1000);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The SLA policy to compute a ticket's due times with (see <see cref="SlaPolicy.DueTimes(string, Guid?, DateTime)"/>).</summary>
    public async Task<SlaPolicy> PolicyAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Policy();

    public async Task<SlaSetup> LoadAsync(CancellationToken ct = default)
    {
        var values = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var fallback = SlaSetup.Default;
        var zone = values.GetValueOrDefault(ZoneKey) is { } z && TimeZoneInfo.TryFindSystemTimeZoneById(z, out _) ? z : fallback.TimeZoneId;
        FederalState? state = Enum.TryParse<FederalState>(values.GetValueOrDefault(StateKey), out var s) && Enum.IsDefined(s) ? s : null;
        var hours = ReadHours(values.GetValueOrDefault(HoursKey)) ?? fallback.Hours;
        var closed = SlaFormat.Items(values.GetValueOrDefault(ClosedKey), ',')
            .Select(d => SlaFormat.TryParseDate(d, out var date) ? date : (DateOnly?)null).OfType<DateOnly>().ToList();
        var targets = ReadTargets(values.GetValueOrDefault(TargetsKey)) ?? fallback.Targets;
        var categories = CheckCategoryTargets(values.GetValueOrDefault(CategoryKey), []) ?? [];
        return new SlaSetup(zone, state, hours, closed, targets, categories);
    }

    public async Task<OperationResult> SaveAsync(SlaDraft draft, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var zone = draft.TimeZone?.Trim() ?? "";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) errors.Add(l["Time zone: choose a time zone from the list."]);
        FederalState? state = null;
        if (!string.IsNullOrWhiteSpace(draft.State))
        {
            if (Enum.TryParse<FederalState>(draft.State.Trim(), out var parsed) && Enum.IsDefined(parsed)) state = parsed;
            else errors.Add(l["Federal state: choose a state from the list, or none."]);
        }
        var hours = CheckHours(draft.Hours, errors);
        var closed = CheckClosedDates(draft.ClosedDates, errors);
        var targets = CheckTargets(draft, errors);
        var categories = CheckCategoryTargets(draft.CategoryTargets, errors) ?? [];
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);

        // Every target must be reachable: a week that is open for a minute would make due times years away.
        var calendar = new BusinessCalendar(SlaSetup.Zone(zone), hours, state, closed);
        var longest = targets.Values.Select(t => t.Resolution).Concat(categories.Select(c => c.Target.Resolution)).Max();
        if (calendar.BusinessTimeBetween(Now, Now.AddDays(365)) < longest)
            return OperationResult.Fail(l["Targets: the opening hours hold less than {0} business hours in a year; open longer or lower the targets.",
                SlaFormat.BusinessHours(longest, CultureInfo.CurrentCulture)]);

        await SetAsync(ZoneKey, zone, ct);
        await SetAsync(StateKey, state?.ToString(), ct);
        await SetAsync(HoursKey, string.Join('\n', Week.Select(d => $"{d}={SlaFormat.Hours(hours[d])}")), ct);
        await SetAsync(ClosedKey, closed.Count == 0 ? null : string.Join(", ", closed.Select(SlaFormat.Date)), ct);
        await SetAsync(TargetsKey, string.Join('\n', SlaPolicy.Priorities.Select(p =>
            $"{p}={SlaFormat.BusinessHours(targets[p].FirstResponse, CultureInfo.InvariantCulture)}/{SlaFormat.BusinessHours(targets[p].Resolution, CultureInfo.InvariantCulture)}")), ct);
        await SetAsync(CategoryKey, categories.Count == 0 ? null : string.Join('\n', categories.Select(SlaFormat.CategoryTarget)), ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Monday first, as people in Germany read a week.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> CheckHours(IReadOnlyDictionary<DayOfWeek, string?> draft, List<string> errors)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        var before = errors.Count;
        foreach (var day in Week)
        {
            var name = CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
            hours[day] = [];
            if (!SlaFormat.TryParseHours(draft.GetValueOrDefault(day), out var intervals))
                errors.Add(l["Opening hours on {0}: write times as 09:00-17:00, a second interval after a comma, or leave it empty when closed.", name]);
            else if (intervals.Count > 2) errors.Add(l["Opening hours on {0}: at most two intervals a day.", name]);
            else if (intervals.Any(i => !i.IsWellFormed)) errors.Add(l["Opening hours on {0}: each interval must end after it starts.", name]);
            else if (intervals.Count == 2 && intervals.Max(i => i.Start) < intervals.Min(i => i.End)) errors.Add(l["Opening hours on {0}: the two intervals overlap.", name]);
            else hours[day] = intervals.OrderBy(i => i.Start).ToList();
        }
        if (errors.Count == before && hours.Values.All(h => h.Count == 0)) errors.Add(l["Opening hours: open on at least one day of the week."]);
        return hours;
    }

    private List<DateOnly> CheckClosedDates(string? text, List<string> errors)
    {
        var dates = new SortedSet<DateOnly>();
        foreach (var item in SlaFormat.Items(text, ','))
        {
            if (SlaFormat.TryParseDate(item, out var date)) dates.Add(date);
            else errors.Add(l["Closed dates: {0} is not a date; write one date a line, e.g. 2026-12-24.", item]);
        }
        if (dates.Count > MaxClosedDates) errors.Add(l["Closed dates: at most {0} dates.", MaxClosedDates]);
        return [.. dates];
    }

    private Dictionary<string, SlaTarget> CheckTargets(SlaDraft draft, List<string> errors)
    {
        var targets = new Dictionary<string, SlaTarget>(StringComparer.Ordinal);
        foreach (var priority in SlaPolicy.Priorities.Reverse()) // as the page lists them, most urgent first
        {
            var name = SlaLabels.Priority(priority, l);
            var first = Target(draft.FirstResponse.GetValueOrDefault(priority));
            var resolution = Target(draft.Resolution.GetValueOrDefault(priority));
            if (first is null) errors.Add(l["First response for {0}: enter business hours greater than 0 and at most 1000, e.g. 4 or 0.5.", name]);
            if (resolution is null) errors.Add(l["Resolution for {0}: enter business hours greater than 0 and at most 1000, e.g. 16.", name]);
            if (first is null || resolution is null) continue;
            if (resolution < first) errors.Add(l["Resolution for {0}: the target must not be shorter than the first response target.", name]);
            else targets[priority] = new SlaTarget(first.Value, resolution.Value);
        }
        return targets;
    }

    /// <summary>The lines "category id; priority; first response hours; resolution hours"; null if one is wrong.</summary>
    private List<SlaCategoryTarget>? CheckCategoryTargets(string? text, List<string> errors)
    {
        var list = new List<SlaCategoryTarget>();
        var before = errors.Count;
        var lines = SlaFormat.Items(text);
        if (lines.Length > MaxCategoryTargets) errors.Add(l["Category targets: at most {0} lines.", MaxCategoryTargets]);
        for (var i = 0; i < lines.Length && errors.Count == before; i++)
        {
            var cells = lines[i].Split(';', StringSplitOptions.TrimEntries);
            var n = i + 1;
            if (cells.Length != 4 || !Guid.TryParse(cells[0], out var category))
                errors.Add(l["Category targets, line {0}: write category id; priority; first response hours; resolution hours.", n]);
            else if (!SlaPolicy.Priorities.Contains(cells[1], StringComparer.OrdinalIgnoreCase))
                errors.Add(l["Category targets, line {0}: {1} is not a priority (Low, Normal, High, Urgent).", n, cells[1]]);
            else if (Target(cells[2]) is not { } first || Target(cells[3]) is not { } resolution || resolution < first)
                errors.Add(l["Category targets, line {0}: enter business hours greater than 0 and at most 1000, the resolution not shorter than the first response.", n]);
            else
            {
                var priority = SlaPolicy.Priorities.First(p => string.Equals(p, cells[1], StringComparison.OrdinalIgnoreCase));
                if (list.Any(c => c.CategoryId == category && c.Priority == priority))
                    errors.Add(l["Category targets, line {0}: this category and priority are listed already.", n]);
                else list.Add(new SlaCategoryTarget(category, priority, new SlaTarget(first, resolution)));
            }
        }
        return errors.Count == before ? list : null;
    }

    private static TimeSpan? Target(string? text) =>
        SlaFormat.TryParseBusinessHours(text, out var duration) && duration > TimeSpan.Zero && duration <= MaxTarget ? duration : null;

    private static Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? ReadHours(string? stored)
    {
        if (stored is null) return null;
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var line in stored.Split('\n'))
        {
            var parts = line.Split('=', 2);
            if (parts.Length != 2 || !Enum.TryParse<DayOfWeek>(parts[0], out var day) || !SlaFormat.TryParseHours(parts[1], out var intervals)) return null;
            hours[day] = intervals;
        }
        var wellFormed = hours.Values.All(h => h.All(i => i.IsWellFormed) && h.Zip(h.Skip(1)).All(p => p.Second.Start >= p.First.End));
        return wellFormed && hours.Values.Any(h => h.Count > 0) ? hours : null;
    }

    private static Dictionary<string, SlaTarget>? ReadTargets(string? stored)
    {
        if (stored is null) return null;
        var targets = new Dictionary<string, SlaTarget>(StringComparer.Ordinal);
        foreach (var line in stored.Split('\n'))
        {
            var parts = line.Split('=', 2);
            var values = parts.Length == 2 ? parts[1].Split('/') : [];
            if (values.Length != 2 || Target(values[0]) is not { } first || Target(values[1]) is not { } resolution) return null;
            targets[parts[0]] = new SlaTarget(first, resolution);
        }
        return SlaPolicy.Priorities.All(targets.ContainsKey) ? targets : null;
    }

    private Task SetAsync(string key, string? value, CancellationToken ct) => db.SetSettingAsync(key, value, Now, ct);
}
