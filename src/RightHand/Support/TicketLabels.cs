using Microsoft.Extensions.Localization;

namespace RightHand.Support;

/// <summary>How states, priorities, channels and views read on the pages, in the reader's language.</summary>
internal static class TicketLabels
{
    public static string State(TicketState state, IStringLocalizer l) => state switch
    {
        TicketState.New => l["New"],
        TicketState.Open => l["Open"],
        TicketState.WaitingForMember => l["Waiting for member"],
        TicketState.WaitingForIt => l["Waiting for IT"],
        TicketState.WaitingForOwner => l["Waiting for owner"],
        TicketState.Solved => l["Solved"],
        TicketState.Closed => l["Closed"],
        _ => state.ToString(),
    };

    /// <summary>The badge's class: green when done, grey when waiting on someone else, plain when it is staff's turn.</summary>
    public static string? StateClass(TicketState state) => state switch
    {
        TicketState.Solved or TicketState.Closed => "ok",
        TicketState.WaitingForMember or TicketState.WaitingForIt or TicketState.WaitingForOwner => "off",
        _ => null,
    };

    public static string Priority(TicketPriority priority, IStringLocalizer l) => priority switch
    {
        TicketPriority.Low => l["low"],
        TicketPriority.Normal => l["normal"],
        TicketPriority.High => l["high"],
        TicketPriority.Urgent => l["urgent"],
        _ => priority.ToString(),
    };

    public static string Channel(TicketChannel channel, IStringLocalizer l) => channel switch
    {
        TicketChannel.Portal => l["Portal"],
        TicketChannel.Email => l["E-mail"],
        TicketChannel.Api => l["API"],
        TicketChannel.Phone => l["phone note"],
        _ => channel.ToString(),
    };

    public static string View(string view, IStringLocalizer l) => view switch
    {
        "mine" => l["Mine"],
        "unassigned" => l["Unassigned"],
        "it" => l["IT queue"],
        "owner" => l["Owner's queue"],
        "sla" => l["SLA at risk"],
        _ => l["All open"],
    };
}
