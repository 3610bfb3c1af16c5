using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// The Databricks SQL Statement Execution API 2.0 (docs/sinks/databricks.md) on a loopback Kestrel:
/// Bearer auth (401/403 with the real bodies, the 403 one with a numeric error_code), request validation
/// (400 INVALID_PARAMETER_VALUE), one statement per request, named parameters with CAST semantics, the
/// PENDING → RUNNING → terminal state machine with wait_timeout/on_wait_timeout, polling, cancel, 404 for
/// unknown statements, FAILED as HTTP 200, and an in-memory Unity Catalog that really stores MERGEd rows.
/// Faults: <see cref="Faults"/> (HTTP level: 429 + Retry-After, 5xx, drops, drops after commit, delays),
/// <see cref="FailNextStatement"/> (statement level, e.g. DELTA_CONCURRENT_APPEND), and slow statements
/// through <see cref="RunningPolls"/> and <see cref="ExecutionTime"/>.
/// </summary>
public sealed partial class DatabricksDouble : IAsyncDisposable
{
    public const string ApiPath = "/api/2.0/sql/statements";

    /// <summary>The token the standalone double accepts unless <see cref="TokenEnv"/> says otherwise.</summary>
    public const string DemoToken = "dapi-peepshow-demo";

    public const string DemoWarehouseId = "5eed0demo0warehouse";

    public const string TokenEnv = "DATABRICKS_DOUBLE_TOKEN";

    public const string WarehouseIdEnv = "DATABRICKS_DOUBLE_WAREHOUSE_ID";

    private readonly Dictionary<string, StatementRun> _statements = new(StringComparer.Ordinal);
    private readonly List<(Func<string, bool> When, SqlError Error)> _statementFaults = [];
    private readonly Lock _lock = new();
    private LoopbackServer? _server;

    private DatabricksDouble(string token, string warehouseId)
    {
        Token = token;
        WarehouseId = warehouseId;
    }

    public static async Task<DatabricksDouble> StartAsync(string token = DemoToken, string warehouseId = DemoWarehouseId, int port = 0, CancellationToken cancellationToken = default)
    {
        var fake = new DatabricksDouble(token, warehouseId);
        fake._server = await LoopbackServer.StartAsync(fake.Map, port, cancellationToken);
        return fake;
    }

    public string BaseUrl => _server!.BaseUrl;

    public string Token { get; }

    public string WarehouseId { get; }

    public DatabricksWorkspace Workspace { get; } = new();

    /// <summary>HTTP-level faults for the next matching requests, applied after logging and before auth.</summary>
    public FaultQueue Faults { get; } = new();

    /// <summary>Every request received, including rejected ones.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>For statements submitted from now on: how many polls answer RUNNING before the terminal state.</summary>
    public int RunningPolls { get; set; }

    /// <summary>For statements submitted from now on: wall-clock time they take to execute (a slow statement).</summary>
    public TimeSpan ExecutionTime { get; set; }

    /// <summary>Statements accepted (HTTP 200), in order.</summary>
    public IReadOnlyList<SubmittedStatement> Statements
    {
        get
        {
            lock (_lock)
                return _statements.Values.Select(r => r.Submitted).ToArray();
        }
    }

    /// <summary>The current state of a statement, e.g. CANCELED; null when unknown.</summary>
    public string? StateOf(string statementId)
    {
        lock (_lock)
            return _statements.TryGetValue(statementId, out var run) ? run.State : null;
    }

    /// <summary>The next statement whose SQL matches fails with <paramref name="error"/> instead of executing (nothing is committed).</summary>
    public void FailNextStatement(SqlError error, Func<string, bool>? when = null, int times = 1)
    {
        lock (_lock)
            for (var i = 0; i < times; i++)
                _statementFaults.Add((when ?? (_ => true), error));
    }

    /// <summary>For <see cref="FailNextStatement"/>: statements starting with a keyword, e.g. <c>"MERGE"</c>.</summary>
    public static Func<string, bool> StartingWith(string keyword) => sql => sql.TrimStart().StartsWith(keyword, StringComparison.OrdinalIgnoreCase);

    private void Map(WebApplication app)
    {
        app.Use(Requests.InvokeAsync);
        app.Use(Faults.InvokeAsync);
        app.Use(AuthenticateAsync);
        app.MapPost(ApiPath, (Delegate)ExecuteAsync);
        app.MapGet(ApiPath + "/{id}", (string id) => Get(id));
        app.MapPost(ApiPath + "/{id}/cancel", (string id) => Cancel(id));
        app.MapFallback((HttpContext context) => Error(404, "ENDPOINT_NOT_FOUND", $"No API found for '{context.Request.Method} {context.Request.Path}'"));
    }

