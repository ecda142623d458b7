using Microsoft.Extensions.Localization;

namespace RightHand.Members;

/// <summary>How statuses and intervals read on the pages, in the reader's language.</summary>
internal static class MemberLabels
{
    public static string Status(MemberStatus status, IStringLocalizer l) => status switch
    {
        MemberStatus.Prospect => l["prospect"],
        MemberStatus.Active => l["active"],
        MemberStatus.Paused => l["paused"],
        MemberStatus.Cancelled => l["cancelled"],
        _ => status.ToString(),
    };

    public static string Interval(BillingInterval interval, IStringLocalizer l) => interval switch
    {
        BillingInterval.Monthly => l["monthly"],
        BillingInterval.Quarterly => l["quarterly"],
        BillingInterval.Yearly => l["yearly"],
        _ => interval.ToString(),
    };
}
