namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// Why a statement FAILED, as Databricks reports it: a ServiceErrorCode, a message that starts with the
/// error condition in brackets and ends with its SQLSTATE, and the SQLSTATE on its own (docs/sinks/databricks.md).
/// </summary>
public sealed record SqlError(string ErrorCode, string Message, string SqlState)
{
    private static SqlError Of(string condition, string text, string sqlState, string errorCode = "BAD_REQUEST") =>
        new(errorCode, $"[{condition}] {text} SQLSTATE: {sqlState}", sqlState);

    public static SqlError TableNotFound(string quotedName) => Of("TABLE_OR_VIEW_NOT_FOUND",
        $"The table or view {quotedName} cannot be found. Verify the spelling and correctness of the schema and catalog.\n"
        + "If you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\n"
        + "To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.", "42P01");

    public static SqlError TableAlreadyExists(string quotedName) => Of("TABLE_OR_VIEW_ALREADY_EXISTS",
        $"Cannot create table or view {quotedName} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.", "42P07");

    public static SqlError SchemaNotFound(string quotedName) => Of("SCHEMA_NOT_FOUND",
        $"The schema {quotedName} cannot be found. Verify the spelling and correctness of the schema and catalog.", "42704");

    public static SqlError CatalogNotFound(string name) => Of("NO_SUCH_CATALOG_EXCEPTION",
        $"Catalog '{name}' was not found. Please verify the catalog name and then retry the query or command again.", "42704");

    public static SqlError ExtraInput(string token) => Of("PARSE_SYNTAX_ERROR", $"Syntax error at or near '{token}': extra input '{token}'.", "42601");

    public static SqlError Syntax(string near) => Of("PARSE_SYNTAX_ERROR", $"Syntax error at or near {near}.", "42601");

    public static SqlError UnboundParameter(string name) => Of("UNBOUND_SQL_PARAMETER",
        $"Found the unbound parameter: {name}. Please, fix `args` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as `map()`, `array()`, `struct()`.", "42P02");

    public static SqlError MarkerInDdl() => Of("UNSUPPORTED_FEATURE.PARAMETER_MARKER_IN_UNEXPECTED_STATEMENT",
        "The feature is not supported: Parameter markers are not allowed in DDL statements.", "0A000");

    public static SqlError CastInvalidInput(string value, string from, string to) => Of("CAST_INVALID_INPUT",
        $"The value '{value}' of the type \"{from}\" cannot be cast to \"{to}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.", "22018");

    public static SqlError CastNotSupported(string from, string to) => Of("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
        $"Cannot resolve CAST due to data type mismatch: cannot cast \"{from}\" to \"{to}\".", "42K09");

    public static SqlError UnresolvedColumn(string name) => Of("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
        $"A column, variable, or function parameter with name `{name}` cannot be resolved.", "42703");

    public static SqlError NotNullViolated(string column) => Of("DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
        $"NOT NULL constraint violated for column: {column}.", "23502");

    public static SqlError UnsupportedType(string type) => Of("UNSUPPORTED_DATATYPE", $"Unsupported data type \"{type}\".", "0A000");

    public static SqlError ConcurrentAppend(string quotedName) => Of("DELTA_CONCURRENT_APPEND.WITHOUT_HINT",
        $"ConcurrentAppendException: Transaction conflict detected. A concurrent MERGE added data to table {quotedName} committed at version 7. Please retry the operation.", "2D521", "ABORTED");

    public static SqlError InsufficientPermissions(string privilege, string quotedName) => Of("INSUFFICIENT_PERMISSIONS",
        $"Insufficient privileges:\nUser does not have {privilege} on Table '{quotedName}'.", "42501", "PERMISSION_DENIED");

    /// <summary>Valid SQL this double does not model; said plainly rather than pretending it is a syntax error.</summary>
    public static SqlError NotModelled(string what) => Of("DOUBLE_NOT_MODELLED",
        $"The Databricks test double only understands CREATE TABLE and MERGE INTO ... USING (SELECT ...) ... WHEN NOT MATCHED THEN INSERT; not {what}.", "0A000", "NOT_IMPLEMENTED");
}
