using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Members.Webhooks;

/// <summary>The owner's webhooks: register an address for chosen events, switch it on or off, renew its secret, delete it, resend a delivery.</summary>
internal sealed class WebhookRegistry(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Registers the address; the secret is returned once, to be shown once.</summary>
    public async Task<(OperationResult Result, string? Secret)> AddAsync(string? url, IReadOnlyCollection<string> events, Guid? by, CancellationToken ct = default)
    {
        var errors = new List<string>();
        url = url?.Trim() ?? "";
        if (CheckUrl(url) is { } problem) errors.Add(problem);
        var wanted = WebhookEventNames.All.Where(k => events.Contains(WebhookEventNames.Name(k), StringComparer.Ordinal))
            .Aggregate(WebhookEvents.None, (all, k) => all | WebhookEventNames.Flag(k));
        if (wanted == WebhookEvents.None) errors.Add(l["Events: choose at least one event."]);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var secret = NewSecret();
        db.Webhooks.Add(new Webhook { Url = url, Events = wanted, Secret = secret, CreatedAt = Now, CreatedBy = by });
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, secret);
    }

    public async Task<OperationResult> SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        var hook = await db.Webhooks.FindAsync([id], ct);
        if (hook is null) return OperationResult.Fail(l["This webhook does not exist."]);
        hook.Active = active;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>A new secret at once: deliveries from now on are signed with it, so the receiver must be told the new one.</summary>
    public async Task<(OperationResult Result, string? Secret)> RenewSecretAsync(Guid id, CancellationToken ct = default)
    {
        var hook = await db.Webhooks.FindAsync([id], ct);
        if (hook is null) return (OperationResult.Fail(l["This webhook does not exist."]), null);
        hook.Secret = NewSecret();
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, hook.Secret);
    }

    /// <summary>Deletes the webhook with its deliveries and their log; jobs still queued for them find nothing and end.</summary>
    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var hook = await db.Webhooks.FindAsync([id], ct);
        if (hook is null) return OperationResult.Fail(l["This webhook does not exist."]);
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var deliveries = db.WebhookDeliveries.Where(d => d.WebhookId == id);
        await db.WebhookAttempts.Where(a => deliveries.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(ct);
        await deliveries.ExecuteDeleteAsync(ct);
        db.Webhooks.Remove(hook);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Queues one more attempt of a delivery now, whatever its state; the schedule of a pending one goes on as before.</summary>
    public async Task<OperationResult> ResendAsync(Guid deliveryId, CancellationToken ct = default)
    {
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId, ct)) return OperationResult.Fail(l["This delivery does not exist."]);
        await db.EnqueueAsync(WebhookSender.JobKind, new SendWebhook(deliveryId, Resend: true), Now, ct: ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// HTTPS, or plain HTTP to this machine or a private network (a receiver beside the app, where TLS is often not set up);
    /// no user name or password in the address, because the page shows it.
    /// </summary>
    public string? CheckUrl(string url)
    {
        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
            return l["Address: enter a full https:// address of at most 2000 characters."];
        if (uri.UserInfo.Length > 0) return l["Address: leave out the user name and password; the secret signs each delivery instead."];
        if (uri.Scheme == "http" && !IsLocal(uri))
            return l["Address: use https://; plain http:// only for this machine or a private network."];
        return null;
    }

    private static bool IsLocal(Uri uri)
    {
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6) return ip.IsIPv6UniqueLocal || ip.IsIPv6LinkLocal;
        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
    }

    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal static class WebhooksModule
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<WebhookRegistry>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<IJobHandler, WebhookSender>();
        // Redirects are not followed: a delivery goes where the owner said, and a 3xx is logged as not delivered.
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<WebhookDispatchWorker>();
        return services;
    }
}
