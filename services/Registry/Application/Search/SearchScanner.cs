using System.Globalization;
using System.Text;

namespace Mlops.Registry.Application.Search;

/// <summary>
/// The character-level half of the filter and order_by parsers: a cursor over the text that reads identifiers,
/// keywords, operators and literals on demand. There is no separate token stream because what a piece of text is
/// depends on where it stands: <c>"x"</c> is a key after <c>tags.</c> and a string after <c>=</c>.
/// </summary>
internal sealed class SearchScanner(string text, string argument, string endName)
{
    private const int MaxQuotedLength = 40;

    private static readonly string[] Keywords = ["AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL", "TRUE", "FALSE", "ASC", "DESC"];

    public int Position { get; private set; }

    public bool AtEnd => Position >= text.Length;

    /// <summary>The text from <paramref name="start"/> to the current position.</summary>
    public string WrittenSince(int start) => text[start..Position];

    public void SkipSpace()
    {
        while (Position < text.Length && char.IsWhiteSpace(text[Position]))
        {
            Position++;
        }
    }

    public bool TryChar(char c)
    {
        SkipSpace();
        if (Position < text.Length && text[Position] == c)
        {
            Position++;
            return true;
        }

        return false;
    }

    public bool IsNext(char c)
    {
        SkipSpace();
        return Position < text.Length && text[Position] == c;
    }

    /// <summary>True if the next word is <paramref name="keyword"/> (any case); nothing is consumed.</summary>
    public bool IsKeyword(string keyword)
    {
        SkipSpace();
        var end = WordEnd(Position);
        return end > Position && text.AsSpan(Position, end - Position).Equals(keyword, StringComparison.OrdinalIgnoreCase);
    }

