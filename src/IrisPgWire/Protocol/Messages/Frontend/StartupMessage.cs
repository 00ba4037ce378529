using System.Buffers;
using IrisPgWire.Errors;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>
/// The first packet of a connection: StartupMessage, or one of the special requests that share its
/// framing (SSLRequest, GSSENCRequest, CancelRequest), told apart by the protocol code.
/// </summary>
public sealed class StartupMessage
{
    public const int ProtocolVersion3 = 196608;
    public const int SslRequestCode = 80877103;
    public const int GssEncRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;

    private StartupMessage(int code) => Code = code;

    /// <summary>The protocol version (major &lt;&lt; 16 | minor) or a special request code.</summary>
    public int Code { get; }

    public int MajorVersion => Code >> 16;
    public int MinorVersion => Code & 0xFFFF;

    /// <summary>Startup parameters in the order sent (user, database, options, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private init; } = [];

    /// <summary>CancelRequest: the target's process ID and secret key.</summary>
    public int CancelProcessId { get; private init; }
    public int CancelSecretKey { get; private init; }

    public string? GetParameter(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (key == name)
                return value;
        }
        return null;
    }

    public static StartupMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "startup");
        var code = reader.ReadInt32();
        switch (code)
        {
            case SslRequestCode or GssEncRequestCode:
                return new StartupMessage(code);
            case CancelRequestCode:
                return new StartupMessage(code) { CancelProcessId = reader.ReadInt32(), CancelSecretKey = reader.ReadInt32() };
        }
        var parameters = new List<KeyValuePair<string, string>>();
        if ((code >> 16) == 3)
        {
            // Name/value pairs, then a lone terminator (PostgreSQL manual, "StartupMessage").
            while (true)
            {
                var name = reader.ReadCString();
                if (name.Length == 0)
                    break;
                parameters.Add(new(name, reader.ReadCString()));
            }
            if (reader.Remaining != 0)
                throw PgErrorException.Protocol("invalid startup packet layout: expected terminator as last byte");
        }
        return new StartupMessage(code) { Parameters = parameters };
    }
}
