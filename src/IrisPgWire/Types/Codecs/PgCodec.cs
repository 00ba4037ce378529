using System.Buffers;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Base of the codecs whose canonical value is a string in PostgreSQL's text output form: binary
/// send/recv is the UTF-8 text itself unless a codec overrides it.
/// </summary>
internal abstract class PgCodec(PgType type) : IPgCodec
{
    protected PgType Type { get; } = type;

    /// <summary>The name used in input errors: <c>integer</c>, <c>timestamp with time zone</c>.</summary>
    protected string TypeName => Type.SqlName;

    public abstract object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings);

    public virtual object ParseBinary(ReadOnlySpan<byte> data, int modifier) =>
        ParseText(data, modifier, PgFormatSettings.Default);

    public virtual void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        WriteUtf8(output, (string)value);

    /// <summary>0 not yet known, 1 the canonical string is the text output, 2 this codec formats text its own way.</summary>
    private int _verbatim;

    /// <summary>
    /// Verbatim unless the codec overrides <see cref="FormatText"/> (checked once, so a codec that starts
    /// formatting its own way stops being sent verbatim without anyone having to remember this).
    /// </summary>
    public virtual bool IsTextVerbatim(PgFormatSettings settings)
    {
        if (_verbatim == 0)
        {
            var method = GetType().GetMethod(nameof(FormatText), [typeof(object), typeof(IBufferWriter<byte>), typeof(PgFormatSettings)]);
            _verbatim = method?.DeclaringType == typeof(PgCodec) ? 1 : 2;
        }
        return _verbatim == 1;
    }

    public virtual void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var text = new ArrayBufferWriter<byte>();
        FormatText(value, text, PgFormatSettings.Default);
        output.Write(text.WrittenSpan);
    }

    public virtual object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        _ => ParseText(Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            modifier, PgFormatSettings.Default),
    };

    public static void WriteUtf8(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        output.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    public static void WriteAscii(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        var span = output.GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
            span[i] = (byte)value[i];
        output.Advance(value.Length);
    }

    /// <summary>Decodes UTF-8 input, failing with 22021 as PostgreSQL does for invalid byte sequences.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            var bad = e.BytesUnknown is { Length: > 0 } b ? string.Join(" ", b.Select(x => $"0x{x:x2}")) : "?";
            throw new PgErrorException(SqlState.CharacterNotInRepertoire, $"invalid byte sequence for encoding \"UTF8\": {bad}");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected PgErrorException InvalidSyntax(ReadOnlySpan<byte> utf8) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {TypeName}: \"{Encoding.UTF8.GetString(utf8)}\"");

    protected PgErrorException InvalidSyntax(string text) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {TypeName}: \"{text}\"");

    protected static PgErrorException InsufficientData() =>
        new(SqlState.InvalidBinaryRepresentation, "insufficient data left in message");

    /// <summary>
    /// A fixed-size binary value: too short is "insufficient data left in message" (08P01, pqformat.c),
    /// longer than the type reads is "incorrect binary data format" (22P03, as COPY and Bind report it).
    /// </summary>
    protected static void CheckBinaryLength(ReadOnlySpan<byte> data, int expected)
    {
        if (data.Length < expected)
            throw new PgErrorException(SqlState.ProtocolViolation, "insufficient data left in message");
        if (data.Length > expected)
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "incorrect binary data format");
    }
}