    public bool TryKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            return false;
        }

        Position += keyword.Length;
        return true;
    }

    /// <summary>A comparison operator (<c>=, !=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=</c>) if one is next.</summary>
    public FilterOperator? TryComparison()
    {
        SkipSpace();
        var rest = text.AsSpan(Position);
        (FilterOperator Operator, int Length)? found = rest switch
        {
            ['!', '=', ..] => (FilterOperator.NotEqual, 2),
            ['<', '>', ..] => (FilterOperator.NotEqual, 2),
            ['<', '=', ..] => (FilterOperator.LessOrEqual, 2),
            ['>', '=', ..] => (FilterOperator.GreaterOrEqual, 2),
            ['=', ..] => (FilterOperator.Equal, 1),
            ['<', ..] => (FilterOperator.Less, 1),
            ['>', ..] => (FilterOperator.Greater, 1),
            _ => null,
        };
        if (found is not { } match)
        {
            return null;
        }

        Position += match.Length;
        return match.Operator;
    }

    /// <summary>
    /// <c>word</c> or <c>word.key</c>, where the key is bare (letters, digits, <c>_</c>) or quoted with backticks or
    /// double quotes. <paramref name="after"/> words the error when there is none ("expected an identifier after ...").
    /// </summary>
    public FieldReference ReadField(string after)
    {
        SkipSpace();
        var start = Position;
        var end = WordEnd(start);
        if (end == start || char.IsAsciiDigit(text[start]))
        {
            throw Expected("an identifier", after);
        }

        var word = text[start..end];
        if (Keywords.Contains(word, StringComparer.OrdinalIgnoreCase))
        {
            throw Error(start, $"expected an identifier{after} at position {start}, found the keyword '{word}'");
        }

        Position = end;
        if (Position >= text.Length || text[Position] != '.')
        {
            CheckIdentifierEnd(null, word);
            return new FieldReference(null, word, start, word);
        }

        Position++;
        var key = ReadKey(word);
        return new FieldReference(word, key, start, text[start..Position]);
    }

    /// <summary>A string, number or boolean; <paramref name="after"/> words the error when none is there.</summary>
    public FilterLiteral ReadValue(string after)
    {
        SkipSpace();
        var start = Position;
        if (AtEnd)
        {
            throw Expected("a value", after);
        }

        var c = text[start];
        if (c is '\'' or '"')
        {
            return ReadString(c);
        }

        var unsigned = c is '-' or '+' ? start + 1 : start;
        if (unsigned < text.Length && (char.IsAsciiDigit(text[unsigned]) || (text[unsigned] == '.' && unsigned + 1 < text.Length && char.IsAsciiDigit(text[unsigned + 1]))))
        {
            return ReadNumber();
        }

        var wordEnd = WordEnd(unsigned);
        if (wordEnd > unsigned)
        {
            var word = text[unsigned..wordEnd];
            var sign = c == '-' ? -1 : 1;
            FilterLiteral? literal = word.ToUpperInvariant() switch
            {
                "TRUE" when unsigned == start => new BooleanLiteral(true, start, text[start..wordEnd]),
                "FALSE" when unsigned == start => new BooleanLiteral(false, start, text[start..wordEnd]),
                "NAN" => new NumberLiteral(double.NaN, start, text[start..wordEnd]),
                "INF" or "INFINITY" => new NumberLiteral(sign * double.PositiveInfinity, start, text[start..wordEnd]),
                _ => null,
            };
            if (literal is not null)
            {
                Position = wordEnd;
                return literal;
            }

            if (word.Equals("NULL", StringComparison.OrdinalIgnoreCase) && unsigned == start)
            {
                throw Error(start, $"NULL is not a value at position {start}: test for a missing value with IS NULL or IS NOT NULL");
            }

            throw Error(start, $"expected a value{after} at position {start}, found '{Shorten(text[start..wordEnd])}'; quote text, as in '{Shorten(word)}'");
        }

        throw Expected("a value", after);
    }

    /// <summary>An error at the current position: "expected X after Y at position N, found Z".</summary>
    public SearchFilterException Expected(string what, string after)
    {
        SkipSpace();
        return Error(Position, $"expected {what}{after} at position {Position}, found {Describe(Position)}");
    }

    public SearchFilterException Error(int position, string detail) => new(argument, position, detail);

    /// <summary>What stands at <paramref name="position"/>, in words, for "found ..." in messages.</summary>
    public string Describe(int position)
    {
        if (position >= text.Length)
        {
            return endName;
        }

        var c = text[position];
        if (char.IsWhiteSpace(c))
        {
            return "a space";
        }

        if (c is '\'' or '"' or '`')
        {
            var close = text.IndexOf(c, position + 1);
            var quoted = close < 0 ? text[position..] : text[position..(close + 1)];
            return $"the {(c == '`' ? "quoted key" : "string")} {Shorten(quoted)}";
        }

        var end = position;
        if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+')
        {
            end = Math.Max(WordEnd(position), position + 1);
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
            {
                end++;
            }
        }
        else
        {
            end = position + (text.AsSpan(position) is ['!' or '<' or '>', '=' or '>', ..] ? 2 : 1);
        }

        return $"'{Shorten(text[position..end])}'";
    }

    private static string Shorten(string value) => value.Length <= MaxQuotedLength ? value : string.Concat(value.AsSpan(0, MaxQuotedLength), "...");

    private int WordEnd(int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end;
    }

    private string ReadKey(string prefix)
    {
        var start = Position;
        if (Position < text.Length && text[Position] is '`' or '"')
        {
            var key = ReadQuoted(text[Position], "key");
            return key.Length > 0 ? key : throw Error(start, $"the key of '{prefix}.' at position {start} is empty");
        }

        var end = WordEnd(start);
        if (end == start)
        {
            throw Error(start, $"expected a key after '{prefix}.' at position {start}, found {Describe(start)}");
        }

        Position = end;
        CheckIdentifierEnd(prefix, text[start..end]);
        return text[start..end];
    }

    /// <summary>
    /// After an identifier only a space, an operator, a parenthesis or the end may follow. Anything else is most
    /// likely a key with a '-' or '.' in it, which must be quoted: say so instead of "expected an operator".
    /// </summary>
    private void CheckIdentifierEnd(string? prefix, string name)
    {
        if (Position >= text.Length || char.IsWhiteSpace(text[Position]) || text[Position] is '=' or '!' or '<' or '>' or '(' or ')' or ',')
        {
            return;
        }

        var end = Position;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('=' or '!' or '<' or '>' or '(' or ')' or ',' or '\'' or '"'))
        {
            end++;
        }

        if (prefix is null)
        {
            throw Error(Position, $"unexpected '{text[Position]}' after '{name}' at position {Position}");
        }

        var key = name + text[Position..end];
        throw Error(
            Position,
            $"unexpected '{text[Position]}' in '{Shorten($"{prefix}.{key}")}' at position {Position}; quote a key that has characters other than letters, digits and '_', as in {prefix}.`{Shorten(key)}`");
    }

    private StringLiteral ReadString(char quote)
    {
        var start = Position;
        var value = ReadQuoted(quote, "string");
        return new StringLiteral(value, start, text[start..Position]);
    }

    /// <summary>Text between two <paramref name="quote"/>s, a doubled quote standing for one.</summary>
    private string ReadQuoted(char quote, string what)
    {
        var start = Position;
        var value = new StringBuilder();
        var i = start + 1;
        while (true)
        {
            var close = text.IndexOf(quote, i);
            if (close < 0)
            {
                throw Error(start, $"unterminated {what} starting at position {start}: the closing {quote} is missing");
            }

            value.Append(text, i, close - i);
            if (close + 1 < text.Length && text[close + 1] == quote)
            {
                value.Append(quote);
                i = close + 2;
                continue;
            }

            Position = close + 1;
            return value.ToString();
        }
    }

    private NumberLiteral ReadNumber()
    {
        var start = Position;
        var i = start;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        i = Digits(i);
        if (i < text.Length && text[i] == '.')
        {
            i = Digits(i + 1);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var exponent = i + 1 < text.Length && text[i + 1] is '-' or '+' ? i + 2 : i + 1;
            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                i = Digits(exponent);
            }
        }

        // "1.2.3", "12abc" or "1e" are not a number followed by something else: they are one bad number.
        var end = i;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
        {
            end++;
        }

        if (end > i)
        {
            throw Error(start, $"malformed number '{Shorten(text[start..end])}' at position {start}");
        }

        Position = i;
        var written = text[start..i];
        return new NumberLiteral(double.Parse(written, NumberStyles.Float, CultureInfo.InvariantCulture), start, written);
    }

    private int Digits(int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
