using IrisPgWire.Protocol;

namespace IrisPgWire.Copy;

/// <summary>
/// Where COPY TO writes its rows: each row is written straight into the connection's output buffer
/// (as one CopyData message) between <see cref="BeginRow"/> and <see cref="EndRow"/>, which says when
/// the buffer is large enough to be sent with <see cref="FlushAsync"/>, so a slow client slows the reads
/// instead of growing a buffer, and rows can be written in a synchronous loop between sends.
/// </summary>
internal interface ICopyRowOutput
{
    MessageWriter BeginRow();

    /// <summary>Ends the row's message; true when the buffer is due to be sent.</summary>
    bool EndRow();

    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Ends the row and sends the buffer when it is due.</summary>
    ValueTask EndRowAsync(CancellationToken cancellationToken) => EndRow() ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
}
