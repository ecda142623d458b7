namespace RightHand.Support.Sla;

/// <summary>How much business time a ticket may take until the first response and until it is solved.</summary>
internal sealed record SlaTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>Targets for the tickets of one category and priority, overriding the priority's own.</summary>
internal sealed record SlaCategoryTarget(Guid CategoryId, string Priority, SlaTarget Target);

/// <summary>When a ticket's first response and resolution are due; null while the clock stands still.</summary>
internal sealed record SlaDueTimes(DateTime? FirstResponseDue, DateTime? ResolutionDue);

/// <summary>
/// The SLA as the owner set it: the business calendar and the targets per priority, optionally per category. Pure;
/// <see cref="SlaSettings.PolicyAsync"/> builds it from the settings. Priorities are named as the ticket's priority
/// (Low, Normal, High, Urgent).
/// </summary>
internal sealed class SlaPolicy(BusinessCalendar calendar, IReadOnlyDictionary<string, SlaTarget> targets, IReadOnlyList<SlaCategoryTarget> categoryTargets)
{
    /// <summary>The ticket priorities, lowest first.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["Low", "Normal", "High", "Urgent"];

    public static IReadOnlyDictionary<string, SlaTarget> DefaultTargets { get; } = new Dictionary<string, SlaTarget>(StringComparer.Ordinal)
    {
        ["Urgent"] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(8)),
        ["High"] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(16)),
        ["Normal"] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(40)),
        ["Low"] = new(TimeSpan.FromHours(16), TimeSpan.FromHours(80)),
    };

    public BusinessCalendar Calendar => calendar;
    public IReadOnlyDictionary<string, SlaTarget> Targets => targets;
    public IReadOnlyList<SlaCategoryTarget> CategoryTargets => categoryTargets;

    /// <summary>The targets of a ticket: its category's for its priority if the owner set them, else its priority's.</summary>
    /// <exception cref="ArgumentException"><paramref name="priority"/> is not one of <see cref="Priorities"/>.</exception>
    public SlaTarget TargetFor(string priority, Guid? categoryId)
    {
        if (categoryId is { } id && categoryTargets.FirstOrDefault(c => c.CategoryId == id && c.Priority == priority) is { } own) return own.Target;
        return targets.TryGetValue(priority, out var target) ? target
            : throw new ArgumentException($"'{priority}' is not a ticket priority ({string.Join(", ", Priorities)}).", nameof(priority));
    }

    /// <summary>The due times of a ticket created at <paramref name="createdUtc"/> whose clock has not stood still.</summary>
    public (DateTime FirstResponseDue, DateTime ResolutionDue) DueTimes(string priority, Guid? categoryId, DateTime createdUtc)
    {
        var target = TargetFor(priority, categoryId);
        return (calendar.AddBusinessTime(createdUtc, target.FirstResponse), calendar.AddBusinessTime(createdUtc, target.Resolution));
    }

    /// <summary>The due times when the clock stood still during <paramref name="pauses"/> (waiting for the member).</summary>
    public SlaDueTimes DueTimes(string priority, Guid? categoryId, DateTime createdUtc, IReadOnlyList<SlaPause> pauses)
    {
        var target = TargetFor(priority, categoryId);
        return new(SlaClock.Due(calendar, createdUtc, pauses, target.FirstResponse), SlaClock.Due(calendar, createdUtc, pauses, target.Resolution));
    }
}
