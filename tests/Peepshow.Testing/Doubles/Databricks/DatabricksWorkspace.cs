namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// In-memory Unity Catalog: catalogs → schemas → tables, names case-insensitive and stored lower case.
/// A fresh workspace has <c>main.default</c>, like a new metastore. Thread-safe: every access takes the lock.
/// </summary>
public sealed class DatabricksWorkspace
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, DatabricksTable>>> _catalogs = new(StringComparer.OrdinalIgnoreCase);

    internal Lock Sync { get; } = new();

    public DatabricksWorkspace() => AddSchema("main", "default");

    /// <summary>Raised (under the lock) for every row a MERGE inserts; the standalone double prints it.</summary>
    public event Action<DatabricksTable, DatabricksRow>? RowInserted;

    public void AddCatalog(string catalog)
    {
        lock (Sync)
            _catalogs.TryAdd(catalog.ToLowerInvariant(), new(StringComparer.OrdinalIgnoreCase));
    }

    public void AddSchema(string catalog, string schema)
    {
        lock (Sync)
        {
            AddCatalog(catalog);
            _catalogs[catalog].TryAdd(schema.ToLowerInvariant(), new(StringComparer.OrdinalIgnoreCase));
        }
    }

    /// <summary>Creates a table as its owner would by hand (the schema must exist), e.g. one with extra columns.</summary>
    public DatabricksTable CreateTable(string fullName, params TableColumn[] columns)
    {
        var parts = fullName.Split('.');
        if (parts.Length != 3)
            throw new ArgumentException("use catalog.schema.table", nameof(fullName));
        lock (Sync)
        {
            var table = new DatabricksTable(parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), parts[2].ToLowerInvariant(), columns, "DELTA", null);
            _catalogs[parts[0]][parts[1]].Add(parts[2], table);
            return table;
        }
    }

    /// <summary>The table named <c>catalog.schema.table</c>, or null.</summary>
    public DatabricksTable? FindTable(string fullName)
    {
        var parts = fullName.Split('.');
        if (parts.Length != 3)
            throw new ArgumentException("use catalog.schema.table", nameof(fullName));
        lock (Sync)
            return Find(parts[0], parts[1], parts[2]);
    }

    /// <summary>A snapshot of the rows of <c>catalog.schema.table</c>; empty when the table does not exist.</summary>
    public IReadOnlyList<DatabricksRow> Rows(string fullName)
    {
        lock (Sync)
            return FindTable(fullName)?.RowList.ToArray() ?? [];
    }

    public IReadOnlyList<string> TableNames
    {
        get
        {
            lock (Sync)
                return _catalogs.Values.SelectMany(s => s.Values).SelectMany(t => t.Values).Select(t => t.FullName).Order(StringComparer.Ordinal).ToArray();
        }
    }

    private DatabricksTable? Find(string catalog, string schema, string table) =>
        _catalogs.TryGetValue(catalog, out var schemas) && schemas.TryGetValue(schema, out var tables) && tables.TryGetValue(table, out var found) ? found : null;

    /// <summary>Resolves a 1–3 part name against the request's default catalog and schema, like USE CATALOG/USE SCHEMA.</summary>
    internal static (string Catalog, string Schema, string Table) Resolve(IReadOnlyList<string> name, string defaultCatalog, string defaultSchema) => name.Count switch
    {
        3 => (name[0], name[1], name[2]),
        2 => (defaultCatalog, name[0], name[1]),
        _ => (defaultCatalog, defaultSchema, name[0]),
    };

    private static string Quote(string c, string s, string t) => $"`{c}`.`{s}`.`{t}`";

    /// <summary>Runs a compiled statement. Caller holds <see cref="Sync"/>. Returns the DML metrics (affected, inserted).</summary>
    internal (long Affected, long Inserted) Execute(SqlStatement statement, IReadOnlyDictionary<string, (string? Value, SqlType Type)> parameters, string defaultCatalog, string defaultSchema)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                if (create.Markers.Count > 0)
                    throw new SqlErrorException(SqlError.MarkerInDdl());
                Create(create, defaultCatalog, defaultSchema);
                return (0, 0);
            case MergeStatement merge:
                return Merge(merge, parameters, defaultCatalog, defaultSchema);
            default:
                throw new SqlErrorException(SqlError.NotModelled(statement.GetType().Name));
        }
    }

    private void Create(CreateTableStatement create, string defaultCatalog, string defaultSchema)
    {
        var (c, s, t) = Resolve(create.Name, defaultCatalog, defaultSchema);
        if (!_catalogs.TryGetValue(c, out var schemas))
            throw new SqlErrorException(SqlError.CatalogNotFound(c));
        if (!schemas.TryGetValue(s, out var tables))
            throw new SqlErrorException(SqlError.SchemaNotFound($"`{c}`.`{s}`"));
        if (tables.ContainsKey(t))
        {
            if (create.IfNotExists)
                return;
            throw new SqlErrorException(SqlError.TableAlreadyExists(Quote(c, s, t)));
        }
        var duplicate = create.Columns.GroupBy(col => col.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SqlErrorException(SqlError.Syntax($"duplicate column `{duplicate.Key}`"));
        var columns = create.Columns.Select(col => new TableColumn(col.Name.ToLowerInvariant(), col.Type, col.NotNull, col.Comment)).ToArray();
        tables[t] = new DatabricksTable(c.ToLowerInvariant(), s.ToLowerInvariant(), t.ToLowerInvariant(), columns, create.Format ?? "DELTA", create.Comment);
    }

    private (long, long) Merge(MergeStatement merge, IReadOnlyDictionary<string, (string? Value, SqlType Type)> parameters, string defaultCatalog, string defaultSchema)
    {
        var (c, s, t) = Resolve(merge.Target, defaultCatalog, defaultSchema);
        var table = Find(c, s, t) ?? throw new SqlErrorException(SqlError.TableNotFound(Quote(c, s, t)));

        // The source is one row: evaluate each SELECT item to a typed value.
        var source = new Dictionary<string, (object? Value, SqlType Type)>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in merge.Source)
            source[item.Alias] = Evaluate(item.Expression, parameters, _ => throw new SqlErrorException(SqlError.UnresolvedColumn(item.Alias)));

        (object? Value, SqlType Type) SourceColumn(ColumnReference r) =>
            (r.Qualifier is null || string.Equals(r.Qualifier, merge.SourceAlias, StringComparison.OrdinalIgnoreCase)) && source.TryGetValue(r.Column, out var v)
                ? v
                : throw new SqlErrorException(SqlError.UnresolvedColumn(r.Qualifier is null ? r.Column : $"{r.Qualifier}.{r.Column}"));

        // ON target.col = source.col, in either order.
        var (targetRef, sourceRef) = string.Equals(merge.OnLeft.Qualifier, merge.TargetAlias, StringComparison.OrdinalIgnoreCase) ? (merge.OnLeft, merge.OnRight) : (merge.OnRight, merge.OnLeft);
        if (!string.Equals(targetRef.Qualifier, merge.TargetAlias, StringComparison.OrdinalIgnoreCase))
            throw new SqlErrorException(SqlError.UnresolvedColumn($"{merge.OnLeft.Qualifier}.{merge.OnLeft.Column}"));
        var targetColumn = table.Column(targetRef.Column) ?? throw new SqlErrorException(SqlError.UnresolvedColumn($"{targetRef.Qualifier}.{targetRef.Column}"));
        var key = SourceColumn(sourceRef);
        var keyValue = SqlTypes.Cast(key.Value, key.Type, targetColumn.Type);

        // NULL never equals anything, so a NULL key is never matched.
        if (keyValue is not null && table.RowList.Any(row => Equals(row[targetColumn.Name], keyValue)))
            return (0, 0);

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in table.Columns)
            values[column.Name] = null;
        // INSERT * pairs columns by name; target columns the source lacks stay NULL (DBR 12.2+), source-only ones are ignored.
        var assignments = merge.InsertColumns is null
            ? table.Columns.Where(col => source.ContainsKey(col.Name)).Select(col => (col.Name, (SqlExpression)new ColumnReference(merge.SourceAlias, col.Name)))
            : merge.InsertColumns.Zip(merge.InsertValues, (name, value) => (name, value));
        foreach (var (name, expression) in assignments)
        {
            var column = table.Column(name) ?? throw new SqlErrorException(SqlError.UnresolvedColumn(name));
            var (value, type) = Evaluate(expression, parameters, SourceColumn);
            // Store assignment: the value is cast to the column's type with ANSI cast rules.
            values[column.Name] = SqlTypes.Cast(value, type, column.Type);
        }
        foreach (var column in table.Columns.Where(col => col.NotNull && values[col.Name] is null))
            throw new SqlErrorException(SqlError.NotNullViolated(column.Name));

        var row = new DatabricksRow(values);
        table.RowList.Add(row);
        RowInserted?.Invoke(table, row);
        return (1, 1);
    }

    private static (object? Value, SqlType Type) Evaluate(
        SqlExpression expression,
        IReadOnlyDictionary<string, (string? Value, SqlType Type)> parameters,
        Func<ColumnReference, (object? Value, SqlType Type)> column) => expression switch
    {
        Literal l => (l.Value, l.Type),
        ParameterMarker m => parameters.TryGetValue(m.Name, out var p)
            ? (SqlTypes.Cast(p.Value, SqlType.String, p.Type), p.Type)
            : throw new SqlErrorException(SqlError.UnboundParameter(m.Name)),
        CastExpression cast => Evaluate(cast.Operand, parameters, column) is var (v, t) ? (SqlTypes.Cast(v, t, cast.Type), cast.Type) : default,
        ColumnReference r => column(r),
        _ => throw new SqlErrorException(SqlError.NotModelled(expression.GetType().Name)),
    };
}
