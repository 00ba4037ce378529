using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// A minimal protocol 3.0 client over a socket (PostgreSQL manual, "Frontend/Backend Protocol", Message
/// Formats): it sends prepared bytes and reads messages until ReadyForQuery, so the time is the server's.
/// </summary>
public sealed class WireClient : IDisposable
{
    private const byte CommandComplete = (byte)'C';
    private const byte CopyData = (byte)'d';
    private const byte ErrorResponse = (byte)'E';
    private const byte ReadyForQuery = (byte)'Z';

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    private WireClient(Socket socket) => _socket = socket;

    /// <summary>The command tag of the last CommandComplete read, such as <c>COPY 100000</c>.</summary>
    public string? LastTag { get; private set; }

    public static WireClient Connect(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(server);
        var client = new WireClient(socket);
        var parameters = "user\0bench\0database\0bench\0\0"u8;
        var startup = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(startup, startup.Length);
        BinaryPrimitives.WriteInt32BigEndian(startup.AsSpan(4), 3 << 16);
        parameters.CopyTo(startup.AsSpan(8));
        client.Run(startup);
        return client;
    }

    /// <summary>A simple Query message.</summary>
    public static byte[] Query(string sql)
    {
        var text = Encoding.UTF8.GetBytes(sql);
        var message = new byte[1 + 4 + text.Length + 1];
        message[0] = (byte)'Q';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), message.Length - 1);
        text.CopyTo(message, 5);
        return message;
    }

    /// <summary>A Query for COPY FROM STDIN, then the data in CopyData messages of 64 KB (as psql sends), then CopyDone.</summary>
    public static byte[] CopyIn(string sql, ReadOnlySpan<byte> data)
    {
        const int Chunk = 64 * 1024;
        var stream = new MemoryStream();
        stream.Write(Query(sql));
        Span<byte> header = stackalloc byte[5];
        for (var at = 0; at < data.Length; at += Chunk)
        {
            var part = data.Slice(at, Math.Min(Chunk, data.Length - at));
            header[0] = CopyData;
            BinaryPrimitives.WriteInt32BigEndian(header[1..], part.Length + 4);
            stream.Write(header);
            stream.Write(part);
        }
        stream.Write([(byte)'c', 0, 0, 0, 4]);
        return stream.ToArray();
    }

    /// <summary>Sends <paramref name="request"/> and reads to ReadyForQuery; returns the CopyData payload bytes received.</summary>
    public long Run(ReadOnlySpan<byte> request)
    {
        while (!request.IsEmpty)
            request = request[_socket.Send(request)..];
        long copied = 0;
        string? error = null;
        while (true)
        {
            var (type, length) = NextMessage();
            if (type == CopyData)
                copied += length;
            else if (type == ErrorResponse)
                error ??= Body(length);
            else if (type == CommandComplete)
                LastTag = Body(length).TrimEnd(' ');
            Skip(length);
            if (type == ReadyForQuery)
                return error is null ? copied : throw new InvalidOperationException("server error: " + error);
        }
    }

    public void Dispose()
    {
        _socket.Send([(byte)'X', 0, 0, 0, 4]);
        _socket.Dispose();
    }

    private (byte Type, int Length) NextMessage()
    {
        Fill(5);
        var type = _buffer[_start];
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1)) - 4;
        _start += 5;
        return (type, length);
    }

    /// <summary>A message body as text (nulls as spaces), without consuming it.</summary>
    private string Body(int length)
    {
        var taken = Math.Min(length, _buffer.Length / 2);
        Fill(taken);
        return Encoding.UTF8.GetString(_buffer, _start, taken).Replace('\0', ' ');
    }

    /// <summary>Drops a message body, whatever its size.</summary>
    private void Skip(int length)
    {
        while (length > 0)
        {
            if (_start == _end)
                Fill(1);
            var taken = Math.Min(length, _end - _start);
            _start += taken;
            length -= taken;
        }
    }

    private void Fill(int needed)
    {
        if (_end - _start >= needed)
            return;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
        while (_end < needed)
        {
            var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
            if (read == 0)
                throw new InvalidOperationException("the server closed the connection");
            _end += read;
        }
    }
}