    // Missing credentials → 401 UNAUTHENTICATED; a wrong token → the legacy 403 whose error_code is a number.
    private async Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var header = context.Request.Headers.Authorization.ToString();
        IResult? rejection = null;
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length == "Bearer ".Length)
            rejection = Error(401, "UNAUTHENTICATED", "Credential was not sent or was of an unsupported type for this API.");
        else if (!string.Equals(header["Bearer ".Length..], Token, StringComparison.Ordinal))
            rejection = Json(403, new JsonObject { ["error_code"] = 403, ["message"] = "Invalid access token." }, ("X-Databricks-Reason-Phrase", "Invalid access token."));
        if (rejection is null)
            await next(context);
        else
            await rejection.ExecuteAsync(context);
    }

    private async Task<IResult> ExecuteAsync(HttpContext context)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(400, "MALFORMED_REQUEST", $"Could not parse request object: {ex.Message}");
        }
        using (doc)
        {
            var (submitted, rejection) = Validate(doc.RootElement);
            if (rejection is not null)
                return rejection;

            var run = new StatementRun(submitted!, RunningPolls, ExecutionTime);
            lock (_lock)
                _statements[submitted!.Id] = run;

            if (submitted.WaitTimeoutSeconds == 0)
                return Json(200, Snapshot(run));

            // Wait for completion up to wait_timeout. RunningPolls simulates a statement that outlasts any wait
            // without spending the wall-clock time; ExecutionTime really takes the time.
            if (run.RunningPollsLeft == 0)
            {
                var remaining = run.Remaining;
                var wait = TimeSpan.FromSeconds(submitted.WaitTimeoutSeconds);
                if (remaining > TimeSpan.Zero)
                    await Task.Delay(remaining < wait ? remaining : wait, context.RequestAborted);
                if (run.Remaining <= TimeSpan.Zero)
                {
                    Complete(run);
                    return Json(200, Snapshot(run));
                }
            }
            lock (_lock)
                if (!run.IsTerminal)
                    run.State = submitted.OnWaitTimeout == "CANCEL" ? "CANCELED" : "RUNNING";
            return Json(200, Snapshot(run));
        }
    }

    private IResult Get(string id)
    {
        StatementRun? run;
        lock (_lock)
        {
            if (!_statements.TryGetValue(id, out run))
                return NotFound(id);
            if (run.IsTerminal)
                return Json(200, run.ToJson());
            if (run.RunningPollsLeft > 0 || run.Remaining > TimeSpan.Zero)
            {
                run.RunningPollsLeft = Math.Max(0, run.RunningPollsLeft - 1);
                run.State = "RUNNING";
                return Json(200, run.ToJson());
            }
        }
        Complete(run);
        return Json(200, Snapshot(run));
    }

    private IResult Cancel(string id)
    {
        lock (_lock)
        {
            if (!_statements.TryGetValue(id, out var run))
                return NotFound(id);
            // Best effort, like the real API: a statement that already finished keeps its state.
            if (!run.IsTerminal)
                run.State = "CANCELED";
        }
        return Json(200, new JsonObject());
    }

    /// <summary>Executes a statement that has finished "running": compile, bind, run against the workspace.</summary>
    private void Complete(StatementRun run)
    {
        lock (Workspace.Sync)
        lock (_lock)
        {
            if (run.IsTerminal)
                return;
            var sql = run.Submitted.Sql;
            var fault = _statementFaults.FindIndex(f => f.When(sql));
            if (fault >= 0)
            {
                run.Fail(_statementFaults[fault].Error);
                _statementFaults.RemoveAt(fault);
                return;
            }
            try
            {
                var statement = DatabricksSql.Compile(sql);
                var parameters = new Dictionary<string, (string? Value, SqlType Type)>(StringComparer.Ordinal);
                foreach (var p in run.Submitted.Parameters)
                    parameters[p.Name] = (p.Value, SqlTypes.Parse(p.Type ?? "STRING") ?? throw new SqlErrorException(SqlError.UnsupportedType(p.Type!)));
                foreach (var marker in statement.Markers.Where(m => !parameters.ContainsKey(m)))
                    throw new SqlErrorException(SqlError.UnboundParameter(marker));
                var metrics = Workspace.Execute(statement, parameters, run.Submitted.Catalog ?? "main", run.Submitted.Schema ?? "default");
                run.Succeed(statement is CreateTableStatement, metrics);
            }
            catch (SqlErrorException ex)
            {
                run.Fail(ex.Error);
            }
        }
    }

    private JsonObject Snapshot(StatementRun run)
    {
        lock (_lock)
            return run.ToJson();
    }

    /// <summary>Checks an ExecuteStatementRequest the way the API does before accepting it (400 otherwise).</summary>
    private (SubmittedStatement? Statement, IResult? Rejection) Validate(JsonElement body)
    {
        static IResult Invalid(string message) => Error(400, "INVALID_PARAMETER_VALUE", message);

        if (body.ValueKind != JsonValueKind.Object)
            return (null, Error(400, "MALFORMED_REQUEST", "Could not parse request object: expected an object"));
        string? Text(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Present(string name) => body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

        foreach (var name in new[] { "statement", "warehouse_id", "catalog", "schema", "wait_timeout", "on_wait_timeout", "disposition", "format" })
            if (Present(name) && Text(name) is null)
                return (null, Error(400, "MALFORMED_REQUEST", $"Invalid value for field '{name}': expected a string"));

        var statement = Text("statement");
        if (string.IsNullOrWhiteSpace(statement))
            return (null, Invalid("statement is required"));
        if (Encoding.UTF8.GetByteCount(statement) > 16 * 1024 * 1024)
            return (null, Invalid("statement exceeds the 16 MiB limit"));
        var warehouse = Text("warehouse_id");
        if (string.IsNullOrEmpty(warehouse))
            return (null, Invalid("warehouse_id is required"));
        if (warehouse != WarehouseId)
            return (null, Invalid($"Warehouse {warehouse} does not exist or you do not have access to it."));

        var waitText = Text("wait_timeout") ?? "10s";
        var wait = WaitPattern().Match(waitText) is { Success: true } w && int.TryParse(w.Groups[1].Value, out var seconds) && (seconds == 0 || seconds is >= 5 and <= 50) ? seconds : -1;
        if (wait < 0)
            return (null, Invalid($"wait_timeout must be 0s or between 5s and 50s, got '{waitText}'"));
        var onWait = Text("on_wait_timeout") ?? "CONTINUE";
        if (onWait is not ("CONTINUE" or "CANCEL"))
            return (null, Invalid($"on_wait_timeout must be CONTINUE or CANCEL, got '{onWait}'"));
        var disposition = Text("disposition") ?? "INLINE";
        var format = Text("format") ?? "JSON_ARRAY";
        if (disposition is not ("INLINE" or "EXTERNAL_LINKS"))
            return (null, Invalid($"disposition must be INLINE or EXTERNAL_LINKS, got '{disposition}'"));
        if (format is not ("JSON_ARRAY" or "ARROW_STREAM" or "CSV"))
            return (null, Invalid($"format must be JSON_ARRAY, ARROW_STREAM or CSV, got '{format}'"));
        if (disposition == "INLINE" && format != "JSON_ARRAY")
            return (null, Invalid($"format {format} requires disposition EXTERNAL_LINKS"));

        var parameters = new List<SubmittedParameter>();
        if (body.TryGetProperty("parameters", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
                return (null, Error(400, "MALFORMED_REQUEST", "Invalid value for field 'parameters': expected an array"));
            foreach (var p in list.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(n.GetString()))
                    return (null, Invalid("every parameter needs a name"));
                string? value = null, type = null;
                if (p.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null)
                {
                    if (v.ValueKind != JsonValueKind.String)
                        return (null, Error(400, "MALFORMED_REQUEST", $"Invalid value for field 'parameters.value' of '{n.GetString()}': expected a string"));
                    value = v.GetString();
                }
                if (p.TryGetProperty("type", out var t) && t.ValueKind != JsonValueKind.Null)
                {
                    if (t.ValueKind != JsonValueKind.String)
                        return (null, Error(400, "MALFORMED_REQUEST", $"Invalid value for field 'parameters.type' of '{n.GetString()}': expected a string"));
                    type = t.GetString();
                    if (ComplexTypePattern().IsMatch(type!))
                        return (null, Invalid($"Parameter {n.GetString()}: ARRAY, MAP and STRUCT are not supported as parameter types; pass JSON text as STRING and convert it with from_json()"));
                }
                parameters.Add(new SubmittedParameter(n.GetString()!, type, value));
            }
        }

        var id = NewStatementId();
        return (new SubmittedStatement(id, statement, parameters, Text("catalog"), Text("schema"), wait, onWait), null);
    }

    private static string NewStatementId() => "01f0" + Guid.NewGuid().ToString()[4..];

    private static IResult NotFound(string id) => Error(404, "NOT_FOUND", $"Statement {id} not found. Statements are kept for a limited time after they finish.");

    private static IResult Error(int status, string code, string message) =>
        Json(status, new JsonObject { ["error_code"] = code, ["message"] = message });

    private static IResult Json(int status, JsonNode body, params (string Name, string Value)[] headers) =>
        new JsonResult(status, body.ToJsonString(), headers);

    /// <summary>Writes to Response.Body (not BodyWriter) so a fault that buffers the answer can throw it away.</summary>
    private sealed class JsonResult(int status, string json, (string Name, string Value)[] headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
                context.Response.Headers[name] = value;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    [GeneratedRegex(@"^(\d+)s$")]
    private static partial Regex WaitPattern();

    [GeneratedRegex(@"^\s*(ARRAY|MAP|STRUCT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ComplexTypePattern();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
