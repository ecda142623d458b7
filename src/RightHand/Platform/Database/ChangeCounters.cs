using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RightHand.Platform.Database;

/// <summary>
/// Counts, per entity type, the saves in this process that added, changed or removed one. A figure derived from a table
/// and kept for a few seconds (the ticket list's tab counts) stays valid only while its type's count has not moved, so a
/// person sees their own change at once. Process-wide on purpose: every app host in the process shares the database.
/// </summary>
internal static class ChangeCounters
{
    private static readonly ConcurrentDictionary<Type, long> Counters = new();

    public static long Of<T>() => Counters.GetValueOrDefault(typeof(T));

    /// <summary>
    /// The entity types a save is about to write, read right before it, after the audit trail has detected the changes:
    /// detecting them again here would be a third pass over every tracked entity (an import's chunk holds thousands).
    /// </summary>
    public static HashSet<Type> Pending(ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var types = new HashSet<Type>();
            foreach (var entry in tracker.Entries())
            {
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) types.Add(entry.Metadata.ClrType);
            }
            return types;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public static void Saved(HashSet<Type> types)
    {
        foreach (var type in types) Counters.AddOrUpdate(type, 1, (_, n) => n + 1);
    }
}
