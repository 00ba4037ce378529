using System.Buffers;
using System.Text;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Tests.Unit.Types;

/// <summary>
/// COPY TO's unboxed double output (<see cref="FloatCodec.FormatDouble"/>) must print exactly what the
/// codec's general output prints, for every magnitude and extra_float_digits setting; the general
/// output is held to PostgreSQL's by the differential tests.
/// </summary>
public class FloatOutputTests
{
    public static TheoryData<double> Values()
    {
        var data = new TheoryData<double>
        {
            0, -0.0, 1, -1, 0.1, 0.5, 123.456, -98765.4321, 1e-4, 9.999999999999999e-05, 0.00012345, 1e-5, 1.5e-7,
            1e14, 123456789012345.6, 999999999999999.9, 1e15, 1.2345e15, 1e16, 1e300, -1e-300, double.Epsilon,
            double.MaxValue, double.MinValue, 3.141592653589793, 2.718281828459045, 1.0 / 3, 100, 1e10, 12345678,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        };
        var random = new Random(20261203);
        for (var i = 0; i < 200; i++)
        {
            var exponent = random.Next(-12, 20);
            data.Add((random.NextDouble() - 0.5) * Math.Pow(10, exponent));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Unboxed_double_output_is_the_codecs_output(double value)
    {
        foreach (var extraFloatDigits in new[] { 1, 0, -3, 3 })
        {
            var output = new ArrayBufferWriter<byte>();
            FloatCodec.Float8.FormatDouble(value, output, extraFloatDigits);
            Assert.Equal(FloatCodec.Float8.Format(value, extraFloatDigits), Encoding.ASCII.GetString(output.WrittenSpan));
        }
    }
}
