using System.Diagnostics.CodeAnalysis;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// The input-function errors PostgreSQL 15 raises, worded as its sources word them
/// (numutils.c, float.c, numeric.c, bool.c, varchar.c, datetime.c).
/// </summary>
internal static class CodecErrors
{
    public static string Show(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    [DoesNotReturn]
    public static void InvalidSyntax(string typeName, ReadOnlySpan<byte> utf8) =>
        throw InvalidSyntaxError(typeName, Show(utf8));

    public static PgErrorException InvalidSyntaxError(string typeName, string value) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {typeName}: \"{value}\"");

    [DoesNotReturn]
    public static void OutOfRange(string typeName, ReadOnlySpan<byte> utf8) =>
        throw new PgErrorException(SqlState.NumericValueOutOfRange,
            $"value \"{Show(utf8)}\" is out of range for type {typeName}");

    [DoesNotReturn]
    public static void FloatOutOfRange(string typeName, ReadOnlySpan<byte> utf8) =>
        throw new PgErrorException(SqlState.NumericValueOutOfRange,
            $"\"{Show(utf8)}\" is out of range for type {typeName}");

    [DoesNotReturn]
    public static void BinaryFormat(string message) =>
        throw new PgErrorException(SqlState.InvalidBinaryRepresentation, message);

    [DoesNotReturn]
    public static void InsufficientBinaryData() =>
        throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "insufficient data left in message");

    [DoesNotReturn]
    public static void ExtraBinaryData() =>
        throw new PgErrorException(SqlState.InvalidBinaryRepresentation,
            "incorrect binary data format in bind parameter");

    [DoesNotReturn]
    public static void CannotCoerce(object value, string typeName) =>
        throw new PgErrorException(SqlState.DatatypeMismatch,
            $"cannot convert a value of type {value.GetType().Name} to {typeName}");

    [DoesNotReturn]
    public static object CannotCoerceTo(object value, string typeName) =>
        throw new PgErrorException(SqlState.DatatypeMismatch,
            $"cannot convert a value of type {value.GetType().Name} to {typeName}");

    public static void RequireLength(ReadOnlySpan<byte> data, int length)
    {
        if (data.Length < length)
            InsufficientBinaryData();
        if (data.Length > length)
            ExtraBinaryData();
    }
}
