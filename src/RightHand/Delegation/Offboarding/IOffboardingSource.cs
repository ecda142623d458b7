namespace RightHand.Delegation.Offboarding;

/// <summary>One thing a person holds, as the owner reads it on the offboarding page and in the handover report.</summary>
internal sealed record HeldItem(string Title, string? Detail = null);

/// <summary>
/// A module's share of offboarding: what a person holds of its kind, and moving all of it to the person
/// who takes over. <see cref="ReassignAsync"/> only changes tracked entities; the offboarding saves once
/// for every source and the revocation together, so the handover happens completely or not at all.
/// A kind that cannot change hands (sessions, tokens) sets <see cref="Reassigns"/> to false, returns 0,
/// and ends with the revocation of access.
/// </summary>
internal interface IOffboardingSource
{
    /// <summary>A stable key (tests, anchors), e.g. "approvals".</summary>
    string Kind { get; }
    /// <summary>The heading the owner reads, already translated, e.g. "Pending approvals".</summary>
    string Heading { get; }
    /// <summary>Where the group stands on the page and in the report: lower first.</summary>
    int Order { get; }
    bool Reassigns { get; }
    Task<IReadOnlyList<HeldItem>> ListAsync(Guid person, CancellationToken ct);
    Task<int> ReassignAsync(Guid from, Guid to, CancellationToken ct);
}

/// <summary>A section of the handover report that is not about held items: recent decisions, a person's playbooks.</summary>
internal sealed record HandoverSection(string Heading, IReadOnlyList<string> Lines);

/// <summary>A module that adds a section to the handover report; return null to add nothing (no empty headings).</summary>
internal interface IHandoverSection
{
    int Order { get; }
    Task<HandoverSection?> WriteAsync(Guid person, CancellationToken ct);
}
