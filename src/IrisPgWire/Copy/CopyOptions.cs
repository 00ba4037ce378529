using System.Buffers;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Copy;

/// <summary>
/// COPY's options, checked with PostgreSQL 15's rules and messages (src/backend/commands/copy.c,
/// ProcessCopyOptions). Defaults: TEXT uses tab and <c>\N</c>; CSV uses comma, empty string, <c>"</c>
/// as quote and the quote as escape.
/// </summary>
public sealed class CopyOptions
{
    public CopyFormat Format { get; private init; }
    public bool Freeze { get; private init; }
    public byte Delimiter { get; private init; }
    public string Null { get; private init; } = "";
    public byte[] NullBytes { get; private init; } = [];
    public CopyHeader Header { get; private init; }
    public byte Quote { get; private init; }
    public byte Escape { get; private init; }
    public string? Encoding { get; private init; }

    /// <summary>Column names for FORCE_QUOTE, or null; <see cref="ForceQuoteAll"/> for <c>*</c>.</summary>
    public IReadOnlyList<string>? ForceQuote { get; private init; }
    public bool ForceQuoteAll { get; private init; }
    public IReadOnlyList<string>? ForceNotNull { get; private init; }
    public IReadOnlyList<string>? ForceNull { get; private init; }

    /// <summary>ON_ERROR (PostgreSQL 17): stop at the first data conversion error, or skip the row.</summary>
    public CopyOnError OnError { get; private init; }

    /// <summary>REJECT_LIMIT (PostgreSQL 18): the most rows ON_ERROR ignore may skip; 0 for no limit.</summary>
    public long RejectLimit { get; private init; }

    /// <summary>LOG_VERBOSITY (PostgreSQL 17/18): which NOTICEs skipped rows produce.</summary>
    public CopyLogVerbosity LogVerbosity { get; private init; }

    /// <summary>
    /// ROWS_PER_TRANSACTION, this server's extension: commit every n rows, so a very large load that
    /// fails keeps what was committed and can be resumed; 0 for one transaction (PostgreSQL's behaviour).
    /// </summary>
    public long RowsPerTransaction { get; private init; }

    public bool IsCsv => Format == CopyFormat.Csv;

    /// <summary>The bytes the record reader stops at: line endings, and the quote and escape (CSV) or the backslash (TEXT).</summary>
    internal SearchValues<byte> RecordSpecials => _recordSpecials ??= IsCsv
        ? SearchValues.Create([(byte)'\n', (byte)'\r', Quote, Escape])
        : SearchValues.Create((byte)'\n', (byte)'\r', (byte)'\\');

    /// <summary>The bytes the field parser stops at outside quotes: the delimiter, and the quote (CSV) or the backslash (TEXT).</summary>
    internal SearchValues<byte> FieldSpecials => _fieldSpecials ??= IsCsv
        ? SearchValues.Create([Delimiter, Quote])
        : SearchValues.Create([Delimiter, (byte)'\\']);

    /// <summary>Inside a CSV quoted field only the quote and the escape matter.</summary>
    internal SearchValues<byte> QuotedSpecials => _quotedSpecials ??= SearchValues.Create([Quote, Escape]);

    private SearchValues<byte>? _recordSpecials;
    private SearchValues<byte>? _fieldSpecials;
    private SearchValues<byte>? _quotedSpecials;

