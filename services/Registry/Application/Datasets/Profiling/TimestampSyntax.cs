using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The ISO-8601 forms read as timestamps: YYYY-MM-DD, optionally followed by 'T', 't' or a space, HH:MM, optional
/// :SS with an optional fraction of 1 to 9 digits, and an optional offset Z, z or ±HH:MM. Every part must be a
/// real calendar value (no February 30th, no hour 24, no leap second).
/// </summary>
internal static class TimestampSyntax
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsTimestamp(ReadOnlySpan<byte> text)
    {
        if (text.Length < 10
            || !TryNumber(text[..4], out var year) || text[4] != '-'
            || !TryNumber(text[5..7], out var month) || text[7] != '-'
            || !TryNumber(text[8..10], out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            return true;
        }

        if (text.Length < 16 || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TryNumber(text[11..13], out var hour) || hour > 23 || text[13] != ':'
            || !TryNumber(text[14..16], out var minute) || minute > 59)
        {
            return false;
        }

        var at = 16;
        if (at < text.Length && text[at] == ':')
        {
            if (text.Length < at + 3 || !TryNumber(text.Slice(at + 1, 2), out var second) || second > 59)
            {
                return false;
            }

            at += 3;
            if (at < text.Length && text[at] == '.')
            {
                var digits = text[(at + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                digits = digits < 0 ? text.Length - at - 1 : digits;
                if (digits is < 1 or > 9)
                {
                    return false;
                }

                at += 1 + digits;
            }
        }

        var offset = text[at..];
        return offset.IsEmpty
            || offset is [(byte)'Z' or (byte)'z']
            || (offset.Length == 6 && offset[0] is (byte)'+' or (byte)'-' && offset[3] == ':'
                && TryNumber(offset[1..3], out var offsetHours) && offsetHours <= 23
                && TryNumber(offset[4..6], out var offsetMinutes) && offsetMinutes <= 59);
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
