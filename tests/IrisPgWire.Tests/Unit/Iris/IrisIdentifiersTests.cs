using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisIdentifiersTests
{
    // "Delimited Identifiers", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=GSQL_identifiers_delimitedids:
    // delimited-identifier ::= " part { part } ", where a double quote inside is written "".
    [Theory]
    [InlineData("a", "\"a\"")]
    [InlineData("Mixed Case", "\"Mixed Case\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("\"; DROP TABLE x; --", "\"\"\"; DROP TABLE x; --\"")]
    [InlineData("naïve_表", "\"naïve_表\"")]
    public void Identifiers_are_always_delimited_with_inner_quotes_doubled(string name, string expected) =>
        Assert.Equal(expected, IrisIdentifiers.Quote(name));

    [Fact]
    public void A_quoted_hostile_name_cannot_end_the_identifier_early()
    {
        var quoted = IrisIdentifiers.Quote("x\" ; DELETE FROM y; \"");
        // Strip the outer quotes: what remains has only doubled quotes, so the lexer never leaves the identifier.
        var inner = quoted[1..^1];
        Assert.DoesNotContain("\"", inner.Replace("\"\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    // "Delimited Identifiers": "" is an invalid delimited identifier (SQLCODE -1).
    [Fact]
    public void An_empty_name_is_refused_with_invalid_name()
    {
        var e = Assert.Throws<PgErrorException>(() => IrisIdentifiers.Quote(""));
        Assert.Equal(SqlState.InvalidName, e.SqlState);
    }

    // "DefaultSchema", https://docs.intersystems.com/latest/csp/docbook/DocBook.UI.Page.cls?KEY=RCPF_DefaultSchema: at most 128 characters.
    [Fact]
    public void A_name_over_128_characters_is_refused_as_too_long()
    {
        Assert.Equal(130, IrisIdentifiers.Quote(new string('a', 128)).Length);
        var e = Assert.Throws<PgErrorException>(() => IrisIdentifiers.Quote(new string('a', 129)));
        Assert.Equal(SqlState.NameTooLong, e.SqlState);
    }

    // "Identifiers and Class Entity Names", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=GSQL_identifiers_class:
    // class names are made by stripping punctuation, so a name of punctuation only has none.
    [Theory]
    [InlineData("!!!")]
    [InlineData("\"")]
    [InlineData("a\0b")]
    [InlineData("tab\there")]
    public void Names_IRIS_cannot_hold_are_refused_with_invalid_name(string name)
    {
        var e = Assert.Throws<PgErrorException>(() => IrisIdentifiers.Quote(name));
        Assert.Equal(SqlState.InvalidName, e.SqlState);
    }

    // "Schemas", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=GSQL_basics_schemas and
    // RCPF_DefaultSchema: the default schema is SQLUser.
    [Fact]
    public void Public_maps_to_SQLUser_and_back()
    {
        Assert.Equal("SQLUser", IrisIdentifiers.ToIrisSchema("public"));
        Assert.Equal("SQLUser", IrisIdentifiers.ToIrisSchema(""));
        Assert.Equal("Sales", IrisIdentifiers.ToIrisSchema("Sales"));
        Assert.Equal("public", IrisIdentifiers.ToPostgresSchema("SQLUser"));
        Assert.Equal("public", IrisIdentifiers.ToPostgresSchema("SQLUSER"));
        Assert.Equal("Sales", IrisIdentifiers.ToPostgresSchema("Sales"));
        Assert.Equal("\"SQLUser\".\"orders\"", IrisIdentifiers.QualifiedName("public", "orders"));
    }

    // "Identifiers", https://docs.intersystems.com/latest/csp/docbook/Doc.View.cls?KEY=GSQL_identifiers: identifiers are not case-sensitive.
    [Fact]
    public void Names_that_differ_only_in_case_are_the_same_IRIS_name()
    {
        Assert.True(IrisIdentifiers.SameName("Amount", "AMOUNT"));
        Assert.False(IrisIdentifiers.SameName("Amount", "Amount2"));
    }
}
