using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace IrisPgWire.Tests.Protocol;

/// <summary>
/// A scripted PostgreSQL client that writes exact bytes and reads raw backend messages, for tests of
/// framing, split packets, malformed input and the extended-query error rules.
/// </summary>
internal sealed class RawPgClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawPgClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPgClient> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return new RawPgClient(client);
    }

    /// <summary>Connects and completes startup, returning the messages up to ReadyForQuery.</summary>
    public static async Task<(RawPgClient Client, List<BackendMessage> Startup)> StartAsync(int port, params (string, string)[] parameters)
    {
        var client = await ConnectAsync(port);
        await client.SendStartupAsync([("user", "postgres"), ("database", "postgres"), .. parameters]);
        return (client, await client.ReadUntilReadyAsync());
    }

    public static byte[] StartupPacket(int version, params (string Name, string Value)[] parameters)
    {
        var body = new List<byte>();
        foreach (var (name, value) in parameters)
        {
            body.AddRange(Encoding.UTF8.GetBytes(name));
            body.Add(0);
            body.AddRange(Encoding.UTF8.GetBytes(value));
            body.Add(0);
        }
        body.Add(0);
        var packet = new byte[8 + body.Count];
        BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), version);
        body.CopyTo(packet, 8);
        return packet;
    }

    public Task SendStartupAsync((string, string)[] parameters, int version = 196608) =>
        SendRawAsync(StartupPacket(version, parameters));

    public static byte[] Message(char code, ReadOnlySpan<byte> payload)
    {
        var message = new byte[5 + payload.Length];
        message[0] = (byte)code;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + payload.Length);
        payload.CopyTo(message.AsSpan(5));
        return message;
    }

    public static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    public static byte[] Query(string sql) => Message('Q', CString(sql));

    public static byte[] Parse(string name, string sql, params uint[] types)
    {
        var body = new List<byte>(CString(name));
        body.AddRange(CString(sql));
        body.AddRange(Int16((short)types.Length));
        foreach (var t in types)
            body.AddRange(Int32((int)t));
        return Message('P', body.ToArray());
    }

    /// <summary>Bind with text parameters (null for NULL) and all-text results.</summary>
    public static byte[] Bind(string portal, string statement, params string?[] values)
    {
        var body = new List<byte>(CString(portal));
        body.AddRange(CString(statement));
        body.AddRange(Int16(0));
        body.AddRange(Int16((short)values.Length));
        foreach (var v in values)
        {
            if (v is null)
            {
                body.AddRange(Int32(-1));
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(v);
            body.AddRange(Int32(bytes.Length));
            body.AddRange(bytes);
        }
        body.AddRange(Int16(0));
        return Message('B', body.ToArray());
    }

    public static byte[] Describe(char kind, string name) => Message('D', [(byte)kind, .. CString(name)]);
    public static byte[] Execute(string portal, int maxRows = 0) => Message('E', [.. CString(portal), .. Int32(maxRows)]);
    public static byte[] Sync() => Message('S', []);
    public static byte[] Flush() => Message('H', []);
    public static byte[] Terminate() => Message('X', []);

    public static byte[] Int16(short value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, value);
        return b;
    }

    public static byte[] Int32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    public async Task SendRawAsync(params byte[][] chunks)
    {
        foreach (var chunk in chunks)
            await _stream.WriteAsync(chunk);
        await _stream.FlushAsync();
    }

    /// <summary>Sends the bytes in pieces of <paramref name="size"/> with a pause between, so they arrive split.</summary>
    public async Task SendTricklingAsync(byte[] bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size)
        {
            await _stream.WriteAsync(bytes.AsMemory(i, Math.Min(size, bytes.Length - i)));
            await _stream.FlushAsync();
            await Task.Delay(1);
        }
    }

    public async Task<byte> ReadByteAsync()
    {
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _stream.ReadExactlyAsync(one, timeout.Token);
        return one[0];
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<BackendMessage?> ReadMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var header = new byte[5];
        var got = await _stream.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, timeout.Token);
        if (got < 5)
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        var payload = new byte[length - 4];
        await _stream.ReadExactlyAsync(payload, timeout.Token);
        return new BackendMessage((char)header[0], payload);
    }

    public async Task<List<BackendMessage>> ReadUntilReadyAsync()
    {
        var messages = new List<BackendMessage>();
        while (true)
        {
            var message = await ReadMessageAsync() ?? throw new InvalidOperationException(
                $"connection closed before ReadyForQuery; got {string.Join(",", messages.Select(m => m.Code))}");
            messages.Add(message);
            if (message.Code == 'Z')
                return messages;
        }
    }

    /// <summary>Reads until the server closes the connection.</summary>
    public async Task<List<BackendMessage>> ReadUntilClosedAsync()
    {
        var messages = new List<BackendMessage>();
        while (await ReadMessageAsync() is { } message)
            messages.Add(message);
        return messages;
    }

    /// <summary>Drops the connection at once with a TCP reset, as a crashed or killed client does.</summary>
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}

/// <summary>A raw backend message with helpers for the fields tests look at.</summary>
internal sealed record BackendMessage(char Code, byte[] Payload)
{
    /// <summary>ErrorResponse/NoticeResponse fields by code letter.</summary>
    public Dictionary<char, string> Fields()
    {
        var fields = new Dictionary<char, string>();
        var i = 0;
        while (i < Payload.Length && Payload[i] != 0)
        {
            var code = (char)Payload[i++];
            var end = Array.IndexOf(Payload, (byte)0, i);
            fields[code] = Encoding.UTF8.GetString(Payload, i, end - i);
            i = end + 1;
        }
        return fields;
    }

    public string SqlState => Fields()['C'];

    public override string ToString() => Code is 'E' or 'N' ? $"{Code}:{SqlState}:{Fields()['M']}" : Code.ToString();
}
