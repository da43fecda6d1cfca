using System.Text;

namespace EcsOnK8s.Translation.ClusterQueries;

/// <summary>
/// Recursive-descent parser of the ECS cluster query language: <c>subject operator [argument]</c> comparisons
/// combined with <c>and</c>/<c>&amp;&amp;</c>, <c>or</c>/<c>||</c>, <c>not</c>/<c>!</c> and parentheses. Precedence,
/// highest first: not, and, or (AWS does not state one; this is the conventional order). Lists are
/// <c>[a, b]</c> (parentheses accepted too); values may be quoted with <c>'</c> or <c>"</c>.
/// </summary>
internal sealed class ClusterQueryParser
{
    private static readonly (string Token, QueryOperator Operator, bool Word)[] Operators =
    [
        ("not_equals", QueryOperator.NotEquals, true),
        ("not_exists", QueryOperator.NotExists, true),
        ("not_matches", QueryOperator.NotMatches, true),
        ("not_in", QueryOperator.NotIn, true),
        ("greater_than_equal", QueryOperator.GreaterThanOrEqual, true),
        ("greater_than", QueryOperator.GreaterThan, true),
        ("less_than_equal", QueryOperator.LessThanOrEqual, true),
        ("less_than", QueryOperator.LessThan, true),
        ("equals", QueryOperator.Equals, true),
        ("exists", QueryOperator.Exists, true),
        ("matches", QueryOperator.Matches, true),
        ("in", QueryOperator.In, true),
        ("!exists", QueryOperator.NotExists, true),
        ("!in", QueryOperator.NotIn, true),
        ("==", QueryOperator.Equals, false),
        ("!=", QueryOperator.NotEquals, false),
        (">=", QueryOperator.GreaterThanOrEqual, false),
        ("<=", QueryOperator.LessThanOrEqual, false),
        ("=~", QueryOperator.Matches, false),
        ("!~", QueryOperator.NotMatches, false),
        (">", QueryOperator.GreaterThan, false),
        ("<", QueryOperator.LessThan, false),
    ];

    private readonly string _text;
    private int _pos;

    private ClusterQueryParser(string text) => _text = text;

    public static QueryNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ClusterQueryParser(text);
        parser.SkipSpace();
        if (parser.AtEnd)
        {
            throw new QuerySyntaxException("the expression is empty", 0);
        }

