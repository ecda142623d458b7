using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RightHand.Members.Api;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Members.Webhooks;

internal sealed record SendWebhook(Guid DeliveryId, bool Resend);

/// <summary>What a receiver gets: the delivery's id (to drop repeats), the event, when it happened, and the member now (only the number once erased).</summary>
internal sealed record WebhookPayload(Guid Id, string Event, DateTime OccurredAt, object Member);

internal static class WebhookSignature
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>: the time in the signature lets receivers refuse old replays.</summary>
    public static string Header(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}

/// <summary>
/// Sends one delivery (a job). A 2xx answer delivers it; anything else is logged as an attempt and the schedule
/// tries again after 1 min, 5 min, 30 min, 2 h and 12 h, then gives up. A resend is one more attempt now, outside the
/// schedule. A crash between the answer and the save sends once more: receivers drop repeats by the payload's id.
/// </summary>
internal sealed class WebhookSender(AppDb db, MemberSync members, Support.Escalations.EscalationTracker tracker, IHttpClientFactory http, TimeProvider clock, ILogger<WebhookSender> log) : IJobHandler
{
    public const string JobKind = "members.webhook";
    public const string HttpClientName = "webhooks";
    public static readonly IReadOnlyList<TimeSpan> Retries =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var job = context.Payload<SendWebhook>();
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == job.DeliveryId, ct);
        if (delivery is null || (!job.Resend && delivery.State != DeliveryState.Pending)) return;
        var hook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, ct);
        if (hook is null) return;

        var body = JsonSerializer.Serialize(await PayloadAsync(delivery, ct), JsonSerializerOptions.Web);
        var attempt = new WebhookAttempt { DeliveryId = delivery.Id, At = clock.GetUtcNow().UtcDateTime, Resend = job.Resend };
        var started = clock.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-RightHand-Event", WebhookEventNames.Name(delivery));
            request.Headers.Add("X-RightHand-Delivery", delivery.Id.ToString());
            request.Headers.Add("X-RightHand-Signature", WebhookSignature.Header(hook.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.ResponseExcerpt = await ExcerptAsync(response, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            attempt.Error = Cut(ex is TaskCanceledException ? "No answer within 10 seconds." : ex.Message, 500);
            log.LogInformation("Webhook delivery {DeliveryId} to {Url} failed: {Error}", delivery.Id, hook.Url, attempt.Error);
        }
        attempt.DurationMs = (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);
        db.WebhookAttempts.Add(attempt);
        await RecordAsync(delivery, attempt, job.Resend, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task RecordAsync(WebhookDelivery delivery, WebhookAttempt attempt, bool resend, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        delivery.LastStatusCode = attempt.StatusCode;
        if (attempt.StatusCode is >= 200 and < 300)
        {
            (delivery.State, delivery.DeliveredAt, delivery.NextAttemptAt) = (DeliveryState.Delivered, now, null);
            return;
        }
        // A failed resend leaves the schedule as it was: a pending delivery keeps its next attempt, a finished one stays finished.
        if (resend) return;
        delivery.ScheduledAttempts++;
        if (delivery.ScheduledAttempts > Retries.Count)
        {
            (delivery.State, delivery.NextAttemptAt) = (DeliveryState.Failed, null);
            return;
        }
        delivery.NextAttemptAt = now + Retries[delivery.ScheduledAttempts - 1];
        var next = await db.EnqueueAsync(JobKind, new SendWebhook(delivery.Id, Resend: false), now, ct: ct);
        next.RunAfter = delivery.NextAttemptAt.Value;
    }

    private async Task<object> PayloadAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        if (delivery.EscalationId is not null) return await tracker.PayloadAsync(delivery, ct);
        var name = WebhookEventNames.Name(delivery.Kind);
        var member = delivery.Kind == MemberEventKind.Erased ? null : await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == delivery.MemberId, ct);
        // An erased member is announced by number only: nothing personal leaves the system after an erasure.
        object data = member is null ? new { number = delivery.Number } : (await members.ItemsAsync([member], ct))[0];
        return new WebhookPayload(delivery.Id, name, delivery.OccurredAt, data);
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[300];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read == 0 ? null : new string(buffer, 0, read);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
