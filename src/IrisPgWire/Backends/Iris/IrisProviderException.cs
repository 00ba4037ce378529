namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The InterSystems ADO.NET provider could not be found or loaded. The message is meant for the user as it is:
/// what was looked for, where, and what to install.
/// </summary>
public sealed class IrisProviderException : Exception
{
    public IrisProviderException(string message) : base(message)
    {
    }

    public IrisProviderException(string message, Exception inner) : base(message, inner)
    {
    }

    public IrisProviderException()
    {
    }
}
