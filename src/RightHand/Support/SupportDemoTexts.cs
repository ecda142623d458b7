namespace RightHand.Support;

/// <summary>What members of an online community write to its support, and what the team answers: the demo's material.</summary>
internal static class SupportDemoTexts
{
    internal sealed record Story(int Category, string Subject, string Body, string Reply, string FollowUp, string FollowUpReply, bool Urgent = false);

    internal sealed record Answer(string Language, string Title, string CategoryDe, string CategoryEn, string Body, bool InFaq);

    public const int Billing = 0, Access = 1, Membership = 2, Technical = 3, Personal = 4, Privacy = 5;

    public static readonly (string De, string En)[] Categories =
    [
        ("Rechnung & Zahlung", "Billing & payment"), ("Anmeldung & Zugang", "Sign-in & access"), ("Mitgliedschaft", "Membership"),
        ("Technisches Problem", "Technical problem"), ("Termine & persönliche Beratung", "Appointments & personal advice"), ("Datenschutz", "Privacy"),
    ];

    public static readonly Story[] German =
    [
        new(Billing, "Rechnung für Oktober fehlt", "Hallo, ich finde meine Rechnung für Oktober nicht im Portal. Können Sie sie mir bitte noch einmal schicken?",
            "ich habe Ihnen die Rechnung für Oktober eben noch einmal per E-Mail geschickt. Im Portal finden Sie alle Rechnungen unter „Mein Konto“ → „Rechnungen“.\n\nViele Grüße",
            "Kann ich die Rechnung auch auf meine Firma ausstellen lassen?", "ja, tragen Sie die Firma im Portal unter „Meine Daten“ ein; ab der nächsten Rechnung steht sie darauf.\n\nViele Grüße"),
        new(Billing, "Lastschrift doppelt abgebucht", "Guten Tag, mein Beitrag wurde diesen Monat zweimal von meinem Konto abgebucht. Bitte erstatten Sie den doppelten Betrag.",
            "Sie haben recht, die Lastschrift lief doppelt. Die Erstattung ist angewiesen und sollte in zwei bis drei Bankarbeitstagen auf Ihrem Konto sein. Entschuldigen Sie bitte.\n\nViele Grüße",
            "Bekomme ich dafür eine Gutschrift als Beleg?", "die Gutschrift liegt jetzt im Portal unter „Rechnungen“.\n\nViele Grüße", Urgent: true),
        new(Billing, "Beitrag ab Januar", "Hallo, wie hoch ist mein Beitrag ab Januar? Ich habe etwas von einer Anpassung gelesen.",
            "Ihr Beitrag bleibt im Tarif Basis bei 9,90 € im Monat. Die Anpassung betrifft nur neue Premium-Mitgliedschaften.\n\nViele Grüße",
            "Und wenn ich zu Premium wechsle?", "dann gilt ab dem Wechsel der Jahresbeitrag von 99,00 €, anteilig für das laufende Jahr.\n\nViele Grüße"),
        new(Access, "Passwort vergessen", "Ich komme nicht mehr in mein Konto, das Passwort wird nicht angenommen. Der Link zum Zurücksetzen kommt nicht an.",
            "ich habe Ihnen einen neuen Link geschickt. Bitte schauen Sie auch im Spam-Ordner nach; der Link gilt 24 Stunden.\n\nViele Grüße",
            "Jetzt klappt es, aber die Zwei-Faktor-Anmeldung fragt nach einem Code.", "den Code zeigt Ihre Authenticator-App an; wenn Sie keine eingerichtet haben, schalte ich die Abfrage für Sie zurück.\n\nViele Grüße"),
        new(Access, "Konto gesperrt nach drei Versuchen", "Mein Konto ist gesperrt, ich habe mich dreimal vertippt. Ich brauche heute noch Zugang zum Webinar!",
            "die Sperre ist aufgehoben, Sie können sich wieder anmelden. Das Webinar beginnt um 18 Uhr; der Link steht im Portal.\n\nViele Grüße",
            "Danke, und wo finde ich die Aufzeichnung später?", "die Aufzeichnung steht ab morgen im Portal unter „Webinare“.\n\nViele Grüße", Urgent: true),
        new(Membership, "Kündigung zum Jahresende", "Hiermit kündige ich meine Mitgliedschaft zum 31. Dezember. Bitte bestätigen Sie mir die Kündigung.",
            "wir bestätigen Ihre Kündigung zum 31. Dezember. Bis dahin bleibt Ihr Zugang bestehen. Schade, dass Sie gehen – wir freuen uns, wenn Sie wiederkommen.\n\nViele Grüße",
            "Kann ich die Mitgliedschaft stattdessen pausieren?", "ja, eine Pause von bis zu sechs Monaten ist möglich; ich habe die Kündigung zurückgenommen und die Pause eingetragen.\n\nViele Grüße"),
        new(Membership, "Adresse geändert", "Ich bin umgezogen. Neue Adresse: Lindenstraße 12, 50674 Köln.",
            "danke, Ihre neue Adresse ist eingetragen. Den Mitgliedsausweis schicken wir Ihnen neu zu.\n\nViele Grüße",
            "Muss ich die alte Karte zurückschicken?", "nein, die alte Karte können Sie einfach entsorgen.\n\nViele Grüße"),
        new(Membership, "Mitgliedsausweis nicht erhalten", "Ich bin seit vier Wochen Mitglied und habe noch keinen Mitgliedsausweis bekommen.",
            "der Ausweis ist heute erneut an Sie hinausgegangen. Bis er da ist, können Sie den digitalen Ausweis im Portal verwenden.\n\nViele Grüße",
            "Gilt der digitale Ausweis auch bei Veranstaltungen?", "ja, zeigen Sie ihn einfach auf dem Handy vor.\n\nViele Grüße"),
        new(Technical, "Webinar-Video ruckelt", "Das Video im Webinar bleibt ständig stehen, der Ton läuft weiter. Ich nutze Firefox unter Windows.",
            "das liegt an einem Fehler unseres Videoplayers mit Firefox, den unsere IT gerade behebt. Bis dahin hilft Chrome oder Edge.\n\nViele Grüße",
            "Mit Edge geht es. Sagen Sie Bescheid, wenn Firefox wieder läuft?", "gern, die Korrektur ist inzwischen eingespielt; Firefox sollte jetzt wieder flüssig laufen.\n\nViele Grüße"),
        new(Technical, "Download bricht ab", "Der Download der Unterlagen bricht bei 80 % ab. Ich habe es dreimal versucht.",
            "ich habe Ihnen die Unterlagen als Anhang geschickt. Unsere IT prüft den Download-Server.\n\nViele Grüße",
            "Der Anhang ist angekommen, danke!", "sehr gern.\n\nViele Grüße"),
        new(Personal, "Termin für ein persönliches Gespräch", "Ich würde gern mit Frau Gründerin persönlich über eine Zusammenarbeit sprechen. Wann passt es?",
            "Frau Gründerin spricht gern mit Ihnen. Einen Termin können Sie direkt über ihren Kalender buchen; der Link kommt gleich separat.\n\nViele Grüße",
            "Geht auch ein Termin am Abend?", "ja, donnerstags bietet sie auch Termine bis 19 Uhr an.\n\nViele Grüße"),
        new(Privacy, "Auskunft über meine Daten", "Bitte teilen Sie mir mit, welche Daten Sie über mich gespeichert haben (Art. 15 DSGVO).",
            "anbei erhalten Sie die Auskunft über alle bei uns gespeicherten Daten als Archiv mit einer lesbaren Übersicht.\n\nViele Grüße",
            "Können Sie meine Telefonnummer löschen?", "die Telefonnummer ist gelöscht.\n\nViele Grüße"),
    ];

