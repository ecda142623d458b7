using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Members.Webhooks;

/// <summary>
/// Turns member events into deliveries: reads the events not yet dispatched, oldest first, adds one delivery (and
/// its job) per webhook that wants the event, and marks the events dispatched, in one transaction. On PostgreSQL
/// a second instance skips the rows the first has locked; on SQLite the transaction holds the write lock.
/// </summary>
internal sealed class WebhookDispatcher(AppDb db, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <summary>Dispatches up to <see cref="BatchSize"/> events; returns how many.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct = default)
    {
        // A plain read first: the transaction below would take SQLite's write lock on every poll.
        if (!await db.MemberEvents.AnyAsync(e => e.DispatchedAt == null, ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var events = db.IsPostgres
            ? await db.MemberEvents.FromSql($"SELECT * FROM member_events WHERE dispatched_at IS NULL ORDER BY at, id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED").ToListAsync(ct)
            : await db.MemberEvents.Where(e => e.DispatchedAt == null).OrderBy(e => e.At).ThenBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.Active).ToListAsync(ct);
        foreach (var e in events.OrderBy(e => e.At))
        {
            foreach (var hook in hooks.Where(h => h.Wants(e.Kind)))
            {
                var delivery = new WebhookDelivery
                {
                    WebhookId = hook.Id, EventId = e.Id, MemberId = e.MemberId, Number = e.Number, Kind = e.Kind, OccurredAt = e.At,
                    CreatedAt = now, NextAttemptAt = now,
                };
                db.WebhookDeliveries.Add(delivery);
                await db.EnqueueAsync(WebhookSender.JobKind, new SendWebhook(delivery.Id, Resend: false), now, ct: ct);
            }
            e.DispatchedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }
}

/// <summary>The host's loop: dispatches while there are events, then looks again every two seconds. Sending is the job runner's.</summary>
internal sealed class WebhookDispatchWorker(IServiceScopeFactory scopes, ILogger<WebhookDispatchWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().DispatchAsync(stoppingToken) > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogError(ex, "Member events could not be dispatched to the webhooks");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
