using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support.Answers;
using RightHand.Support.Macros.Pages;

namespace RightHand.Support.Macros;

/// <summary>
/// Macros: written by anyone who works in support (they only combine approved canned answers with what an agent may
/// do by hand anyway), applied on a ticket in one click and one transaction: the answer mailed as the agent's reply,
/// then the state, the tags and the assignee.
/// </summary>
internal sealed class SupportMacros(AppDb db, TicketDesk desk, CannedAnswers answers, RightHand.Portal.PortalSettings portal, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const int MaxTags = 5;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<SupportMacro>> ListAsync(CancellationToken ct = default) => db.SupportMacros.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);

    public Task<SupportMacro?> FindAsync(Guid id, CancellationToken ct = default) => db.SupportMacros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Creates (id null) or changes a macro. Returns its id; errors name the field and change nothing.</summary>
    public async Task<(OperationResult Result, Guid? Id)> SaveAsync(Guid? id, MacroForm form, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > SupportMacro.NameMax) errors.Add(l["Name: give the macro a name of at most {0} characters.", SupportMacro.NameMax]);
        else if (await db.SupportMacros.AnyAsync(m => m.Name == name && m.Id != id, ct)) errors.Add(l["Name: a macro with this name exists already."]);
        var live = await db.CannedAnswers.AsNoTracking().Where(a => a.LiveBody != null && !a.Archived).Select(a => new { a.Id, a.Language }).ToListAsync(ct);
        var answerDe = Answer(form.AnswerDe, "de", errors, l["Answer in German: choose an approved German canned answer."]);
        var answerEn = Answer(form.AnswerEn, "en", errors, l["Answer in English: choose an approved English canned answer."]);
        TicketState? state = null;
        if (!string.IsNullOrWhiteSpace(form.StateAfter))
        {
            if (Enum.TryParse<TicketState>(form.StateAfter, out var s) && Enum.IsDefined(s) && s != TicketState.New && !char.IsAsciiDigit(form.StateAfter[0])) state = s;
            else errors.Add(l["State after: choose one of the states after new."]);
        }
        var tags = (form.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (tags.Count > MaxTags || tags.Any(t => t.Length > TicketTag.MaxLength))
            errors.Add(l["Tags: at most {0} tags of at most {1} characters each, separated by commas.", MaxTags, TicketTag.MaxLength]);
        Guid? person = null;
        if (!Enum.IsDefined(form.Assignee)) errors.Add(l["Assignee: choose one of the choices."]);
        else if (form.Assignee == MacroAssignee.Person)
        {
            var agents = await TicketQueries.AgentsAsync(db, ct);
            if (Guid.TryParse(form.AssigneeId, out var p) && agents.Any(a => a.Key == p)) person = p;
            else errors.Add(l["Assignee: choose a person who works in support."]);
        }
        if (answerDe is null && answerEn is null && state is null && tags.Count == 0 && form.Assignee == MacroAssignee.Unchanged)
            errors.Add(l["The macro does nothing yet: choose an answer, a state, tags or an assignee."]);
        SupportMacro? macro = null;
        if (id is { } existing && (macro = await db.SupportMacros.FindAsync([existing], ct)) is null) return (OperationResult.Fail(l["This macro does not exist."]), null);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        if (macro is null) db.SupportMacros.Add(macro = new SupportMacro { Name = name, CreatedAt = Now });
        (macro.Name, macro.AnswerDeId, macro.AnswerEnId, macro.StateAfter, macro.Tags) = (name, answerDe, answerEn, state, tags.Count == 0 ? null : string.Join(',', tags));
        (macro.Assignee, macro.AssigneeId, macro.UpdatedAt) = (form.Assignee, person, Now);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, macro.Id);

        Guid? Answer(string? value, string language, List<string> errors, string error)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (Guid.TryParse(value, out var a) && live.Any(x => x.Id == a && x.Language == language)) return a;
            errors.Add(error);
            return null;
        }
    }

    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var macro = await db.SupportMacros.FindAsync([id], ct);
        if (macro is null) return OperationResult.Fail(l["This macro does not exist."]);
        db.SupportMacros.Remove(macro);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Applies a macro to a ticket for <paramref name="by"/>: its answer (in the ticket's language, merge fields filled
    /// in, counted as a use) goes out as their reply with their signature, then state, tags and assignee are set. The
    /// desk's own operations do each step; one transaction around them makes it all or nothing.
    /// </summary>
    public async Task<OperationResult> ApplyAsync(Guid ticketId, Guid macroId, Guid by, CancellationToken ct = default)
    {
        var macro = await db.SupportMacros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == macroId, ct);
        if (macro is null) return OperationResult.Fail(l["This macro does not exist."]);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return OperationResult.Fail(l["This ticket does not exist."]);
        var answerId = ticket.Language == "en" ? macro.AnswerEnId : macro.AnswerDeId;
        if (answerId is null && (macro.AnswerDeId ?? macro.AnswerEnId) is not null)
            return OperationResult.Fail(l["The macro {0} has no answer in the ticket's language.", macro.Name]);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var result = await StepsAsync(ticket, macro, answerId, by, ct);
        if (!result.Succeeded)
        {
            if (transaction is not null) await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }
        if (transaction is not null) await transaction.CommitAsync(ct);
        return OperationResult.Ok;
    }

    private async Task<OperationResult> StepsAsync(Ticket ticket, SupportMacro macro, Guid? answerId, Guid by, CancellationToken ct)
    {
        var state = macro.StateAfter;
        if (answerId is { } id)
        {
            var agent = (await db.People.NamesAsync([by], ct)).GetValueOrDefault(by);
            var values = await TicketAnswerValues.ForAsync(db, ticket, agent, (await portal.LookAsync(ct)).BusinessName, ct);
            var text = await answers.UseAsync(id, values, ct);
            if (text is null) return OperationResult.Fail(l["The macro's canned answer is no longer in use."]);
            var replied = await desk.ReplyAsync(ticket.Id, by, text, state, ct: ct);
            if (!replied.Succeeded) return replied;
        }
        else if (state is { } s && s != ticket.State && await desk.SetStateAsync(ticket.Id, s, ct) is { Succeeded: false } stateFailed) return stateFailed;
        foreach (var tag in macro.TagList)
            if (await desk.AddTagAsync(ticket.Id, tag, ct) is { Succeeded: false } tagFailed) return tagFailed;
        Guid? assignee = macro.Assignee switch { MacroAssignee.Me => by, MacroAssignee.Person => macro.AssigneeId, _ => null };
        if (macro.Assignee != MacroAssignee.Unchanged && await desk.AssignAsync(ticket.Id, assignee, ct) is { Succeeded: false } assignFailed) return assignFailed;
        return OperationResult.Ok;
    }
}

internal static class MacrosModule
{
    public static IServiceCollection AddSupportMacros(this IServiceCollection services) => services.AddScoped<SupportMacros>();
}