    public static readonly Story[] English =
    [
        new(Billing, "Invoice for October missing", "Hello, I can't find my October invoice in the portal. Could you send it again?",
            "I have just sent you the October invoice again by e-mail. All invoices are in the portal under \"My account\" → \"Invoices\".\n\nBest regards",
            "Can the invoice be made out to my company?", "yes, enter the company under \"My details\" in the portal; it will be on the next invoice.\n\nBest regards"),
        new(Billing, "Charged twice this month", "Hi, my fee was taken from my account twice this month. Please refund the second payment.",
            "you are right, the debit ran twice. The refund is on its way and should reach your account within two to three banking days. Sorry about that.\n\nBest regards",
            "Will I get a credit note?", "the credit note is now in the portal under \"Invoices\".\n\nBest regards", Urgent: true),
        new(Access, "Forgot my password", "I can't sign in any more, the reset link never arrives.",
            "I have sent you a new link. Please look in your spam folder too; the link is valid for 24 hours.\n\nBest regards",
            "It works now, but it asks for a code.", "the code is shown by your authenticator app; if you have none set up, I can switch it off for you.\n\nBest regards"),
        new(Membership, "Cancel my membership", "Please cancel my membership at the end of the year and confirm it.",
            "we confirm your cancellation as of 31 December. Your access stays until then. We would be glad to see you again.\n\nBest regards",
            "Could I pause instead?", "yes, a pause of up to six months is possible; I have withdrawn the cancellation and entered the pause.\n\nBest regards"),
        new(Technical, "Webinar video keeps freezing", "The webinar video keeps stopping while the sound goes on. I use Safari on a Mac.",
            "this is a bug in our video player that our IT is fixing right now. Until then, Chrome or Firefox work.\n\nBest regards",
            "Chrome works. Will you let me know when Safari is fixed?", "of course – the fix is live now, Safari should play smoothly again.\n\nBest regards"),
        new(Personal, "Could I talk to the founder?", "I'd love to talk to the founder about a partnership. When would suit her?",
            "she would be glad to talk to you. You can book a slot directly in her calendar; the link follows in a separate mail.\n\nBest regards",
            "Are evening slots possible?", "yes, on Thursdays she offers slots until 7 pm.\n\nBest regards"),
        new(Privacy, "What data do you hold about me?", "Please tell me which personal data you store about me (GDPR Art. 15).",
            "please find attached an archive with all data we hold about you and a readable summary.\n\nBest regards",
            "Can you delete my phone number?", "your phone number has been deleted.\n\nBest regards"),
    ];