    public static CopyOptions From(IReadOnlyList<CopyOptionSyntax> options, bool isFrom)
    {
        CopyFormat? format = null;
        bool? freeze = null;
        string? delimiter = null, nullString = null, quote = null, escape = null, encoding = null;
        CopyHeader? header = null;
        CopyOptionValue? forceQuote = null, forceNotNull = null, forceNull = null;
        CopyOnError? onError = null;
        CopyLogVerbosity? logVerbosity = null;
        long? rejectLimit = null, rowsPerTransaction = null;
        foreach (var option in options)
        {
            switch (option.Name)
            {
                case "format":
                    Once(format, option);
                    var name = String(option);
                    format = name switch
                    {
                        "text" => CopyFormat.Text,
                        "csv" => CopyFormat.Csv,
                        "binary" => CopyFormat.Binary,
                        _ => throw new PgErrorException(SqlState.InvalidParameterValue, $"COPY format \"{name}\" not recognized")
                        {
                            Position = option.Position,
                        },
                    };
                    break;
                case "freeze":
                    Once(freeze, option);
                    freeze = Boolean(option);
                    break;
                case "delimiter":
                    Once(delimiter, option);
                    delimiter = String(option);
                    break;
                case "null":
                    Once(nullString, option);
                    nullString = String(option);
                    break;
                case "header":
                    Once(header, option);
                    header = HeaderChoice(option, isFrom);
                    break;
                case "quote":
                    Once(quote, option);
                    quote = String(option);
                    break;
                case "escape":
                    Once(escape, option);
                    escape = String(option);
                    break;
                case "force_quote":
                    Once(forceQuote, option);
                    forceQuote = ColumnList(option, allowStar: true);
                    break;
                case "force_not_null":
                    Once(forceNotNull, option);
                    forceNotNull = ColumnList(option, allowStar: false);
                    break;
                case "force_null":
                    Once(forceNull, option);
                    forceNull = ColumnList(option, allowStar: false);
                    break;
                case "encoding":
                    Once(encoding, option);
                    encoding = String(option);
                    if (!IsKnownEncoding(encoding))
                        throw new PgErrorException(SqlState.InvalidParameterValue, "argument to option \"encoding\" must be a valid encoding name")
                        {
                            Position = option.Position,
                        };
                    break;
                case "on_error":
                    Once(onError, option);
                    onError = OnErrorChoice(option, isFrom);
                    break;
                case "reject_limit":
                    Once(rejectLimit, option);
                    rejectLimit = Int64(option);
                    if (rejectLimit <= 0)
                        throw new PgErrorException(SqlState.InvalidParameterValue, $"REJECT_LIMIT ({rejectLimit}) must be greater than zero")
                        {
                            Position = option.Position,
                        };
                    break;
                case "log_verbosity":
                    Once(logVerbosity, option);
                    logVerbosity = VerbosityChoice(option);
                    break;
                case "rows_per_transaction":
                    Once(rowsPerTransaction, option);
                    rowsPerTransaction = Int64(option);
                    if (rowsPerTransaction <= 0)
                        throw new PgErrorException(SqlState.InvalidParameterValue,
                            $"ROWS_PER_TRANSACTION ({rowsPerTransaction}) must be greater than zero")
                        {
                            Position = option.Position,
                        };
                    if (!isFrom)
                        throw new PgErrorException(SqlState.FeatureNotSupported, "COPY ROWS_PER_TRANSACTION cannot be used with COPY TO")
                        {
                            Position = option.Position,
                        };
                    break;
                default:
                    throw new PgErrorException(SqlState.SyntaxError, $"option \"{option.Name}\" not recognized") { Position = option.Position };
            }
        }

        var csv = format == CopyFormat.Csv;
        var binary = format == CopyFormat.Binary;
        if (binary && delimiter is not null)
            throw Refuse(SqlState.SyntaxError, "cannot specify DELIMITER in BINARY mode");
        if (binary && nullString is not null)
            throw Refuse(SqlState.SyntaxError, "cannot specify NULL in BINARY mode");
        delimiter ??= csv ? "," : "\t";
        nullString ??= csv ? "" : "\\N";
        if (csv)
        {
            quote ??= "\"";
            escape ??= quote;
        }
        if (System.Text.Encoding.UTF8.GetByteCount(delimiter) != 1)
            throw Refuse("COPY delimiter must be a single one-byte character");
        if (delimiter is "\r" or "\n")
            throw Refuse(SqlState.InvalidParameterValue, "COPY delimiter cannot be newline or carriage return");
        if (nullString.Contains('\r', StringComparison.Ordinal) || nullString.Contains('\n', StringComparison.Ordinal))
            throw Refuse(SqlState.InvalidParameterValue, "COPY null representation cannot use newline or carriage return");
        // In TEXT mode these would be read as part of a backslash escape or a data value.
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".Contains(delimiter[0], StringComparison.Ordinal))
            throw Refuse(SqlState.InvalidParameterValue, $"COPY delimiter cannot be \"{delimiter}\"");
        if (binary && header is not null && header != CopyHeader.None)
            throw Refuse("cannot specify HEADER in BINARY mode");
        if (!csv && quote is not null)
            throw Refuse("COPY quote available only in CSV mode");
        if (csv && System.Text.Encoding.UTF8.GetByteCount(quote!) != 1)
            throw Refuse("COPY quote must be a single one-byte character");
        if (csv && delimiter == quote)
            throw Refuse(SqlState.InvalidParameterValue, "COPY delimiter and quote must be different");
        if (!csv && escape is not null)
            throw Refuse("COPY escape available only in CSV mode");
        if (csv && System.Text.Encoding.UTF8.GetByteCount(escape!) != 1)
            throw Refuse("COPY escape must be a single one-byte character");
        if (!csv && forceQuote is not null)
            throw Refuse("COPY force quote available only in CSV mode");
        if (forceQuote is not null && isFrom)
            throw Refuse("COPY force quote only available using COPY TO");
        if (!csv && forceNotNull is not null)
            throw Refuse("COPY force not null available only in CSV mode");
        if (forceNotNull is not null && !isFrom)
            throw Refuse("COPY force not null only available using COPY FROM");
        if (!csv && forceNull is not null)
            throw Refuse("COPY force null available only in CSV mode");
        if (forceNull is not null && !isFrom)
            throw Refuse("COPY force null only available using COPY FROM");
        if (!binary && nullString.Contains(delimiter, StringComparison.Ordinal))
            throw Refuse("COPY delimiter must not appear in the NULL specification");
        if (csv && nullString.Contains(quote!, StringComparison.Ordinal))
            throw Refuse("CSV quote character must not appear in the NULL specification");
        // PostgreSQL 17/18, copy.c ProcessCopyOptions: rows can only be skipped where a field's text is converted.
        if (binary && onError is CopyOnError.Ignore)
            throw Refuse(SqlState.SyntaxError, "only ON_ERROR STOP is allowed in BINARY mode");
        if (rejectLimit is not null && onError is not CopyOnError.Ignore)
            throw Refuse(SqlState.InvalidParameterValue, "COPY REJECT_LIMIT requires ON_ERROR to be set to IGNORE");

        return new CopyOptions
        {
            Format = format ?? CopyFormat.Text,
            Freeze = freeze ?? false,
            Delimiter = (byte)delimiter[0],
            Null = nullString,
            NullBytes = System.Text.Encoding.UTF8.GetBytes(nullString),
            Header = header ?? CopyHeader.None,
            Quote = csv ? (byte)quote![0] : (byte)0,
            Escape = csv ? (byte)escape![0] : (byte)0,
            Encoding = encoding,
            ForceQuote = forceQuote?.List,
            ForceQuoteAll = forceQuote?.IsStar ?? false,
            ForceNotNull = forceNotNull?.List,
            ForceNull = forceNull?.List,
            OnError = onError ?? CopyOnError.Stop,
            RejectLimit = rejectLimit ?? 0,
            LogVerbosity = logVerbosity ?? CopyLogVerbosity.Default,
            RowsPerTransaction = rowsPerTransaction ?? 0,
        };
    }

