namespace IrisPgWire.Tests.Unit.Iris;

/// <summary>A throwaway folder tree under the temp directory, deleted on dispose.</summary>
internal sealed class FakeFolder : IDisposable
{
    public FakeFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "irispgwire-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Creates <paramref name="relative"/> (with its folders) holding <paramref name="bytes"/>, and returns its full path.</summary>
    public string File(string relative, byte[]? bytes = null)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes ?? "not an assembly"u8.ToArray());
        return path;
    }

    /// <summary>Copies an existing file to <paramref name="relative"/>, and returns its full path.</summary>
    public string Copy(string source, string relative) => File(relative, System.IO.File.ReadAllBytes(source));

    public string At(string relative) => Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A DLL the runtime still maps stays behind in the temp directory; that is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above, on file systems that refuse deleting a mapped file.
        }
    }
}
