using Microsoft.Extensions.Localization;

namespace RightHand.Delegation.Reviews;

/// <summary>
/// What control costs: the owner's checking time set against the delegated work it checked. The figure an
/// owner needs to decide whether to trust more ("You spent 42 min checking 11 h 20 min of delegated work (6 %)").
/// </summary>
internal readonly record struct ControlCost(int CheckingSeconds, int WorkMinutes)
{
    public int CheckingMinutes => (int)Math.Round(CheckingSeconds / 60.0, MidpointRounding.AwayFromZero);

    /// <summary>Checking time as a whole percentage of the work time; none when no work was logged.</summary>
    public int? Percent => WorkMinutes == 0 ? null : (int)Math.Round(CheckingSeconds / 60.0 / WorkMinutes * 100, MidpointRounding.AwayFromZero);

    public string Describe(IStringLocalizer l) => Percent is { } percent
        ? l["You spent {0} checking {1} of delegated work ({2} %)", Duration(CheckingMinutes, l), Duration(WorkMinutes, l), percent]
        : l["You spent {0} checking; no delegated work was logged", Duration(CheckingMinutes, l)];

    public static string Duration(int minutes, IStringLocalizer l) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => l["{0} min", m],
        (var h, 0) => l["{0} h", h],
        var (h, m) => l["{0} h {1} min", h, m],
    };
}