    private static PgErrorException Refuse(string message) => Refuse(SqlState.FeatureNotSupported, message);

    private static PgErrorException Refuse(string sqlState, string message) => new(sqlState, message);

    private static void Once(object? seen, CopyOptionSyntax option)
    {
        if (seen is not null)
            throw new PgErrorException(SqlState.SyntaxError, "conflicting or redundant options") { Position = option.Position };
    }

    /// <summary>defGetString: any value as text; none is an error.</summary>
    private static string String(CopyOptionSyntax option) =>
        option.Value?.Text ?? throw new PgErrorException(SqlState.SyntaxError, $"{option.Name} requires a parameter");

    /// <summary>defGetBoolean: none means true; 0/1; true/false/on/off in any case.</summary>
    private static bool Boolean(CopyOptionSyntax option)
    {
        if (option.Value is null)
            return true;
        var text = option.Value.Text?.ToLowerInvariant();
        return text switch
        {
            "true" or "on" or "1" => true,
            "false" or "off" or "0" => false,
            _ => throw new PgErrorException(SqlState.SyntaxError, $"{option.Name} requires a Boolean value"),
        };
    }

    /// <summary>defGetInt64: a number, or a string that reads as one.</summary>
    private static long Int64(CopyOptionSyntax option)
    {
        var text = option.Value?.Text ?? throw new PgErrorException(SqlState.SyntaxError, $"{option.Name} requires a numeric value");
        if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw new PgErrorException(SqlState.SyntaxError, $"{option.Name} requires a numeric value");
        return value;
    }