    public static readonly Answer[] Answers =
    [
        new("de", "Passwort zurücksetzen", "Anmeldung & Zugang", "Sign-in & access",
            "Hallo {{member.first_name}},\n\nüber „Passwort vergessen“ auf der Anmeldeseite schicken wir Ihnen einen Link, der 24 Stunden gilt. Bitte schauen Sie auch im Spam-Ordner nach.\n\nViele Grüße", true),
        new("de", "Rechnung erneut senden", "Rechnung & Zahlung", "Billing & payment",
            "Hallo {{member.first_name}},\n\nich habe Ihnen die Rechnung noch einmal geschickt. Alle Rechnungen finden Sie im Portal unter „Mein Konto“ → „Rechnungen“.\n\nViele Grüße", true),
        new("de", "Kündigungsfrist", "Mitgliedschaft", "Membership",
            "Hallo {{member.first_name}},\n\ndie Mitgliedschaft ist jeweils zum Ende des Abrechnungszeitraums kündbar, ohne weitere Frist. Eine Pause von bis zu sechs Monaten ist ebenfalls möglich.\n\nViele Grüße", true),
        new("de", "Webinar-Aufzeichnung", "Technisches Problem", "Technical problem",
            "Hallo {{member.first_name}},\n\ndie Aufzeichnungen stehen am Tag nach dem Webinar im Portal unter „Webinare“.\n\nViele Grüße", true),
        new("de", "Eingangsbestätigung", "Mitgliedschaft", "Membership",
            "Hallo {{member.first_name}},\n\nvielen Dank für Ihre Nachricht. Wir kümmern uns darum und melden uns spätestens am nächsten Werktag.\n\nViele Grüße", false),
        new("de", "Terminbuchung", "Termine & persönliche Beratung", "Appointments & personal advice",
            "Hallo {{member.first_name}},\n\ndanke für Ihre Anfrage. Einen Termin für ein persönliches Gespräch können Sie direkt im Kalender buchen: {{owner.booking_link}}\n\nViele Grüße", false),
        new("en", "Book a conversation", "Termine & persönliche Beratung", "Appointments & personal advice",
            "Hello {{member.first_name}},\n\nthank you for your request. You can book a personal conversation directly in the calendar: {{owner.booking_link}}\n\nBest regards", false),
        new("en", "Reset your password", "Anmeldung & Zugang", "Sign-in & access",
            "Hello {{member.first_name}},\n\n\"Forgot password\" on the sign-in page sends you a link that is valid for 24 hours. Please look in your spam folder too.\n\nBest regards", true),
        new("en", "Invoice sent again", "Rechnung & Zahlung", "Billing & payment",
            "Hello {{member.first_name}},\n\nI have sent you the invoice again. All invoices are in the portal under \"My account\" → \"Invoices\".\n\nBest regards", true),
        new("en", "Notice period", "Mitgliedschaft", "Membership",
            "Hello {{member.first_name}},\n\nyou can cancel at the end of each billing period, without further notice. A pause of up to six months is possible too.\n\nBest regards", true),
    ];
}
