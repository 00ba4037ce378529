using System.Text;

namespace IrisPgWire.Copy;

/// <summary>
/// The CONTEXT lines PostgreSQL attaches to COPY FROM errors (copyfrom.c, CopyFromErrorCallback), with
/// values shown at most 100 bytes long followed by "..." (limit_printout_length).
/// </summary>
public static class CopyErrorContext
{
    private const int MaxDisplayBytes = 100;

    public static string Line(string table, long line) => $"COPY {table}, line {line}";

    public static string LineWithText(string table, long line, ReadOnlySpan<byte> text) =>
        $"COPY {table}, line {line}: \"{Display(text)}\"";

    public static string Column(string table, long line, string column, ReadOnlySpan<byte> value) =>
        $"COPY {table}, line {line}, column {column}: \"{Display(value)}\"";

    /// <summary>Text for display: cut to 100 bytes on a character boundary, then "...".</summary>
    public static string Display(ReadOnlySpan<byte> value)
    {
        if (value.Length <= MaxDisplayBytes)
            return Encoding.UTF8.GetString(value);
        var cut = MaxDisplayBytes;
        while (cut > 0 && (value[cut] & 0xC0) == 0x80)
            cut--;
        return Encoding.UTF8.GetString(value[..cut]) + "...";
    }
}