    /// <summary>defGetCopyOnErrorChoice (PostgreSQL 17): stop or ignore, COPY FROM only.</summary>
    private static CopyOnError OnErrorChoice(CopyOptionSyntax option, bool isFrom)
    {
        if (!isFrom)
            throw new PgErrorException(SqlState.FeatureNotSupported, "COPY ON_ERROR cannot be used with COPY TO") { Position = option.Position };
        var text = String(option);
        return text.ToLowerInvariant() switch
        {
            "stop" => CopyOnError.Stop,
            "ignore" => CopyOnError.Ignore,
            _ => throw new PgErrorException(SqlState.InvalidParameterValue, $"COPY ON_ERROR \"{text}\" not recognized") { Position = option.Position },
        };
    }

    /// <summary>defGetCopyLogVerbosityChoice (PostgreSQL 17, silent since 18).</summary>
    private static CopyLogVerbosity VerbosityChoice(CopyOptionSyntax option)
    {
        var text = String(option);
        return text.ToLowerInvariant() switch
        {
            "default" => CopyLogVerbosity.Default,
            "verbose" => CopyLogVerbosity.Verbose,
            "silent" => CopyLogVerbosity.Silent,
            _ => throw new PgErrorException(SqlState.InvalidParameterValue, $"COPY LOG_VERBOSITY \"{text}\" not recognized") { Position = option.Position },
        };
    }

    private static CopyHeader HeaderChoice(CopyOptionSyntax option, bool isFrom)
    {
        if (option.Value is null)
            return CopyHeader.Present;
        var text = option.Value.Text?.ToLowerInvariant();
        switch (text)
        {
            case "true" or "on" or "1":
                return CopyHeader.Present;
            case "false" or "off" or "0":
                return CopyHeader.None;
            case "match":
                if (!isFrom)
                    throw new PgErrorException(SqlState.FeatureNotSupported, "cannot use \"match\" with HEADER in COPY TO");
                return CopyHeader.Match;
            default:
                throw new PgErrorException(SqlState.SyntaxError, "header requires a Boolean value or \"match\"");
        }
    }

    private static CopyOptionValue ColumnList(CopyOptionSyntax option, bool allowStar)
    {
        if (option.Value is { List: not null } || (allowStar && option.Value is { IsStar: true }))
            return option.Value;
        throw new PgErrorException(SqlState.InvalidParameterValue, $"argument to option \"{option.Name}\" must be a list of column names");
    }

    private static bool IsKnownEncoding(string name) =>
        name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() is
            "UTF8" or "UNICODE" or "SQLASCII" or "LATIN1" or "WIN1252" or "EUCJP" or "SJIS";
}