        var node = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new QuerySyntaxException($"unexpected '{parser.Peek()}'", parser._pos);
        }

        return node;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek() => _text[_pos];

    private QueryNode ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            SkipSpace();
            if (TryToken("||") || TryKeyword("or"))
            {
                left = new QueryNode.Or(left, ParseAnd());
            }
            else
            {
                return left;
            }
        }
    }

    private QueryNode ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (TryToken("&&") || TryKeyword("and"))
            {
                left = new QueryNode.And(left, ParseUnary());
            }
            else
            {
                return left;
            }
        }
    }

    private QueryNode ParseUnary()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw new QuerySyntaxException("expected a condition", _pos);
        }

        if (TryKeyword("not") || (Peek() == '!' && !Lookahead("!=") && !Lookahead("!~") && TryToken("!")))
        {
            return new QueryNode.Not(ParseUnary());
        }

        if (Peek() == '(')
        {
            var open = _pos;
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            if (AtEnd || Peek() != ')')
            {
                throw new QuerySyntaxException("missing ')' for the '(' at position " + (open + 1), _pos);
            }

            _pos++;
            return inner;
        }

        return ParseComparison();
    }

    private QueryNode.Comparison ParseComparison()
    {
        SkipSpace();
        var subjectStart = _pos;
        var subject = ReadWord(stopAtOperatorChars: true);
        if (subject.Length == 0)
        {
            throw new QuerySyntaxException(AtEnd ? "expected a subject" : $"unexpected '{Peek()}', expected a subject", _pos);
        }

        SkipSpace();
        var opStart = _pos;
        var op = ReadOperator() ?? throw new QuerySyntaxException(
            AtEnd ? $"expected an operator after '{subject}'" : $"unknown operator at '{Rest(12)}'",
            opStart);

        switch (op)
        {
            case QueryOperator.Exists:
            case QueryOperator.NotExists:
                return new QueryNode.Comparison(subject, op, [], subjectStart);
            case QueryOperator.In:
            case QueryOperator.NotIn:
                return new QueryNode.Comparison(subject, op, ReadList(), subjectStart);
            default:
                SkipSpace();
                var valueStart = _pos;
                var value = ReadValue(op is QueryOperator.Matches or QueryOperator.NotMatches);
                if (value is null)
                {
                    throw new QuerySyntaxException("expected a value", valueStart);
                }

                return new QueryNode.Comparison(subject, op, [value], subjectStart);
        }
    }

    private List<string> ReadList()
    {
        SkipSpace();
        if (AtEnd || (Peek() != '[' && Peek() != '('))
        {
            throw new QuerySyntaxException("expected a list such as [a, b]", _pos);
        }

        var close = Peek() == '[' ? ']' : ')';
        _pos++;
        var values = new List<string>();
        while (true)
        {
            SkipSpace();
            if (!AtEnd && Peek() == close && values.Count == 0)
            {
                throw new QuerySyntaxException("the list is empty", _pos);
            }

            var start = _pos;
            var value = ReadValue(regex: false, listClose: close);
            if (value is null)
            {
                throw new QuerySyntaxException("expected a list value", start);
            }

            values.Add(value);
            SkipSpace();
            if (AtEnd)
            {
                throw new QuerySyntaxException($"missing '{close}' at the end of the list", _pos);
            }

            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() == close)
            {
                _pos++;
                return values;
            }

            throw new QuerySyntaxException($"expected ',' or '{close}' in the list", _pos);
        }
    }

    private string? ReadValue(bool regex, char listClose = '\0')
    {
        if (AtEnd)
        {
            return null;
        }

        if (Peek() is '\'' or '"')
        {
            var quote = Peek();
            var start = _pos;
            var end = _text.IndexOf(quote, _pos + 1);
            if (end < 0)
            {
                throw new QuerySyntaxException("unterminated quoted value", start);
            }

            _pos = end + 1;
            return _text[(start + 1)..end];
        }

        // A bare value runs to the next space, or to a ')' that closes a group of the expression; a pattern may
        // hold its own balanced parentheses such as (t2|t3).*.
        var sb = new StringBuilder();
        var depth = 0;
        while (!AtEnd)
        {
            var c = Peek();
            if (char.IsWhiteSpace(c) || (listClose != '\0' && (c == ',' || (c == listClose && depth == 0))))
            {
                break;
            }

            if (c == '(' && regex)
            {
                depth++;
            }
            else if (c == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == '(' || (c == '[' && !regex))
            {
                throw new QuerySyntaxException($"unexpected '{c}' in a value", _pos);
            }

            sb.Append(c);
            _pos++;
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private QueryOperator? ReadOperator()
    {
        foreach (var (token, op, word) in Operators)
        {
            if (word ? TryKeyword(token) : TryToken(token))
            {
                return op;
            }
        }

        // "not in" written as two words.
        var save = _pos;
        if (TryKeyword("not"))
        {
            SkipSpace();
            if (TryKeyword("in"))
            {
                return QueryOperator.NotIn;
            }

            _pos = save;
        }

        return null;
    }

    private string ReadWord(bool stopAtOperatorChars)
    {
        var start = _pos;
        while (!AtEnd)
        {
            var c = Peek();
            if (char.IsWhiteSpace(c) || c is '(' or ')' or '[' or ']' or ',' || (stopAtOperatorChars && c is '=' or '!' or '<' or '>' or '~' or '&' or '|'))
            {
                break;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private bool TryToken(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private bool Lookahead(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    /// <summary>A keyword matches case-insensitively and only as a whole word.</summary>
    private bool TryKeyword(string keyword)
    {
        if (_pos + keyword.Length > _text.Length ||
            string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var after = _pos + keyword.Length;
        if (after < _text.Length && (char.IsLetterOrDigit(_text[after]) || _text[after] is '_' or ':' or '.' or '-'))
        {
            return false;
        }

        _pos = after;
        return true;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek()))
        {
            _pos++;
        }
    }

    private string Rest(int max) => _text.Length - _pos <= max ? _text[_pos..] : string.Concat(_text.AsSpan(_pos, max), "...");
}
