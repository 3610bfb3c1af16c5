using System.Text.Json;
using System.Text.Json.Nodes;
using static Peepshow.Testing.Doubles.Stargate.StargateFlavour;

namespace Peepshow.Testing.Doubles.Stargate;

// The endpoints. Messages follow the Stargate sources named in docs/sinks/cassandra.md (v2: sgv2-restapi's
// Sgv2RowsResourceImpl, RestResourceBase, ToProtoConverter, StatusRuntimeExceptionMapper; v1: the coordinator's
// RowsResource, Converters, RequestHandler). Where the source leaves a message to Cassandra, Cassandra's is used.
public sealed partial class StargateDouble
{
    public const string TokenHeader = "X-Cassandra-Token";

    private StargateReply? Authenticate(StargateRequest request)
    {
        if (Token is null)
            return null;
        var sent = request.Header(TokenHeader);
        if (string.IsNullOrEmpty(sent))
            return Flavour == V2
                ? StargateReply.Error(V2, 401, "Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.")
                : StargateReply.Error(V1, 401, "Role unauthorized for operation: Missing token");
        if (sent != Token)
            return Flavour == V2
                ? StargateReply.Grpc(401, "Unauthenticated gRPC operation", "UNAUTHENTICATED", "Invalid token")
                : StargateReply.Error(V1, 401, "Role unauthorized for operation: Invalid token");
        return null;
    }

