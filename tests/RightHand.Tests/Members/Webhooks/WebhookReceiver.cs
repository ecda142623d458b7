using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RightHand.Tests.Infrastructure;

namespace RightHand.Tests.Members.Webhooks;

/// <summary>The platform's side: a real HTTP listener on a free port that records each delivery and answers with the codes it was given, then 200.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Body, string Event, string Delivery, string Signature);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers;

    private WebhookReceiver(WebApplication app, string url, ConcurrentQueue<int> answers)
    {
        this.app = app;
        Url = url;
        this.answers = answers;
    }

    public string Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var url = $"http://127.0.0.1:{ProcessRunner.FreeTcpPort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, url + "/hooks/members", new ConcurrentQueue<int>(answers));
        app.MapPost("/hooks/members", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(body, context.Request.Headers["X-RightHand-Event"].ToString(),
                context.Request.Headers["X-RightHand-Delivery"].ToString(), context.Request.Headers["X-RightHand-Signature"].ToString()));
            var status = receiver.answers.TryDequeue(out var code) ? code : 200;
            return Results.Text(status == 200 ? "thanks" : "receiver is down", statusCode: status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
