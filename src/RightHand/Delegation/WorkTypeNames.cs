using Microsoft.Extensions.Localization;

namespace RightHand.Delegation;

/// <summary>Work types are stored by key; people read them as words. A module's own key shows as it is until it is named here.</summary>
internal static class WorkTypeNames
{
    public static string Describe(string key, IStringLocalizer l) => key switch
    {
        "task-result" => l["Task result"],
        "newsletter" => l["Newsletter"],
        "payment-file" => l["Payment file"],
        "payout" => l["Payout"],
        "share-transfer" => l["Share transfer"],
        "canned-answer" => l["Canned answer"],
        "marketing-material" => l["Marketing material"],
        "bulk-member-update" => l["Bulk member update"],
        "ticket-reply" => l["Reply to a member"],
        _ => key,
    };

    public static string DescribeReason(string reason, IStringLocalizer l) => reason switch
    {
        "set by owner" => l["set by the owner"],
        "promotion accepted" => l["promotion accepted"],
        "changes requested" => l["changes were requested"],
        _ => reason,
    };

    public static string Describe(AutonomyLevel level, IStringLocalizer l) => level switch
    {
        AutonomyLevel.ApproveEach => l["approve each"],
        AutonomyLevel.SpotChecked => l["spot-checked"],
        _ => l["autonomous"],
    };
}
