using Microsoft.Extensions.Localization;

namespace RightHand.Delegation.Decisions;

internal static class DecisionStates
{
    public static string Describe(DecisionState state, IStringLocalizer l) => state switch
    {
        DecisionState.Agreed => l["agreed"],
        DecisionState.ChangedAfterAgreement => l["changed after agreement, awaiting agreement"],
        _ => l["proposed"],
    };
}
