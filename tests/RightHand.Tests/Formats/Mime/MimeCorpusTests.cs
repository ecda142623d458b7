using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>
/// One test per message of the corpus: what the support desk will show for it (subject, sender, text, files) and
/// how it classifies it (auto-reply, bounce). The messages imitate what the named clients and servers send.
/// </summary>
public sealed class MimeCorpusTests
{
    [Fact]
    public void Corpus_HasAtLeastTwentyFiveMessages_AndEachReadsAsMail()
    {
        var files = Corpus.Files.ToList();
        Assert.True(files.Count >= 25, $"{files.Count} messages");
        Assert.All(files, f =>
        {
            var mail = MailMessage.Parse(File.ReadAllBytes(f));
            Assert.False(mail.IsRejected, f);
            Assert.NotNull(mail.MessageId);
        });
    }

    [Fact]
    public void Outlook_RelatedAlternativeWithInlineImage_PrefersPlainText_AndKeepsImageInline()
    {
        var mail = Corpus.Parse("outlook-related-inline-image.eml");

        Assert.Equal("Frage zu meiner Rechnung", mail.Subject);
        Assert.Equal(new MailboxAddress("Müller, Hans", "hans.mueller@mueller-gmbh.example"), mail.From);
        Assert.Equal("support@righthand.example", mail.To.Single().Address);
        Assert.StartsWith("Sehr geehrte Damen und Herren,\n\nauf meiner Rechnung", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Können Sie das bitte prüfen?", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("cid:image001.png@01DB3C4E.5A6B7C80", mail.HtmlBody, StringComparison.Ordinal);
        var image = Assert.Single(mail.Attachments);
        Assert.Equal(("image001.png", "image/png", true, "image001.png@01DB3C4E.5A6B7C80"), (image.FileName, image.ContentType, image.IsInline, image.ContentId));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Content[..4]);
        Assert.Equal(new DateTimeOffset(2024, 11, 12, 8, 14, 19, TimeSpan.Zero), mail.Date);
        Assert.False(mail.IsAutoReply);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void Gmail_AlternativeInUtf8_DecodesBase64SubjectAndEmoji()
    {
        var mail = Corpus.Parse("gmail-alternative.eml");

        Assert.Equal("Kein Zugang mehr – Passwort funktioniert nicht", mail.Subject);
        Assert.Equal(new MailboxAddress("Lea Schmidt", "lea.schmidt.1990@gmail.com"), mail.From);
        Assert.Contains("das Passwort wird nicht angenommen 😕\nKönnt ihr mir helfen?", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("CAF3x+Z1o8pQkR5vT2mN9bW4cY7dH6gJ0aL3sE1uI2fK8rO5tQ@mail.gmail.com", mail.MessageId);
        Assert.Empty(mail.Attachments);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void AppleMail_QuotedPrintableSoftBreakInsideAnUmlaut_JoinsTheBytes()
    {
        var mail = Corpus.Parse("apple-mail-quoted-printable.eml");

        Assert.Equal("Kündigung meiner Mitgliedschaft", mail.Subject);
        Assert.Equal("Jörg Becker", mail.From?.Name);
        Assert.StartsWith("ich möchte meine Mitgliedschaft zum Jahresende kündigen. Bitte bestätigen Sie", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("nennen Sie mir das genaue Datum, zu dem", mail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("Von meinem iPhone gesendet", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void Thunderbird_Rfc2231ContinuedFileName_IsJoinedAndDecoded_AndFlowedTextIsUnwrapped()
    {
        var mail = Corpus.Parse("thunderbird-rfc2231-attachment.eml");

        Assert.Equal("Beitrittserklärung anbei", mail.Subject);
        Assert.Contains("Ich habe sie als PDF eingescannt, ich hoffe, das passt so.", mail.TextBody, StringComparison.Ordinal);
        var pdf = Assert.Single(mail.Attachments);
        Assert.Equal("Beitrittserklärung Katrin Vogel (unterschrieben).pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.False(pdf.IsInline);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf.Content), StringComparison.Ordinal);
        Assert.DoesNotContain("This is a multi-part message", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void GermanMail_InIso885915_ReadsEuroSignAndUmlauts()
    {
        var mail = Corpus.Parse("german-iso-8859-15.eml");

        Assert.Equal("Beitrag über 20 € abgebucht", mail.Subject);
        Assert.Contains("von meinem Konto wurden 24 € statt 20 € abgebucht", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Straße des 17. Juni 12", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void GermanMail_InWindows1252_ReadsTypographicQuotesAndDashes()
    {
        var mail = Corpus.Parse("german-windows-1252.eml");

        Assert.Equal("Newsletter doppelt – bitte prüfen", mail.Subject);
        Assert.Equal(new MailboxAddress("Hoffmann, Sabine", "sabine.hoffmann@web.example"), mail.From);
        Assert.Contains("der „Newsletter“ kommt bei mir doppelt an – einmal", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Kosten: 0 € – trotzdem lästig.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("000001db3928$5a1b2c30$0e518490$@web.example", mail.MessageId);
    }

    [Fact]
    public void HtmlOnlyNewsletter_BecomesPlainText_WithoutScriptStyleOrTitle_AndCountsAsBulk()
    {
        var mail = Corpus.Parse("html-only-newsletter.eml");

        Assert.Equal(
            "Neuigkeiten im November\n\nLiebe Mitglieder,\nhier sind die Themen des Monats:\n\n" +
            "- Jahreshauptversammlung am 30. November\n- Neue Kurse & Termine\n- Beiträge für 2025\n\n" +
            "Alle Details finden Sie auf unserer Website (https://vereinsblatt.example/november?utm_source=newsletter).\n\n" +
            "Abmelden (https://vereinsblatt.example/abmelden?u=8f3a) | Einstellungen",
            mail.TextBody);
        Assert.Contains("<script", mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(mail.IsAutoReply);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void PostfixBounce_IsAHardBounce_NamingRecipientStatusAndTheOriginalMessage()
    {
        var mail = Corpus.Parse("postfix-bounce.eml");

        Assert.True(mail.IsAutoReply);
        Assert.Equal(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mail.righthand.example"), mail.From);
        var report = Assert.IsType<DeliveryReport>(mail.DeliveryReport);
        Assert.True(report.IsHardBounce);
        Assert.Equal("mail.righthand.example", report.ReportingMta);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(("peter.nichtda@example.net", "peter.nichtda@example.net", "failed", "5.1.1"),
            (recipient.FinalRecipient, recipient.OriginalRecipient, recipient.Action, recipient.Status));
        Assert.StartsWith("550 5.1.1 <peter.nichtda@example.net>: Recipient address rejected", recipient.DiagnosticCode, StringComparison.Ordinal);
        Assert.Equal("ticket-10234.3@righthand.example", report.OriginalMessageId);
        Assert.Equal("Re: [#10234] Ihre Anfrage", report.OriginalSubject);
        Assert.StartsWith("This is the mail system at host mail.righthand.example.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(["attachment-1.txt", "attachment-2.txt"], mail.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public void ExchangeNdr_MailboxFull_IsAHardBounce_WithTheReturnedMessageId()
    {
        var mail = Corpus.Parse("exchange-ndr.eml");

        Assert.Equal("Nicht zustellbar: [e10301] Ihre Rückfrage", mail.Subject);
        Assert.StartsWith("Ihre Nachricht hat die folgenden Empfänger nicht erreicht: m.weber@kunde.example", mail.TextBody, StringComparison.Ordinal);
        var report = Assert.IsType<DeliveryReport>(mail.DeliveryReport);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(("m.weber@kunde.example", "5.2.2"), (recipient.FinalRecipient, recipient.Status));
        Assert.Contains("QuotaExceededException", recipient.DiagnosticCode, StringComparison.Ordinal);
        Assert.True(recipient.IsHardBounce);
        Assert.Equal("ticket-10301.2@righthand.example", report.OriginalMessageId);
        Assert.Equal("ticket-10301.1@righthand.example", mail.InReplyTo);
    }

    [Fact]
    public void PostfixDelay_IsASoftBounce()
    {
        var report = Assert.IsType<DeliveryReport>(Corpus.Parse("postfix-delayed.eml").DeliveryReport);

        Assert.False(report.IsHardBounce);
        Assert.True(report.IsSoftBounce);
        Assert.Equal(("anna@langsam.example", "delayed", "4.4.1"), (report.Recipients[0].FinalRecipient, report.Recipients[0].Action, report.Recipients[0].Status));
        Assert.Equal("ticket-10410.1@righthand.example", report.OriginalMessageId);
    }

    [Fact]
    public void OutlookOutOfOffice_IsAnAutoReply_AndKeepsItsThreadingHeaders()
    {
        var mail = Corpus.Parse("out-of-office.eml");

        Assert.True(mail.IsAutoReply);
        Assert.Null(mail.DeliveryReport);
        Assert.Equal("Automatische Antwort: [#10234] Ihre Anfrage", mail.Subject);
        Assert.Equal("ticket-10234.4@righthand.example", mail.InReplyTo);
        Assert.Equal("Vielen Dank für Ihre Nachricht. Ich bin bis zum 2. Dezember nicht im Büro und habe keinen Zugriff auf meine E-Mails.", mail.TextBody);
    }

    [Fact]
    public void ThunderbirdReply_ExposesInReplyToAndFoldedReferencesInOrder()
    {
        var mail = Corpus.Parse("reply-with-references.eml");

        Assert.Equal("Re: [#10234] Passwort zurücksetzen", mail.Subject);
        Assert.Equal("ticket-10234.2@righthand.example", mail.InReplyTo);
        Assert.Equal(["ticket-10234.1@righthand.example", "3a9f1c2e-8b7d-4f6a-a5c4-1e2d3f4a5b6c@mailbox.example", "ticket-10234.2@righthand.example"], mail.References);
        Assert.StartsWith("Danke, der Link hat funktioniert. Ich kann mich jetzt wieder anmelden.\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("> über diesen Link können Sie Ihr Passwort zurücksetzen: https://righthand.example/reset/abc", mail.TextBody, StringComparison.Ordinal);
        Assert.False(mail.IsAutoReply);
    }

    [Fact]
    public void ForwardedMessage_IsAnEmlAttachment_ThatReadsAsAMessageOfItsOwn()
    {
        var mail = Corpus.Parse("forwarded-rfc822.eml");

        Assert.Equal("Bitte kümmert euch darum, siehe angehängte Nachricht.", mail.TextBody);
        var forwarded = Assert.Single(mail.Attachments);
        Assert.Equal(("attachment-1.eml", "message/rfc822"), (forwarded.FileName, forwarded.ContentType));
        var inner = MailMessage.Parse(forwarded.Content);
        Assert.Equal("Beschwerde zur Veranstaltung", inner.Subject);
        Assert.Equal("Die Veranstaltung am Samstag war leider schlecht organisiert.", inner.TextBody);
        Assert.Equal("foto.png", Assert.Single(inner.Attachments).FileName);
    }

    [Fact]
    public void LfOnlyLineEnds_AreReadLikeCrLf()
    {
        var mail = Corpus.Parse("lf-only.eml");

        Assert.Equal(new MailboxAddress("Cron Daemon", "cron@server.example"), mail.From);
        Assert.Equal("Backup erfolgreich: 1.204 Dateien, 3,2 GB.\nDauer: 12 Minuten.", mail.TextBody);
        var csv = Assert.Single(mail.Attachments);
        Assert.Equal("backup.csv", csv.FileName);
        Assert.Equal("datei;groesse\na.txt;12", System.Text.Encoding.UTF8.GetString(csv.Content));
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void MultipartWhoseBoundaryNeverOccurs_IsReadAsText_AndReported()
    {
        var mail = Corpus.Parse("missing-boundary.eml");

        Assert.Equal("Hallo, ich habe eine Frage zu meinem Beitrag.\nWarum wurde er zweimal abgebucht?", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.CodeName == "missing-boundary");
    }

    [Fact]
    public void MultipartWithoutBoundaryParameter_GuessesItFromTheFirstDashLine()
    {
        var mail = Corpus.Parse("missing-boundary-parameter.eml");

        Assert.Equal("Der Export ist fehlgeschlagen.", mail.TextBody);
        Assert.Equal("log.txt", Assert.Single(mail.Attachments).FileName);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.MissingBoundaryParameter);
    }

    [Fact]
    public void TruncatedMultipart_KeepsTheLastPart_AndReportsTheMissingEnd()
    {
        var mail = Corpus.Parse("missing-final-boundary.eml");

        Assert.Equal("Anbei das Foto vom beschädigten Paket.", mail.TextBody);
        var photo = Assert.Single(mail.Attachments);
        Assert.Equal("schaden.png", photo.FileName);
        Assert.Equal(70, photo.Content.Length);
        Assert.Contains(mail.Problems, p => p.CodeName == "missing-final-boundary");
    }

    [Fact]
    public void EncodedWordsInSeveralCharsets_AreDecoded_AndBlanksBetweenAdjacentWordsDropped()
    {
        var mail = Corpus.Parse("subject-two-charsets.eml");

        Assert.Equal("Grüße aus Zlín und „viele“ Fragen", mail.Subject);
        Assert.Equal("Renéé Dupont", mail.From?.Name);
    }

    [Fact]
    public void AttachmentNameAsEncodedWord_OutlookStyle_IsDecoded()
    {
        var mail = Corpus.Parse("attachment-name-encoded-word.eml");

        Assert.Equal("Anbei der Kontoauszug.", mail.TextBody);
        Assert.Equal("Kontoauszug März Übersicht.pdf", Assert.Single(mail.Attachments).FileName);
    }

    [Fact]
    public void ScriptPayloads_InSubjectNameAndFileName_ComeOutAsLiteralText_AndHtmlScriptsAreDropped()
    {
        var mail = Corpus.Parse("xss-payloads.eml");

        Assert.Equal("<script>alert('subject')</script> <svg onload=alert(2)>", mail.Subject);
        Assert.Equal("<img src=x onerror=alert(1)>", mail.From?.Name);
        Assert.Equal("attacker@evil.example", mail.From?.Address);
        // Markup in the HTML is interpreted and dropped; escaped markup is text and stays text.
        Assert.Equal("Hello\n\nclick me\n\n<script>alert('escaped')</script>\n\n[pic]", mail.TextBody);
        var file = Assert.Single(mail.Attachments);
        Assert.Equal("<svg onload=alert(5)>.html", file.FileName);
    }

    [Fact]
    public void HeaderOnlyMessage_HasAnEmptyBody()
    {
        var mail = Corpus.Parse("header-only.eml");

        Assert.Equal("Nur Betreff, kein Text", mail.Subject);
        Assert.Equal("", mail.TextBody);
        Assert.Null(mail.HtmlBody);
        Assert.Empty(mail.Attachments);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void RawUtf8InHeaders_IsRead()
    {
        var mail = Corpus.Parse("raw-utf8-headers.eml");

        Assert.Equal("Frågor om mitt medlemskap – Grüße", mail.Subject);
        Assert.Equal(new MailboxAddress("Zoë Ångström", "zoe@example.se"), mail.From);
    }

    [Fact]
    public void BrokenBase64_LongLinesNoPaddingAndGarbage_StillYieldsTheImage()
    {
        var mail = Corpus.Parse("gmx-broken-base64.eml");

        var photo = Assert.Single(mail.Attachments);
        Assert.Equal("ausweis.jpg", photo.FileName);
        Assert.Equal(20 + 256 + 2, photo.Content.Length);
        Assert.Equal([0xFF, 0xD8], photo.Content[..2]);
        Assert.Equal([0xFF, 0xD9], photo.Content[^2..]);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.InvalidBase64);
    }

    [Fact]
    public void IPhoneMail_TextAroundAnInlineImage_IsJoined_AndTheImageIsInline()
    {
        var mail = Corpus.Parse("iphone-inline-image.eml");

        Assert.Equal("Diese Meldung kommt beim Login:\n\nGesendet von meinem iPhone", mail.TextBody);
        var image = Assert.Single(mail.Attachments);
        Assert.Equal(("IMG_0412.PNG", true), (image.FileName, image.IsInline));
        Assert.Equal(new DateTimeOffset(2024, 12, 5, 8, 15, 44, TimeSpan.FromHours(1)), mail.Date);
    }

    [Fact]
    public void VacationProgram_XAutoreply_IsAnAutoReply()
    {
        Assert.True(Corpus.Parse("vacation-x-autoreply.eml").IsAutoReply);
    }

    [Fact]
    public void CalendarInvite_KeepsTheCalendarAsAFile_NextToTheText()
    {
        var mail = Corpus.Parse("outlook-calendar-invite.eml");

        Assert.Equal("Termin für das Beratungsgespräch.", mail.TextBody);
        var invite = Assert.Single(mail.Attachments);
        Assert.Equal(("attachment-1.ics", "text/calendar"), (invite.FileName, invite.ContentType));
        Assert.Contains("SUMMARY:Beratungsgespräch", System.Text.Encoding.UTF8.GetString(invite.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void SignedMessage_WithBrokenQuotedPrintable_ShowsTheSignedText_AndKeepsTheBadSequence()
    {
        var mail = Corpus.Parse("smime-signed-broken-qp.eml");

        Assert.Equal("Bitte ändern Sie meine Adresse. Rabatt = 10% =ZZ unbekannt. \nDanke", mail.TextBody);
        Assert.Equal("smime.p7s", Assert.Single(mail.Attachments).FileName);
        Assert.Contains(mail.Problems, p => p.Code == MimeProblemCode.InvalidQuotedPrintable);
    }

    [Fact]
    public void UnknownCharset_IsReadAsUtf8WhenValid_ElseAsWindows1252()
    {
        var mail = Corpus.Parse("unknown-charset.eml");

        Assert.Equal("Café bestellt", mail.Subject);
        Assert.Equal("Café für alle\n\nGrüße", mail.TextBody);
        Assert.Contains(mail.Problems, p => p.ToString() == "unknown-charset: x-weird-charset");
    }
}
