using System.Buffers;
using System.Buffers.Text;
using IrisPgWire.Backends;
using IrisPgWire.Protocol;
using IrisPgWire.Types;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Copy;

/// <summary>
/// TEXT and CSV rows from a store's raw reader (<see cref="IRawTableReader"/>): integers, booleans and
/// double precision values are printed from the stored number and stored text is escaped straight from
/// the store's bytes; only other values go through a canonical value and the codec. The output is the
/// same bytes as the general path, which the differential tests hold to PostgreSQL's. Rows are written
/// in a synchronous loop up to the point where the output asks to be sent.
/// </summary>
internal sealed class CopyRawRowWriter
{
    private readonly CopyRowEncoder _encoder;
    private readonly IPgCodec[] _codecs;
    private readonly Plan[] _plans;
    private readonly PgFormatSettings _settings;
    private readonly ArrayBufferWriter<byte> _value = new(256);
    private readonly byte[] _digits = new byte[24];

    public CopyRawRowWriter(CopyOptions options, IReadOnlyList<ResultColumn> columns, PgFormatSettings settings)
    {
        _encoder = new CopyRowEncoder(options, [.. columns.Select(c => c.Name)]);
        _codecs = [.. columns.Select(c => PgCodecs.For(c.Type.Type))];
        _plans = [.. columns.Select(c => PlanFor(c.Type.Type, settings))];
        _settings = settings;
    }

    public CopyRowEncoder Encoder => _encoder;

    /// <summary>How one column's stored values become text.</summary>
    private enum Plan
    {
        /// <summary>An integer type stored as an integer: its digits.</summary>
        Integer,

        /// <summary>boolean stored as 0 or 1: f or t.</summary>
        Boolean,

        /// <summary>double precision stored as a REAL: <see cref="FloatCodec.FormatDouble"/>.</summary>
        Double,

        /// <summary>A type whose stored text is its output (text, varchar, numeric, date in ISO ...): the bytes as stored.</summary>
        Verbatim,

        /// <summary>Anything else: the canonical value through the type's codec.</summary>
        Codec,
    }

    /// <summary>
    /// Writes rows until the reader ends (<paramref name="ended"/> true) or <paramref name="sink"/> is due
    /// to be sent; returns how many rows were written.
    /// </summary>
    public int WriteRows(IRawTableReader reader, ICopyRowOutput sink, out bool ended)
    {
        var rows = 0;
        while (reader.Read())
        {
            var row = sink.BeginRow();
            for (var i = 0; i < _plans.Length; i++)
            {
                if (i > 0)
                    _encoder.Delimiter(row);
                WriteValue(reader, i, row);
            }
            _encoder.EndRow(row);
            rows++;
            if (sink.EndRow())
            {
                ended = false;
                return rows;
            }
        }
        ended = true;
        return rows;
    }

    private void WriteValue(IRawTableReader reader, int i, MessageWriter row)
    {
        var kind = reader.GetKind(i);
        if (kind == RawValueKind.Null)
        {
            _encoder.Null(row);
            return;
        }
        switch (_plans[i])
        {
            case Plan.Integer when kind == RawValueKind.Integer:
                Utf8Formatter.TryFormat(reader.GetInt64(i), _digits, out var written);
                _encoder.Value(_digits.AsSpan(0, written), i, row);
                return;
            case Plan.Boolean when kind == RawValueKind.Integer:
                _encoder.Value(reader.GetInt64(i) != 0 ? "t"u8 : "f"u8, i, row);
                return;
            case Plan.Double when kind == RawValueKind.Real:
                _value.ResetWrittenCount();
                FloatCodec.Float8.FormatDouble(reader.GetDouble(i), _value, _settings.ExtraFloatDigits);
                _encoder.Value(_value.WrittenSpan, i, row);
                return;
            case Plan.Verbatim when kind == RawValueKind.Text:
                _encoder.Value(reader.GetUtf8(i), i, row);
                return;
        }
        _value.ResetWrittenCount();
        _codecs[i].FormatText(reader.GetValue(i)!, _value, _settings);
        _encoder.Value(_value.WrittenSpan, i, row);
    }

    private static Plan PlanFor(PgType type, PgFormatSettings settings)
    {
        if (type == PgTypeCatalog.Int2 || type == PgTypeCatalog.Int4 || type == PgTypeCatalog.Int8 || type == PgTypeCatalog.Oid)
            return Plan.Integer;
        if (type == PgTypeCatalog.Bool)
            return Plan.Boolean;
        if (type == PgTypeCatalog.Float8)
            return Plan.Double;
        return PgCodecs.For(type).IsTextVerbatim(settings) ? Plan.Verbatim : Plan.Codec;
    }
}
