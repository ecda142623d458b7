using RightHand.Support.Answers;

namespace RightHand.Support.Answers.Pages;

/// <summary>The canned answer form's fields, bound from the post.</summary>
public sealed class AnswerForm
{
    public string? Language { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Body { get; set; }
    public bool InFaq { get; set; }

    internal CannedAnswerDraft ToDraft() => new(Language, Title, Category, Body, InFaq);

    internal static AnswerForm From(CannedAnswer a) => new() { Language = a.Language, Title = a.Title, Category = a.Category, Body = a.Body, InFaq = a.InFaq };
}
