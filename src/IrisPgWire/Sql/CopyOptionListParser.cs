namespace IrisPgWire.Sql;

/// <summary>
/// COPY's option lists (gram.y copy_generic_opt_list and copy_opt_list; manual, "COPY" and its
/// "Compatibility" section). Legacy options become the modern names the COPY machinery validates.
/// </summary>
internal static class CopyOptionListParser
{
    /// <summary>
    /// <c>option [value] [, ...] )</c> after the opening parenthesis. The name is any word, reserved ones
    /// included (ColLabel); a quoted name keeps its case, as PostgreSQL reports <c>option "Format" not recognized</c>.
    /// </summary>
    public static void ParseGenericList(SqlTokenCursor cursor, List<CopyOptionSyntax> options)
    {
        do
        {
            var nameToken = cursor.Expect(t => t.IsAnyIdentifier);
            var position = PgLexer.PositionOf(cursor.Sql, nameToken.Start);
            options.Add(new CopyOptionSyntax(nameToken.Value, ParseGenericArgument(cursor), position));
        }
        while (cursor.TryPunctuation(','));

        cursor.ExpectPunctuation(')');
    }

    /// <summary>copy_generic_opt_arg: a boolean or string, a signed number, *, a parenthesised list, or nothing.</summary>
    private static CopyOptionValue? ParseGenericArgument(SqlTokenCursor cursor)
    {
        if (cursor.AtEnd || cursor.PeekPunctuation(',') || cursor.PeekPunctuation(')'))
        {
            return null;
        }

        var token = cursor.Current;
        if (token.IsOperator("*"))
        {
            cursor.Index++;
            return new CopyOptionValue(null, IsStar: true);
        }

        if (token.Kind is SqlTokenKind.Number || token.IsOperator("-") || token.IsOperator("+"))
        {
            var sign = cursor.TryOperator("-") ? "-" : string.Empty;
            if (sign.Length == 0)
            {
                cursor.TryOperator("+");
            }

            return new CopyOptionValue(sign + cursor.Expect(t => t.Kind == SqlTokenKind.Number).Value, IsNumber: true);
        }

        if (cursor.TryPunctuation('('))
        {
            var list = new List<string>();
            do
            {
                list.Add(ParseBooleanOrString(cursor).Text!);
            }
            while (cursor.TryPunctuation(','));

            cursor.ExpectPunctuation(')');
            return new CopyOptionValue(null, List: list);
        }

        return ParseBooleanOrString(cursor);
    }

    /// <summary>opt_boolean_or_string: TRUE, FALSE, ON, a non-reserved word, or a string constant.</summary>
    private static CopyOptionValue ParseBooleanOrString(SqlTokenCursor cursor)
    {
        var token = cursor.Expect(t => PgKeywords.IsStringConstant(t) || PgKeywords.IsNonReservedWord(t)
            || t.IsKeyword("true") || t.IsKeyword("false") || t.IsKeyword("on"));
        return new CopyOptionValue(token.Value, IsString: PgKeywords.IsStringConstant(token));
    }

    /// <summary>
    /// One pre-9.0 option, if the cursor is at one: BINARY, FREEZE, DELIMITER [AS] 's', NULL [AS] 's', CSV,
    /// HEADER, QUOTE [AS] 's', ESCAPE [AS] 's', FORCE QUOTE {cols | *}, FORCE NOT NULL cols, FORCE NULL cols,
    /// ENCODING 's' (gram.y copy_opt_item).
    /// </summary>
    public static bool TryParseLegacyOption(SqlTokenCursor cursor, List<CopyOptionSyntax> options)
    {
        if (cursor.AtEnd || cursor.Current.Kind != SqlTokenKind.Identifier)
        {
            return false;
        }

        var word = cursor.Current.Value;
        var position = PgLexer.PositionOf(cursor.Sql, cursor.Current.Start);
        CopyOptionSyntax? option = word switch
        {
            "binary" => new("format", new CopyOptionValue("binary"), position),
            "csv" => new("format", new CopyOptionValue("csv"), position),
            "freeze" or "header" => new(word, null, position),
            "delimiter" or "null" or "quote" or "escape" or "encoding" => new(word, null, position),
            "force" => new(word, null, position),
            _ => null,
        };
        if (option is null)
        {
            return false;
        }

        cursor.Index++;
        switch (word)
        {
            case "delimiter" or "null" or "quote" or "escape":
                cursor.TryKeyword("as");
                option = option with { Value = ExpectString(cursor) };
                break;
            case "encoding":
                option = option with { Value = ExpectString(cursor) };
                break;
            case "force":
                option = ParseForce(cursor, position);
                break;
        }

        options.Add(option);
        return true;
    }

    private static CopyOptionValue ExpectString(SqlTokenCursor cursor) =>
        new(cursor.Expect(PgKeywords.IsStringConstant).Value, IsString: true);

    private static CopyOptionSyntax ParseForce(SqlTokenCursor cursor, int position)
    {
        if (cursor.TryKeyword("quote"))
        {
            return cursor.TryOperator("*")
                ? new CopyOptionSyntax("force_quote", new CopyOptionValue(null, IsStar: true), position)
                : new CopyOptionSyntax("force_quote", ColumnList(cursor), position);
        }

        var name = "force_null";
        if (cursor.TryKeyword("not"))
        {
            name = "force_not_null";
        }

        cursor.ExpectKeyword("null");
        return new CopyOptionSyntax(name, ColumnList(cursor), position);
    }

    private static CopyOptionValue ColumnList(SqlTokenCursor cursor)
    {
        var columns = new List<string> { cursor.ExpectColId() };
        while (cursor.TryPunctuation(','))
        {
            columns.Add(cursor.ExpectColId());
        }

        return new CopyOptionValue(null, List: columns);
    }
}
