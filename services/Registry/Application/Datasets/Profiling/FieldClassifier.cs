using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Decides the kind of each value (the rules are in docs/dataset-profile.md) and its number when it is numeric.
/// JSON values keep the type JSON gave them, except that strings may be timestamps; CSV text is tried as null,
/// boolean, integer, float and timestamp, in that order, and is a string otherwise. Nothing is trimmed.
/// </summary>
internal sealed class FieldClassifier(IReadOnlyList<string> csvNullValues)
{
    private static readonly byte[][] NonFiniteNames =
        [.. new[] { "NaN", "nan", "NAN", "Infinity", "infinity", "INFINITY", "inf", "Inf", "INF" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

    private readonly byte[][] _nullValues = [.. csvNullValues.Select(Encoding.UTF8.GetBytes)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueKind Classify(FieldToken token, ReadOnlySpan<byte> text, out double number)
    {
        number = 0;
        switch (token)
        {
            case FieldToken.Text:
                return ClassifyText(text, out number);
            case FieldToken.Number:
                return ClassifyNumber(text, out number);
            case FieldToken.String:
                return TimestampSyntax.IsTimestamp(text) ? ValueKind.Timestamp : ValueKind.String;
            case FieldToken.True:
                number = 1;
                return ValueKind.Boolean;
            case FieldToken.False:
                return ValueKind.Boolean;
            case FieldToken.Object:
                return ValueKind.Object;
            case FieldToken.Array:
                return ValueKind.Array;
            default:
                return ValueKind.Null;
        }
    }

    /// <summary>The text a value is counted under as a category: booleans are spelled true and false, all else as read.</summary>
    public static ReadOnlySpan<byte> CategoryText(ValueKind kind, double number, ReadOnlySpan<byte> text) =>
        kind != ValueKind.Boolean ? text
        : number != 0 ? "true"u8
        : "false"u8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ValueKind ClassifyText(ReadOnlySpan<byte> text, out double number)
    {
        number = 0;
        if (text.IsEmpty || IsNullValue(text))
        {
            return ValueKind.Null;
        }

        if (text.Length is 4 or 5 && (text[0] | 0x20) is (byte)'t' or (byte)'f')
        {
            if (text.SequenceEqual("true"u8) || text.SequenceEqual("True"u8) || text.SequenceEqual("TRUE"u8))
            {
                number = 1;
                return ValueKind.Boolean;
            }

            if (text.SequenceEqual("false"u8) || text.SequenceEqual("False"u8) || text.SequenceEqual("FALSE"u8))
            {
                return ValueKind.Boolean;
            }
        }

        var numeric = ClassifyNumber(text, out number);
        return numeric != ValueKind.String ? numeric
            : TimestampSyntax.IsTimestamp(text) ? ValueKind.Timestamp
            : ValueKind.String;
    }

    private bool IsNullValue(ReadOnlySpan<byte> text)
    {
        foreach (var nullValue in _nullValues)
        {
            if (text.SequenceEqual(nullValue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Integer: an optional sign and digits, within a 64-bit signed integer. Float: an optional sign, digits with an
    /// optional fraction (either side of the point may be empty, not both), an optional exponent; or a NaN or
    /// infinity name. Anything else is a string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ValueKind ClassifyNumber(ReadOnlySpan<byte> text, out double number)
    {
        number = 0;
        var unsigned = text.Length > 0 && text[0] is (byte)'+' or (byte)'-' ? text[1..] : text;
        if (unsigned.IsEmpty)
        {
            return ValueKind.String;
        }

        if (unsigned[0] is not (>= (byte)'0' and <= (byte)'9') and not (byte)'.')
        {
            return ClassifyNonFinite(text, unsigned, out number);
        }

        var integerDigits = Digits(unsigned);
        if (integerDigits == unsigned.Length)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                number = integer;
                return ValueKind.Integer;
            }

            // Too large for 64 bits: still a number, read as the nearest double.
            number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return ValueKind.Float;
        }

        var at = integerDigits;
        if (unsigned[at] == '.')
        {
            var fractionDigits = Digits(unsigned[(at + 1)..]);
            if (integerDigits + fractionDigits == 0)
            {
                return ValueKind.String;
            }

            at += 1 + fractionDigits;
        }
        else if (integerDigits == 0)
        {
            return ValueKind.String;
        }

        if (at < unsigned.Length && unsigned[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < unsigned.Length && unsigned[at] is (byte)'+' or (byte)'-')
            {
                at++;
            }

            var exponentDigits = Digits(unsigned[at..]);
            if (exponentDigits == 0)
            {
                return ValueKind.String;
            }

            at += exponentDigits;
        }

        if (at != unsigned.Length)
        {
            return ValueKind.String;
        }

        // Correctly rounded either way; beyond the double range the result is an infinity.
        number = TryShortDecimal(text, out var quick) ? quick : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return ValueKind.Float;
    }

    /// <summary>
    /// Clinger's fast path for the common case, several times cheaper than double.Parse: with at most 15 digits
    /// and no exponent, both the digits as an integer and the power of ten are exact doubles, so their quotient,
    /// rounded once by the division, is the correctly rounded value.
    /// </summary>
    private static bool TryShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var at = text[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        if (text.Length - at > 16)
        {
            return false;
        }

        ulong digits = 0;
        var fractionDigits = -1;
        for (; at < text.Length; at++)
        {
            var c = text[at];
            if (c == '.')
            {
                fractionDigits = 0;
                continue;
            }

            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            digits = (digits * 10) + (uint)(c - '0');
            fractionDigits += fractionDigits >= 0 ? 1 : 0;
        }

        value = fractionDigits > 0 ? digits / PowersOfTen[fractionDigits] : digits;
        value = text[0] == '-' ? -value : value;
        return true;
    }

    private static ValueKind ClassifyNonFinite(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unsigned, out double number)
    {
        number = 0;
        for (var index = 0; index < NonFiniteNames.Length; index++)
        {
            if (unsigned.SequenceEqual(NonFiniteNames[index]))
            {
                // The first three names are NaN's; a sign on NaN changes nothing.
                number = index < 3 ? double.NaN : text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
                return ValueKind.Float;
            }
        }

        return ValueKind.String;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return end < 0 ? text.Length : end;
    }
}
