using Markdig;
using Markdig.Syntax;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Playbooks;

/// <summary>What a person writes for one version of a playbook: either language may be left empty, not both.</summary>
internal sealed record PlaybookDraft(string TitleDe, string BodyDe, string TitleEn, string BodyEn, string ChangeNote);

/// <summary>Writes playbooks: the first version, and every edit as a new version (old versions stay readable).</summary>
internal sealed class PlaybookLibrary(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    // Raw HTML in Markdown shows as text: a playbook is read by everyone on staff and must not carry scripts or forms.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UsePipeTables().Build();

    /// <summary>
    /// Markdown as HTML. <paramref name="underHeadingLevel"/> is the level of the page heading the text sits under:
    /// the text's own "#" then becomes the next level down, so a report inside a card does not start a second h1.
    /// </summary>
    public static MarkupString Render(string markdown, int underHeadingLevel = 0)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(6, heading.Level + underHeadingLevel);
        return new(document.ToHtml(Pipeline));
    }

    public async Task<(OperationResult Result, Guid? Id)> WriteAsync(PlaybookDraft draft, Guid author, CancellationToken ct = default)
    {
        var errors = Check(draft);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var now = clock.GetUtcNow().UtcDateTime;
        var playbook = new Playbook { CreatedAt = now };
        db.Playbooks.Add(playbook);
        AddVersion(playbook, draft, author, now);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, playbook.Id);
    }

    /// <summary>Saves an edit as the next version. An edit that changes nothing is refused, so the history holds only real changes.</summary>
    public async Task<OperationResult> ReviseAsync(Guid playbookId, PlaybookDraft draft, Guid author, CancellationToken ct = default)
    {
        var playbook = await db.Playbooks.FindAsync([playbookId], ct);
        if (playbook is null) return OperationResult.Fail(l["This playbook does not exist."]);
        var errors = Check(draft);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var current = await db.PlaybookVersions.AsNoTracking().SingleAsync(v => v.PlaybookId == playbookId && v.Number == playbook.CurrentVersion, ct);
        if ((current.TitleDe, current.BodyDe, current.TitleEn, current.BodyEn) == (draft.TitleDe.Trim(), draft.BodyDe.Trim(), draft.TitleEn.Trim(), draft.BodyEn.Trim()))
            return OperationResult.Fail(l["Nothing has changed."]);
        AddVersion(playbook, draft, author, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private void AddVersion(Playbook playbook, PlaybookDraft draft, Guid author, DateTime now)
    {
        playbook.CurrentVersion++;
        playbook.TitleDe = draft.TitleDe.Trim();
        playbook.TitleEn = draft.TitleEn.Trim();
        playbook.UpdatedAt = now;
        db.PlaybookVersions.Add(new PlaybookVersion
        {
            PlaybookId = playbook.Id, Number = playbook.CurrentVersion, TitleDe = playbook.TitleDe, BodyDe = draft.BodyDe.Trim(),
            TitleEn = playbook.TitleEn, BodyEn = draft.BodyEn.Trim(), AuthorId = author, ChangeNote = draft.ChangeNote.Trim(), CreatedAt = now,
        });
    }

    private List<string> Check(PlaybookDraft draft)
    {
        var errors = new List<string>();
        var german = draft.TitleDe.Trim().Length > 0 || draft.BodyDe.Trim().Length > 0;
        var english = draft.TitleEn.Trim().Length > 0 || draft.BodyEn.Trim().Length > 0;
        if (!german && !english) errors.Add(l["Write the playbook in at least one language: a title and a text in German or in English."]);
        if (german && draft.TitleDe.Trim().Length == 0) errors.Add(l["Title (German): enter a title for the German text."]);
        if (german && draft.BodyDe.Trim().Length == 0) errors.Add(l["Text (German): write the German text or leave both German fields empty."]);
        if (english && draft.TitleEn.Trim().Length == 0) errors.Add(l["Title (English): enter a title for the English text."]);
        if (english && draft.BodyEn.Trim().Length == 0) errors.Add(l["Text (English): write the English text or leave both English fields empty."]);
        if (draft.TitleDe.Trim().Length > 200 || draft.TitleEn.Trim().Length > 200) errors.Add(l["Title: at most {0} characters.", 200]);
        if (draft.BodyDe.Length > 100_000 || draft.BodyEn.Length > 100_000) errors.Add(l["Text: at most {0} characters.", 100_000]);
        if (draft.ChangeNote.Length > 500) errors.Add(l["Change note: at most {0} characters.", 500]);
        return errors;
    }
}
