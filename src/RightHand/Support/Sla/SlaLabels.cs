using Microsoft.Extensions.Localization;

namespace RightHand.Support.Sla;

/// <summary>Priorities and federal states are stored by name and code; people read them as words in their language.</summary>
internal static class SlaLabels
{
    public static string Priority(string priority, IStringLocalizer l) => priority switch
    {
        "Low" => l["low"],
        "Normal" => l["normal"],
        "High" => l["high"],
        "Urgent" => l["urgent"],
        _ => priority,
    };

    public static string State(FederalState state, IStringLocalizer l) => state switch
    {
        FederalState.BW => l["Baden-Württemberg"],
        FederalState.BY => l["Bavaria"],
        FederalState.BE => l["Berlin"],
        FederalState.BB => l["Brandenburg"],
        FederalState.HB => l["Bremen"],
        FederalState.HH => l["Hamburg"],
        FederalState.HE => l["Hesse"],
        FederalState.MV => l["Mecklenburg-Western Pomerania"],
        FederalState.NI => l["Lower Saxony"],
        FederalState.NW => l["North Rhine-Westphalia"],
        FederalState.RP => l["Rhineland-Palatinate"],
        FederalState.SL => l["Saarland"],
        FederalState.SN => l["Saxony"],
        FederalState.ST => l["Saxony-Anhalt"],
        FederalState.SH => l["Schleswig-Holstein"],
        _ => l["Thuringia"],
    };
}
