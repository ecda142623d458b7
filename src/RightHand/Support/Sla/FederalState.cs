namespace RightHand.Support.Sla;

/// <summary>The 16 German federal states by their usual two-letter codes; each has its own public holidays.</summary>
internal enum FederalState
{
    BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH,
}
