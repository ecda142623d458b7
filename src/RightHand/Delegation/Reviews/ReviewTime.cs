namespace RightHand.Delegation.Reviews;

/// <summary>
/// What checking costs the owner: the time from opening an item to deciding on it. An item left open over
/// lunch must not count as an hour of checking, so each item counts at most 15 minutes.
/// </summary>
internal static class ReviewTime
{
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    /// <summary>Seconds spent on one item; nothing when it was decided without being opened (through the API, say).</summary>
    public static int Seconds(DateTime? openedAt, DateTime decidedAt)
    {
        if (openedAt is not { } opened || decidedAt <= opened) return 0;
        var spent = decidedAt - opened;
        return (int)Math.Round((spent < Cap ? spent : Cap).TotalSeconds);
    }
}
