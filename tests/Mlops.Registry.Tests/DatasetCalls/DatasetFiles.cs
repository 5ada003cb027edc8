using System.Globalization;
using System.Text;

namespace Mlops.Registry.Tests.DatasetCalls;

/// <summary>Small files whose profiles are worked out by hand in the tests, and larger generated ones.</summary>
internal static class DatasetFiles
{
    /// <summary>
    /// id: integers 1-4; city: strings, Paris twice; amount: 10.5, empty, 20, 4.5 (an integer among floats: float);
    /// active: booleans with one empty; signup: dates and a date-time (timestamp).
    /// </summary>
    public static byte[] Customers { get; } = Encoding.UTF8.GetBytes(
        "id,city,amount,active,signup\n" +
        "1,Paris,10.5,true,2024-01-15\n" +
        "2,Lyon,,false,2024-02-01\n" +
        "3,Paris,20,true,2024-03-10T08:30:00Z\n" +
        "4,Nice,4.5,,2024-04-01\n");

    /// <summary>
    /// Rows 1, 2 and 4 of the file (line 3 is blank): user and age in every row, tags (an array) and score only in
    /// some, score null in row 2, meta (an object) only in the last row.
    /// </summary>
    public static byte[] Events { get; } = Encoding.UTF8.GetBytes(
        "{\"user\":\"ann\",\"age\":30,\"tags\":[\"x\",\"y\"],\"score\":1.5}\n" +
        "{\"user\":\"bob\",\"age\":40,\"score\":null}\n" +
        "\n" +
        "{\"user\":\"ann\",\"age\":50,\"meta\":{\"k\":1}}\n");

    /// <summary>A CSV of <paramref name="rows"/> rows: id, a label and a value that depends on <paramref name="seed"/>.</summary>
    public static byte[] Generated(int rows, int seed = 0)
    {
        var text = new StringBuilder("id,label,value\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},label-{i % 7},{(i * 0.25) + seed}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
