using IrisPgWire.Copy;

namespace IrisPgWire.Benchmarks;

/// <summary>Runs each benchmark's operation once and checks what it did, so a broken benchmark fails fast instead of timing an error.</summary>
public static class Check
{
    public static async Task<int> RunAsync()
    {
        var rows = PatientsData.Rows;
        foreach (var format in Enum.GetValues<CopyFormat>())
        {
            var copyIn = new CopyInBenchmarks { Format = format };
            await copyIn.SetupAsync();
            copyIn.Decode();
            Expect($"COPY FROM {format}", copyIn.Tag, $"COPY {rows}");
            await copyIn.CleanupAsync();

            var copyOut = new CopyOutBenchmarks { Format = format };
            await copyOut.SetupAsync();
            var bytes = copyOut.Encode();
            Expect($"COPY TO {format}", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PatientsData.Instance.Encoded(format).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await copyOut.CleanupAsync();
        }
        foreach (var format in new[] { CopyFormat.Text, CopyFormat.Csv })
        {
            var decode = new DecodeBenchmarks { Format = format };
            decode.Setup();
            Expect($"decode {format} fields", decode.Decode().ToString(System.Globalization.CultureInfo.InvariantCulture),
                (rows * 8L).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var codecs = new CodecBenchmarks();
        codecs.Setup();
        Console.WriteLine($"codecs: {codecs.ParseText()} text values, {codecs.ParseBinary()} binary values parsed");
        var store = new StoreBenchmarks();
        await store.SetupAsync();
        store.Empty();
        Expect("bulk write", (await store.BulkWrite()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await store.CleanupAsync();
        return 0;
    }

    private static void Expect(string what, string? got, string expected)
    {
        Console.WriteLine($"{what}: {got}");
        if (got != expected)
            throw new InvalidOperationException($"{what}: got {got}, expected {expected}");
    }
}
