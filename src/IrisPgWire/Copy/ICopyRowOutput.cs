using System.Buffers;

namespace IrisPgWire.Copy;

/// <summary>
/// Where COPY TO writes its rows: each row is written straight into the connection's output buffer
/// (as one CopyData message) between <see cref="BeginRow"/> and <see cref="EndRowAsync"/>, which sends
/// the buffer once it is large enough, so a slow client slows the reads instead of growing a buffer.
/// </summary>
internal interface ICopyRowOutput
{
    IBufferWriter<byte> BeginRow();

    ValueTask EndRowAsync(CancellationToken cancellationToken);
}
