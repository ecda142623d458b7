using RightHand.Formats.Csv;
using Xunit;

namespace RightHand.Tests.Formats;

/// <summary>The import's first guess at which column is which, and the checks of e-mail, country and postcode.</summary>
public sealed class MemberColumnsTests
{
    [Fact]
    public void Guess_MatchesGermanAndEnglishHeaders_IgnoringCaseSpacesPunctuationAndUmlautSpelling()
    {
        string[] headers =
        [
            "Mitglieds-Nr.", "Anrede", "VORNAME", "Last name", "Firma", "E-Mail-Adresse", "Telefon", "Sprache", "Strasse",
            "Postleitzahl", "Stadt", "Land", "Geburtsdatum", "Status", "Mitgliedschaft", "Beitrag", "Schlagworte", "Notizen",
        ];

        Assert.Equal(MemberColumns.All, MemberColumns.Guess(headers));
    }

    [Theory]
    [InlineData("Mitgliedsnummer", "number")]
    [InlineData("Member number", "number")]
    [InlineData("Salutation", "salutation")]
    [InlineData("First name", "first_name")]
    [InlineData("Nachname", "last_name")]
    [InlineData("Company", "company")]
    [InlineData("email", "email")]
    [InlineData("E-Mail", "email")]
    [InlineData("Phone", "phone")]
    [InlineData("Language", "language")]
    [InlineData("Straße", "street")]
    [InlineData("Street", "street")]
    [InlineData("PLZ", "postcode")]
    [InlineData("ZIP", "postcode")]
    [InlineData("Ort", "city")]
    [InlineData("City", "city")]
    [InlineData("Country", "country")]
    [InlineData("Date of birth", "date_of_birth")]
    [InlineData("Tarif", "plan")]
    [InlineData("Plan", "plan")]
    [InlineData("Fee", "fee")]
    [InlineData("Tags", "tags")]
    [InlineData("Notes", "notes")]
    [InlineData("  e_mail  ", "email")]
    public void Guess_KnowsEachField(string header, string field) => Assert.Equal(field, MemberColumns.Guess([header])[0]);

    [Fact]
    public void Guess_LeavesUnknownAndRepeatedColumnsUnmapped() =>
        Assert.Equal(["email", null, null], MemberColumns.Guess(["Email", "Lieblingsfarbe", "E-Mail-Adresse"]));

    [Theory]
    [InlineData("anna@example.de")]
    [InlineData("o'brien+club@mail.example.co.uk")]
    [InlineData("jürgen@müller.de")]
    [InlineData("a@xn--mller-kva.de")]
    public void Email_AcceptsRealAddresses(string address) => Assert.Null(EmailAddresses.Check(address));

    [Theory]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.de")]
    [InlineData("anna@example")]
    [InlineData("anna@@example.de")]
    [InlineData("anna müller@example.de")]
    [InlineData("anna..m@example.de")]
    [InlineData("anna@-example.de")]
    [InlineData("anna@example.d")]
    [InlineData("Anna <anna@example.de>")]
    [InlineData("=cmd|' /C calc'!A0")]
    public void Email_RefusesWithAReason(string address) =>
        Assert.Equal($"\"{address}\" is not an e-mail address.", EmailAddresses.Check(address)?.Message);

    [Theory]
    [InlineData("Deutschland", "DE")]
    [InlineData("germany", "DE")]
    [InlineData("Österreich", "AT")]
    [InlineData("Oesterreich", "AT")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Niederlande", "NL")]
    [InlineData("Frankreich", "FR")]
    [InlineData("Vereinigtes Königreich", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("USA", "US")]
    [InlineData("se", "SE")]
    public void Country_IsNormalisedToItsCode(string text, string code)
    {
        Assert.True(Countries.TryNormalize(text, out var found, out _));
        Assert.Equal(code, found);
    }

    [Fact]
    public void Country_Unknown_IsRefusedWithAReason()
    {
        Assert.False(Countries.TryNormalize("Atlantis", out _, out var problem));
        Assert.Equal("\"Atlantis\" is not a known country.", problem!.Message);
    }

    [Theory]
    [InlineData("DE", "80331")]
    [InlineData("DE", "01067")]
    [InlineData("AT", "1010")]
    [InlineData("CH", "8001")]
    [InlineData("NL", "1012 AB")]
    [InlineData("NL", "1012ab")]
    [InlineData("FR", "75001")]
    [InlineData("GB", "SW1A 1AA")]
    [InlineData("GB", "M1 1AE")]
    [InlineData("US", "20500")]
    [InlineData("US", "20500-0003")]
    [InlineData("SE", "114 55")]
    public void Postcode_FitsItsCountry(string country, string postcode) => Assert.Null(Postcodes.Check(country, postcode));

    [Theory]
    [InlineData("DE", "8033")]
    [InlineData("DE", "803311")]
    [InlineData("AT", "01010")]
    [InlineData("CH", "80011")]
    [InlineData("NL", "1012 SS")]
    [InlineData("FR", "7500")]
    [InlineData("GB", "12345")]
    [InlineData("US", "2050")]
    public void Postcode_ThatDoesNotFit_IsRefusedWithAnExample(string country, string postcode) =>
        Assert.Equal(ValueProblemCode.PostcodeNotValidForCountry, Postcodes.Check(country, postcode)?.Code);

    [Fact]
    public void Postcode_Problem_NamesCountryAndExample() =>
        Assert.Equal("\"8033\" is not a postcode in DE (for example 10115).", Postcodes.Check("DE", "8033")!.Message);
}
