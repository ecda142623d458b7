using RightHand.Formats.Mime;

namespace RightHand.Support.Inbound;

/// <summary><c>righthand mail receive</c>: one mail from standard input onto the desk, with exit codes a mail server understands.</summary>
internal static class MailReceiveCommand
{
    public const int Rejected = 2;
    /// <summary>EX_TEMPFAIL (sysexits.h): Postfix and fetchmail keep the mail and try again later.</summary>
    public const int TemporaryFailure = 75;

    /// <summary>Reads the whole input; beyond the size limit it reads on without keeping, so the sender's pipe is never left blocked.</summary>
    public static async Task<byte[]> ReadAsync(Stream input, CancellationToken ct)
    {
        var limit = new MimeLimits().MaxMessageBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            var room = (int)Math.Min(read, limit - buffer.Length);
            if (room > 0) buffer.Write(chunk, 0, room);
        }
        return buffer.ToArray();
    }

    public static async Task<int> RunAsync(IServiceProvider services, byte[] raw, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var result = await services.GetRequiredService<MailIntake>().ReceiveAsync(raw, ct);
        var ticket = result.TicketNumber is { } n ? $"#{n}" : null;
        switch (result.Outcome)
        {
            case IntakeOutcome.Rejected:
                await error.WriteLineAsync(result.Reason);
                return Rejected;
            case IntakeOutcome.TicketCreated: await output.WriteLineAsync($"Ticket {ticket} created"); break;
            case IntakeOutcome.MessageAdded: await output.WriteLineAsync($"Message added to ticket {ticket}"); break;
            case IntakeOutcome.BounceRecorded:
                await output.WriteLineAsync(ticket is null ? "Bounce recorded on the outgoing mail" : $"Bounce recorded on ticket {ticket}");
                break;
            case IntakeOutcome.AlreadyReceived:
                await output.WriteLineAsync(ticket is null ? "Already received; nothing added" : $"Already received on ticket {ticket}; nothing added");
                break;
            default:
                // Not an error for the mail server (a bounce must not bounce): the owner finds it in the rejected-mail folder.
                await output.WriteLineAsync($"Kept in the rejected-mail folder: {result.Reason}");
                break;
        }
        return 0;
    }
}