    /// <summary><c>POST /v1/auth</c> (the coordinator's auth-api): username/password for a token.</summary>
    private StargateReply IssueToken(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || Parse(body) is not JsonObject credentials)
            return StargateReply.Error(V1, 400, "Must provide a body to the request");
        var username = credentials["username"]?.GetValueKind() == JsonValueKind.String ? (string?)credentials["username"] : null;
        var password = credentials["password"]?.GetValueKind() == JsonValueKind.String ? (string?)credentials["password"] : null;
        if (string.IsNullOrEmpty(username))
            return StargateReply.Error(V1, 400, "Must provide username in request");
        if (string.IsNullOrEmpty(password))
            return StargateReply.Error(V1, 400, "Must provide password in request");
        if (username != Username || password != Password)
            return StargateReply.Error(V1, 401, $"Failed to create token: Provided username {username} and/or password are incorrect");
        return StargateReply.Json(201, new JsonObject { ["authToken"] = Token ?? Guid.NewGuid().ToString() });
    }

    /// <summary><c>POST /v2/schemas/keyspaces</c> <c>{"name":"ks","replicas":1}</c>.</summary>
    private StargateReply AddKeyspace(string body)
    {
        if (Parse(body) is not JsonObject request || request["name"]?.GetValueKind() != JsonValueKind.String)
            return StargateReply.Error(Flavour, 400, "Keyspace name must be provided");
        var name = (string)request["name"]!;
        if (_keyspaces.ContainsKey(name))
            return AlreadyExists($"Cannot add existing keyspace \"{name}\"");
        CreateKeyspace(name);
        return StargateReply.Json(201, new JsonObject { ["name"] = name });
    }

    /// <summary><c>POST /v2/schemas/keyspaces/{ks}/tables</c>: create a table, or with <c>ifNotExists</c> accept an existing one.</summary>
    private StargateReply AddTable(string keyspace, string body)
    {
        if (Parse(body) is not JsonObject request)
            return StargateReply.Error(Flavour, 400, Flavour == V2 ? "Invalid JSON payload for table creation" : "Unable to process JSON");
        var name = request["name"]?.GetValueKind() == JsonValueKind.String ? (string?)request["name"] : null;
        if (string.IsNullOrEmpty(name))
            return StargateReply.Error(Flavour, 400, "Table name must be provided");
        if (!_keyspaces.TryGetValue(keyspace, out var tables))
            return Flavour == V2
                ? StargateReply.Grpc(400, "Invalid argument for gRPC operation", "INVALID_ARGUMENT", $"Keyspace '{keyspace}' doesn't exist")
                : StargateReply.Error(V1, 404, $"Resource not found: keyspace '{keyspace}' not found");

        if (tables.ContainsKey(name))
            return request["ifNotExists"]?.GetValueKind() == JsonValueKind.True
                ? StargateReply.Json(201, new JsonObject { ["name"] = name })
                : AlreadyExists($"Cannot add already existing table \"{name}\" to keyspace \"{keyspace}\"");

        var columns = new List<StargateColumn>();
        foreach (var definition in request["columnDefinitions"] as JsonArray ?? [])
        {
            var column = definition?["name"]?.GetValueKind() == JsonValueKind.String ? (string?)definition["name"] : null;
            var type = definition?["typeDefinition"]?.GetValueKind() == JsonValueKind.String ? (string?)definition["typeDefinition"] : null;
            if (string.IsNullOrEmpty(column) || !CqlTypes.TryParse(type, out var cqlType))
                return CassandraInvalid($"Unknown type {type} for column {column}");
            columns.Add(new StargateColumn(column, cqlType));
        }
        if (columns.Count == 0)
            return StargateReply.Error(Flavour, 400, "Column definitions must be provided");

        var partitionKey = Names(request["primaryKey"]?["partitionKey"]);
        var clusteringKey = Names(request["primaryKey"]?["clusteringKey"]);
        if (partitionKey.Count == 0)
            return CassandraInvalid("No PRIMARY KEY specifed for table (exactly one required)");
        if (partitionKey.Concat(clusteringKey).FirstOrDefault(k => columns.All(c => c.Name != k)) is { } unknown)
            return CassandraInvalid($"Unknown definition {unknown} referenced in PRIMARY KEY");

        tables[name] = new TableState(new StargateTableSchema(name, columns, partitionKey, clusteringKey));
        return StargateReply.Json(201, new JsonObject { ["name"] = name });

        static List<string> Names(JsonNode? node) =>
            (node as JsonArray ?? []).Select(n => n?.GetValueKind() == JsonValueKind.String ? (string)n! : "").ToList();
    }

    /// <summary><c>POST /v2/keyspaces/{ks}/{table}</c>: an INSERT, so an upsert on the primary key.</summary>
    private StargateReply AddRow(string keyspace, string table, string body)
    {
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(body);
            payload = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Flavour == V2
                ? StargateReply.Error(V2, 400, $"Invalid JSON payload: {ex.Message}")
                : StargateReply.Error(V1, 400, $"Unable to process JSON: {ex.Message}");
        }
        if (payload.ValueKind != JsonValueKind.Object)
            return Flavour == V2
                ? StargateReply.Error(V2, 400, $"Invalid JSON payload: Cannot deserialize value of type `java.util.LinkedHashMap` from {payload.ValueKind}")
                : StargateReply.Error(V1, 400, $"Unable to process JSON: Cannot deserialize instance of `java.util.LinkedHashMap` out of {payload.ValueKind} token");

        if (MissingTable(keyspace, table) is { } missing)
            return missing;
        var state = _keyspaces[keyspace][table];

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in payload.EnumerateObject())
        {
            var column = state.Schema.Column(field.Name);
            if (column is null)
                return Flavour == V2
                    ? StargateReply.Error(V2, 400, $"Invalid path for row to create, problem: Unknown field name '{field.Name}' (table '{table}'); known fields: [{string.Join(", ", state.Schema.Columns.Select(c => c.Name))}]")
                    : StargateReply.Error(V1, 400, $"Bad request: Unknown field name '{field.Name}' (table '{table}')");
            var json = field.Value;
            if (Convert("create", table, column, () => Literal(column, json) ?? StargateValues.FromJson(Flavour, column.Type, json), out var value) is { } invalid)
                return invalid;
            values[field.Name] = value;
        }

        // Cassandra's own checks on the INSERT, surfacing through the bridge (v2) or RequestHandler (v1).
        var missingKey = state.Schema.PrimaryKey.Where(k => !values.ContainsKey(k)).ToArray();
        if (missingKey.Length > 0)
            return CassandraInvalid($"Some {(missingKey.Any(state.Schema.PartitionKey.Contains) ? "partition" : "clustering")} key parts are missing: {string.Join(", ", missingKey)}");
        if (state.Schema.PrimaryKey.FirstOrDefault(k => values[k] is null) is { } nullKey)
            return CassandraInvalid($"Invalid null value in condition for column {nullKey}");
        if (state.Schema.PartitionKey.Count == 1 && values[state.Schema.PartitionKey[0]] is "")
            return CassandraInvalid("Key may not be empty");

        var row = state.Upsert(values);
        RowStored?.Invoke(new StargateStoredRow(keyspace, table, RowJson(state.Schema, row)));

        if (Flavour == V2)
            return new StargateReply(201, body); // v2 echoes the request payload verbatim
        var keys = new JsonObject();
        foreach (var key in state.Schema.PrimaryKey)
            keys[key] = JsonNode.Parse(payload.GetProperty(key).GetRawText()); // v1: only the key columns, as sent
        return StargateReply.Json(201, keys);
    }

    /// <summary><c>GET /v2/keyspaces/{ks}/{table}/{pk...}</c> (or <c>/rows</c> for all): <c>{"count":N,"data":[...]}</c>.</summary>
    private StargateReply GetRows(string keyspace, string table, IReadOnlyList<string>? key, string query)
    {
        if (MissingTable(keyspace, table) is { } missing)
            return missing;
        var state = _keyspaces[keyspace][table];
        var schema = state.Schema;

        IEnumerable<Dictionary<string, object?>> rows = state.Rows.Values;
        if (key is not null)
        {
            var keyColumns = schema.PrimaryKey.ToArray();
            if (key.Count < schema.PartitionKey.Count || key.Count > keyColumns.Length)
            {
                var problem = key.Count < schema.PartitionKey.Count
                    ? $"Number of key values provided ({key.Count}) less than number of partition keys ({schema.PartitionKey.Count})"
                    : $"Number of key values provided ({key.Count}) exceeds number of partition keys ({schema.PartitionKey.Count}) and clustering keys ({schema.ClusteringKey.Count})";
                return Flavour == V2
                    ? StargateReply.Error(V2, 400, $"Invalid path for row to find, problem: {problem}")
                    : StargateReply.Error(V1, 400, $"not enough partition keys provided: {problem}");
            }
            var prefix = new List<object?>();
            for (var i = 0; i < key.Count; i++)
            {
                var column = schema.Column(keyColumns[i])!;
                var segment = key[i];
                if (Convert("find", table, column, () => (StoresTextLiterally && column.Type.IsText() ? segment : null) ?? StargateValues.FromPath(Flavour, column.Type, segment), out var value) is { } invalid)
                    return invalid;
                prefix.Add(value);
            }
            rows = state.Matching(prefix);
        }

        var data = new JsonArray(rows.Select(r => (JsonNode)RowJson(schema, r)).ToArray());
        if (query.Split('&').Contains("raw=true", StringComparer.OrdinalIgnoreCase))
            return StargateReply.Json(200, data);
        return StargateReply.Json(200, new JsonObject { ["count"] = data.Count, ["data"] = data });
    }

    private string? Literal(StargateColumn column, JsonElement json) =>
        StoresTextLiterally && column.Type.IsText() && json.ValueKind == JsonValueKind.String ? json.GetString() : null;

    /// <summary>Runs one value conversion; on failure, the answer each generation gives for it.</summary>
    /// <param name="action">"create" or "find", as in v2's "Invalid path for row to create, problem: …".</param>
    private StargateReply? Convert(string action, string table, StargateColumn column, Func<object?> convert, out object? value)
    {
        value = null;
        try
        {
            value = convert();
            return null;
        }
        catch (StargateValues.InvalidValueException ex)
        {
            return Flavour == V2
                ? StargateReply.Error(V2, 400, $"Invalid path for row to {action}, problem: Failed to deserialize field '{table}.{column.Name}', problem: {ex.Message}")
                : StargateReply.Error(V1, 400, $"Bad request: {ex.Message}");
        }
        catch (StargateValues.ServerCrashException ex)
        {
            return StargateReply.Error(Flavour, 500, $"Server error: {ex.Message}");
        }
    }

    private StargateReply? MissingTable(string keyspace, string table)
    {
        if (!_keyspaces.TryGetValue(keyspace, out var tables))
            return Flavour == V2
                ? StargateReply.Error(V2, 400, $"Keyspace '{keyspace}' not found")
                : StargateReply.Error(V1, 404, $"Resource not found: keyspace '{keyspace}' not found");
        if (!tables.ContainsKey(table))
            return Flavour == V2
                ? StargateReply.Error(V2, 400, $"Table '{table}' not found (in keyspace '{keyspace}')")
                : StargateReply.Error(V1, 404, $"Resource not found: table '{table}' not found");
        return null;
    }

    /// <summary>A row as Cassandra's SELECT * returns it: key columns first, then the rest by name; unset columns null.</summary>
    private JsonObject RowJson(StargateTableSchema schema, Dictionary<string, object?> row)
    {
        var json = new JsonObject();
        var order = schema.PrimaryKey.Concat(schema.Columns.Select(c => c.Name).Except(schema.PrimaryKey).Order(StringComparer.Ordinal));
        foreach (var column in order)
            json[column] = StargateValues.ToJson(Flavour, row.GetValueOrDefault(column));
        return json;
    }

    private StargateReply CassandraInvalid(string message) =>
        Flavour == V2
            ? StargateReply.Grpc(400, "Invalid argument for gRPC operation", "INVALID_ARGUMENT", message)
            : StargateReply.Error(V1, 400, $"Bad request: {message}");

    private StargateReply AlreadyExists(string message) =>
        Flavour == V2
            ? StargateReply.Grpc(409, "Resource already exists", "ALREADY_EXISTS", message)
            : StargateReply.Error(V1, 409, message);

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
