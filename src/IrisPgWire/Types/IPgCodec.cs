using System.Buffers;

namespace IrisPgWire.Types;

/// <summary>
/// Reads and writes the values of one type in PostgreSQL's text and binary wire formats.
/// </summary>
/// <remarks>
/// Values travel between layers in one backend-neutral form (the "canonical value"):
/// bool → <see cref="bool"/>; int2 → <see cref="short"/>; int4 → <see cref="int"/>; int8 → <see cref="long"/>;
/// oid → <see cref="uint"/>; float4 → <see cref="float"/>; float8 → <see cref="double"/>;
/// bytea → <see cref="byte"/>[]; every other type → <see cref="string"/> holding exactly what PostgreSQL
/// prints for it with DateStyle ISO, IntervalStyle postgres, TimeZone UTC and extra_float_digits 1
/// (numeric with its scale kept, timestamptz in UTC with a <c>+00</c> suffix, arrays as <c>{...}</c> text).
/// SQL NULL is <c>null</c> and never reaches a codec.
/// </remarks>
public interface IPgCodec
{
    /// <summary>
    /// Parses PostgreSQL text input (UTF-8), applying the type modifier (varchar length, numeric scale,
    /// timestamp precision). Throws <see cref="Errors.PgErrorException"/> with PostgreSQL's SQLSTATE and message,
    /// for example 22P02 <c>invalid input syntax for type integer: "abc"</c>.
    /// </summary>
    object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings);

    /// <summary>Parses the binary (send/recv) representation.</summary>
    object ParseBinary(ReadOnlySpan<byte> data, int modifier);

    /// <summary>Writes the text output of a canonical value as UTF-8.</summary>
    void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings);

    /// <summary>Writes the binary (send) representation of a canonical value, without the length prefix.</summary>
    void FormatBinary(object value, IBufferWriter<byte> output);

    /// <summary>Converts any .NET value of a compatible kind (for example an int for an int8 column) to the canonical value.</summary>
    object Coerce(object value, int modifier);

    /// <summary>
    /// True when the text output of a canonical string value is that string itself under
    /// <paramref name="settings"/>, so a store that keeps the canonical text can send its bytes as they are.
    /// </summary>
    bool IsTextVerbatim(PgFormatSettings settings) => false;
}
