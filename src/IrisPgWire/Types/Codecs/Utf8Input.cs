using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>Small UTF-8 helpers shared by the codecs: whitespace trimming, validation and writing.</summary>
internal static class Utf8Input
{
    /// <summary>isspace() in the C locale, which PostgreSQL's input functions skip around values.</summary>
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start]))
            start++;
        while (end > start && IsSpace(s[end - 1]))
            end--;
        return s[start..end];
    }

    /// <summary>
    /// Decodes UTF-8, raising 22021 <c>invalid byte sequence for encoding "UTF8": 0xc3 0x28</c> as
    /// pg_verifymbstr (src/backend/utils/mb/mbutils.c, report_invalid_encoding) does.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8) || utf8.Contains((byte)0))
            ThrowInvalid(utf8);
        return Encoding.UTF8.GetString(utf8);
    }

    public static void Validate(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8) || utf8.Contains((byte)0))
            ThrowInvalid(utf8);
    }

    private static void ThrowInvalid(ReadOnlySpan<byte> utf8)
    {
        int i = 0;
        while (i < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[i..], out var rune, out var consumed);
            if (status != OperationStatus.Done || rune.Value == 0)
                break;
            i += consumed;
        }
        var bad = utf8[i..];
        // report_invalid_encoding prints the bytes of the sequence the lead byte announces (at least one).
        int len = bad.Length == 0 ? 0 : SequenceLength(bad[0]);
        len = Math.Min(Math.Max(len, 1), bad.Length);
        var sb = new StringBuilder();
        for (int k = 0; k < len; k++)
        {
            if (k > 0)
                sb.Append(' ');
            sb.Append("0x").Append(bad[k].ToString("x2", CultureInfo.InvariantCulture));
        }
        if (len > 0 && bad[0] == 0)
            throw new PgErrorException(SqlState.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": 0x00");
        throw new PgErrorException(SqlState.CharacterNotInRepertoire, $"invalid byte sequence for encoding \"UTF8\": {sb}");
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC0 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF8 => 4,
        _ => 1,
    };

    public static void WriteAscii(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }

    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        int n = Encoding.UTF8.GetBytes(value, span);
        output.Advance(n);
    }

    public static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }
}
