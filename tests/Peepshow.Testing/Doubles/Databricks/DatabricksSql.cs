using System.Globalization;
using System.Text;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// Just enough Databricks SQL to hold a sink to the real rules: one statement per request, named parameter
/// markers, backtick-quoted identifiers, string literals with backslash escapes, comments, and the two
/// statement shapes a table sink needs (CREATE TABLE and MERGE INTO … USING (SELECT …)). Anything else
/// fails the statement with a message that says the double does not model it.
/// </summary>
public static class DatabricksSql
{
    public static SqlStatement Compile(string sql)
    {
        var tokens = Lexer.Tokenize(sql);
        var segments = Split(tokens);
        if (segments.Count == 0)
            throw new SqlErrorException(SqlError.Syntax("end of input"));
        if (segments.Count > 1)
            throw new SqlErrorException(SqlError.ExtraInput(segments[1][0].Text));

        var statement = new Parser(segments[0]).Statement();
        var markers = segments[0].Where(t => t.Kind == TokenKind.Marker).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
        return statement with { Markers = markers };
    }

    // A trailing ';' is harmless; anything after it is a second statement, which the API refuses.
    private static List<List<Token>> Split(IReadOnlyList<Token> tokens)
    {
        var segments = new List<List<Token>> { new() };
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Symbol && token.Text == ";")
                segments.Add([]);
            else
                segments[^1].Add(token);
        }
        return segments.Where(s => s.Count > 0).ToList();
    }

    internal enum TokenKind
    {
        Word,
        QuotedIdentifier,
        String,
        Number,
        Marker,
        Symbol,
    }

    internal sealed record Token(TokenKind Kind, string Text, int Position)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

        public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

        public string Describe() => Kind switch
        {
            TokenKind.String => $"'{Text}'",
            TokenKind.QuotedIdentifier => $"'`{Text}`'",
            TokenKind.Marker => $"':{Text}'",
            _ => $"'{Text}'",
        };
    }

    private static class Lexer
    {
        public static IReadOnlyList<Token> Tokenize(string sql)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '-' && At(sql, i + 1) == '-')
                {
                    while (i < sql.Length && sql[i] != '\n')
                        i++;
                }
                else if (c == '/' && At(sql, i + 1) == '*')
                {
                    var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                        throw new SqlErrorException(SqlError.Syntax("end of input (unclosed comment)"));
                    i = end + 2;
                }
                else if (c is '\'' or '"')
                {
                    tokens.Add(new Token(TokenKind.String, StringLiteral(sql, ref i), i));
                }
                else if (c == '`')
                {
                    var start = i;
                    var text = new StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= sql.Length)
                            throw new SqlErrorException(SqlError.Syntax("end of input (unclosed `)"));
                        if (sql[i] == '`')
                        {
                            if (At(sql, i + 1) == '`')
                            {
                                text.Append('`');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        text.Append(sql[i++]);
                    }
                    tokens.Add(new Token(TokenKind.QuotedIdentifier, text.ToString(), start));
                }
                else if (c == ':' && (char.IsLetter(At(sql, i + 1)) || At(sql, i + 1) == '_'))
                {
                    var start = ++i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                        i++;
                    tokens.Add(new Token(TokenKind.Marker, sql[start..i], start - 1));
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                        i++;
                    tokens.Add(new Token(TokenKind.Word, sql[start..i], start));
                }
                else if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
                {
                    var start = i;
                    while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.' || sql[i] is 'e' or 'E' || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E')))
                        i++;
                    tokens.Add(new Token(TokenKind.Number, sql[start..i], start));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i));
                    i++;
                }
            }
            return tokens;
        }

        private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

        // Spark string literals: 'x' or "x", backslash escapes (\' \" \\ \n \t \r \0 \uXXXX), any other \c is c.
        private static string StringLiteral(string sql, ref int i)
        {
            var quote = sql[i++];
            var text = new StringBuilder();
            while (true)
            {
                if (i >= sql.Length)
                    throw new SqlErrorException(SqlError.Syntax("end of input (unclosed string literal)"));
                var c = sql[i++];
                if (c == quote)
                    return text.ToString();
                if (c != '\\' || i >= sql.Length)
                {
                    text.Append(c);
                    continue;
                }
                var e = sql[i++];
                switch (e)
                {
                    case 'n': text.Append('\n'); break;
                    case 't': text.Append('\t'); break;
                    case 'r': text.Append('\r'); break;
                    case '0': text.Append('\0'); break;
                    case 'u' when i + 4 <= sql.Length && int.TryParse(sql.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        text.Append((char)code);
                        i += 4;
                        break;
                    default: text.Append(e); break;
                }
            }
        }
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _at;

        private Token? Peek => _at < tokens.Count ? tokens[_at] : null;

        public SqlStatement Statement()
        {
            SqlStatement statement;
            if (Accept("CREATE"))
                statement = CreateTable();
            else if (Accept("MERGE"))
                statement = Merge();
            else
                throw new SqlErrorException(SqlError.NotModelled(Peek is { } t ? $"statements starting with {t.Describe()}" : "an empty statement"));
            if (Peek is { } extra)
                throw new SqlErrorException(SqlError.ExtraInput(extra.Text));
            return statement;
        }

        private CreateTableStatement CreateTable()
        {
            if (Peek is { } t && (t.Is("OR") || t.Is("TEMPORARY") || t.Is("EXTERNAL") || t.Is("VIEW")))
                throw new SqlErrorException(SqlError.NotModelled($"CREATE {t.Text.ToUpperInvariant()}"));
            Expect("TABLE");
            var ifNotExists = false;
            if (Accept("IF"))
            {
                Expect("NOT");
                Expect("EXISTS");
                ifNotExists = true;
            }
            var name = QualifiedName();
            ExpectSymbol("(");
            var columns = new List<ColumnDefinition>();
            do
            {
                var column = Identifier();
                var type = TypeName();
                var notNull = false;
                string? comment = null;
                while (true)
                {
                    if (Accept("NOT"))
                    {
                        Expect("NULL");
                        notNull = true;
                    }
                    else if (Accept("COMMENT"))
                    {
                        comment = StringLiteral();
                    }
                    else
                    {
                        break;
                    }
                }
                columns.Add(new ColumnDefinition(column, type, notNull, comment));
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");

            string? format = null, tableComment = null;
            while (Peek is not null)
            {
                if (Accept("USING"))
                    format = Identifier().ToUpperInvariant();
                else if (Accept("COMMENT"))
                    tableComment = StringLiteral();
                else
                    throw Unexpected();
            }
            return new CreateTableStatement(name, ifNotExists, columns, format, tableComment);
        }

        private MergeStatement Merge()
        {
            Expect("INTO");
            var target = QualifiedName();
            var targetAlias = Alias() ?? target[^1];
            Expect("USING");
            ExpectSymbol("(");
            Expect("SELECT");
            var items = new List<SelectItem>();
            do
            {
                var expression = Expression();
                Accept("AS");
                items.Add(new SelectItem(expression, Identifier()));
            }
            while (AcceptSymbol(","));
            if (Peek is { } from && from.Is("FROM"))
                throw new SqlErrorException(SqlError.NotModelled("a MERGE source with FROM"));
            ExpectSymbol(")");
            var sourceAlias = Alias() ?? throw Unexpected();
            Expect("ON");
            var left = ColumnRef();
            ExpectSymbol("=");
            var right = ColumnRef();

            Expect("WHEN");
            if (Peek is { } matched && matched.Is("MATCHED"))
                throw new SqlErrorException(SqlError.NotModelled("WHEN MATCHED clauses"));
            Expect("NOT");
            Expect("MATCHED");
            if (Accept("BY"))
                Expect("TARGET");
            Expect("THEN");
            Expect("INSERT");
            if (AcceptSymbol("*"))
                return new MergeStatement(target, targetAlias, items, sourceAlias, left, right, null, []);
            ExpectSymbol("(");
            var columns = new List<string>();
            do
                columns.Add(Identifier());
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            Expect("VALUES");
            ExpectSymbol("(");
            var values = new List<SqlExpression>();
            do
                values.Add(Expression());
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            if (columns.Count != values.Count)
                throw new SqlErrorException(SqlError.Syntax($"VALUES: {columns.Count} columns but {values.Count} values"));
            return new MergeStatement(target, targetAlias, items, sourceAlias, left, right, columns, values);
        }

        private SqlExpression Expression()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Marker:
                    return new ParameterMarker(token.Text);
                case TokenKind.String:
                    return new Literal(token.Text, SqlType.String);
                case TokenKind.Number:
                    return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                        ? new Literal(l, SqlType.BigInt)
                        : new Literal(double.Parse(token.Text, CultureInfo.InvariantCulture), SqlType.Double);
            }
            if (token.Is("NULL"))
                return new Literal(null, SqlType.Null);
            if (token.Is("TRUE") || token.Is("FALSE"))
                return new Literal(token.Is("TRUE"), SqlType.Boolean);
            if (token.Is("CAST") && AcceptSymbol("("))
            {
                var operand = Expression();
                Expect("AS");
                var type = TypeName();
                ExpectSymbol(")");
                return new CastExpression(operand, type);
            }
            if (token.Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
            {
                if (Peek is { } p && p.IsSymbol("("))
                    throw new SqlErrorException(SqlError.NotModelled($"function {token.Text}()"));
                _at--;
                return ColumnRef();
            }
            throw Unexpected(token);
        }

        private ColumnReference ColumnRef()
        {
            var first = Identifier();
            return AcceptSymbol(".") ? new ColumnReference(first, Identifier()) : new ColumnReference(null, first);
        }

        private SqlType TypeName()
        {
            var name = Identifier();
            if (Peek is { } p && (p.IsSymbol("(") || p.IsSymbol("<")))
                throw new SqlErrorException(SqlError.NotModelled($"type {name.ToUpperInvariant()}{p.Text}...{(p.Text == "(" ? ")" : ">")}"));
            return SqlTypes.Parse(name) ?? throw new SqlErrorException(SqlError.UnsupportedType(name));
        }

        private string? Alias()
        {
            if (Accept("AS"))
                return Identifier();
            return Peek is { } t && (t.Kind == TokenKind.QuotedIdentifier || (t.Kind == TokenKind.Word && !IsClauseKeyword(t))) ? Identifier() : null;
        }

        private static bool IsClauseKeyword(Token t) => t.Is("USING") || t.Is("ON") || t.Is("WHEN");

        private List<string> QualifiedName()
        {
            var parts = new List<string> { Identifier() };
            while (AcceptSymbol("."))
                parts.Add(Identifier());
            if (parts.Count > 3)
                throw new SqlErrorException(SqlError.Syntax($"'{string.Join('.', parts)}' (at most catalog.schema.table)"));
            return parts;
        }

        private string Identifier()
        {
            var token = Next();
            return token.Kind is TokenKind.Word or TokenKind.QuotedIdentifier ? token.Text : throw Unexpected(token);
        }

        private string StringLiteral()
        {
            var token = Next();
            return token.Kind == TokenKind.String ? token.Text : throw Unexpected(token);
        }

        private Token Next() => _at < tokens.Count ? tokens[_at++] : throw new SqlErrorException(SqlError.Syntax("end of input"));

        private bool Accept(string keyword)
        {
            if (Peek is { } t && t.Is(keyword))
            {
                _at++;
                return true;
            }
            return false;
        }

        private bool AcceptSymbol(string symbol)
        {
            if (Peek is { } t && t.IsSymbol(symbol))
            {
                _at++;
                return true;
            }
            return false;
        }

        private void Expect(string keyword)
        {
            if (!Accept(keyword))
                throw Unexpected();
        }

        private void ExpectSymbol(string symbol)
        {
            if (!AcceptSymbol(symbol))
                throw Unexpected();
        }

        private SqlErrorException Unexpected(Token? token = null)
        {
            token ??= Peek;
            return new SqlErrorException(SqlError.Syntax(token is null ? "end of input" : token.Describe()));
        }
    }
}
