using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// A Stargate REST server in miniature (docs/sinks/cassandra.md), on a real loopback socket: X-Cassandra-Token auth
/// with the real 401 bodies, keyspaces and typed tables, Stargate's value parsing (v2 unquoting, v1 trimming),
/// upserts on the primary key, GET by key, the table-creation schema API, a v1/v2 flavour switch, and scripted faults.
/// Everything it stored can be inspected directly.
/// </summary>
public sealed partial class StargateDouble : IAsyncDisposable
{
    /// <summary>The token the double accepts unless told otherwise; also what standalone mode uses.</summary>
    public const string DemoToken = "peepshow-demo-token";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, TableState>> _keyspaces = new(StringComparer.Ordinal);
    private readonly Queue<StargateFault> _faults = new();
    private readonly List<StargateRequest> _requests = [];
    private LoopbackServer? _server;

    private StargateDouble(string? token, StargateFlavour flavour)
    {
        Token = token;
        Flavour = flavour;
    }

    /// <summary>The token every <c>/v2</c> request must carry; null runs the double without auth (like a Stargate with auth off).</summary>
    public string? Token { get; set; }

    public StargateFlavour Flavour { get; set; }

    /// <summary>
    /// Not Stargate: imitates a "Stargate-compatible" server that keeps text exactly as sent (no unquoting, no
    /// trimming), so specs can check what a client does against one. Off by default.
    /// </summary>
    public bool StoresTextLiterally { get; set; }

    /// <summary>Credentials <c>POST /v1/auth</c> exchanges for <see cref="Token"/>.</summary>
    public string Username { get; set; } = "cassandra";

    public string Password { get; set; } = "cassandra";

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>: what <c>CASSANDRA_URL</c> points at.</summary>
    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("not started");

    /// <summary>Raised after each row is stored, with the row as a GET would return it.</summary>
    public event Action<StargateStoredRow>? RowStored;

    public static async Task<StargateDouble> StartAsync(
        string? token = DemoToken, StargateFlavour flavour = StargateFlavour.V2, int port = 0, CancellationToken cancellationToken = default)
    {
        var stargate = new StargateDouble(token, flavour);
        stargate._server = await LoopbackServer.StartAsync(app => app.Run(stargate.HandleAsync), port, cancellationToken);
        return stargate;
    }

    // ---- arranging state ----

    public StargateDouble CreateKeyspace(string keyspace)
    {
        lock (_gate)
            _keyspaces.TryAdd(keyspace, new Dictionary<string, TableState>(StringComparer.Ordinal));
        return this;
    }

    /// <summary>Creates the table (and its keyspace if needed), as a user running CREATE TABLE would.</summary>
    public StargateDouble CreateTable(string keyspace, StargateTableSchema schema)
    {
        lock (_gate)
        {
            CreateKeyspace(keyspace);
            _keyspaces[keyspace][schema.Name] = new TableState(schema);
        }
        return this;
    }

    /// <summary>Queues faults; each upcoming request consumes one, in order.</summary>
    public void Fail(params StargateFault[] faults)
    {
        lock (_gate)
            foreach (var fault in faults)
                _faults.Enqueue(fault);
    }

    // ---- inspecting state ----

    public IReadOnlyList<StargateRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.ToArray();
        }
    }

    public int RequestCount
    {
        get
        {
            lock (_gate)
                return _requests.Count;
        }
    }

    public bool HasKeyspace(string keyspace)
    {
        lock (_gate)
            return _keyspaces.ContainsKey(keyspace);
    }

    public StargateTableSchema? Table(string keyspace, string table)
    {
        lock (_gate)
            return Find(keyspace, table)?.Schema;
    }

    public int RowCount(string keyspace, string table)
    {
        lock (_gate)
            return Find(keyspace, table)?.Rows.Count ?? 0;
    }

    /// <summary>
    /// The stored row with this primary key (CLR values: string, long, double, bool, DateTimeOffset, Guid, DateOnly;
    /// absent columns are null), or null when there is none.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Row(string keyspace, string table, params object[] primaryKey)
    {
        lock (_gate)
        {
            var state = Find(keyspace, table);
            if (state is null || !state.Rows.TryGetValue(TableState.KeyOf(primaryKey), out var row))
                return null;
            return state.Schema.Columns.ToDictionary(c => c.Name, c => row.GetValueOrDefault(c.Name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    // ---- the HTTP side ----

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new StargateRequest(context.Request.Method, target, headers, body);

        StargateFault? fault;
        lock (_gate)
        {
            _requests.Add(request);
            _faults.TryDequeue(out fault);
        }

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted);
        if (fault is { DropBefore: true })
        {
            context.Abort();
            return;
        }

        var reply = fault is { Status: > 0 }
            ? (fault.Body is null ? StargateReply.ForStatus(Flavour, fault.Status) : new StargateReply(fault.Status, fault.Body)) with { Headers = fault.Headers }
            : Process(request);

        if (fault is { DropAfter: true })
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        if (!string.IsNullOrEmpty(reply.Body))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private StargateReply Process(StargateRequest request)
    {
        var queryStart = request.Target.IndexOf('?');
        var path = queryStart < 0 ? request.Target : request.Target[..queryStart];
        var query = queryStart < 0 ? "" : request.Target[(queryStart + 1)..];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var post = request.Method == HttpMethods.Post;
        var get = request.Method == HttpMethods.Get;

        if (segments is ["v1", "auth"])
            return post ? IssueToken(request.Body) : MethodNotAllowed();
        if (segments is not ["v2", ..])
            return new StargateReply(404, "");

        if (Authenticate(request) is { } unauthorized)
            return unauthorized;

        lock (_gate)
        {
            return segments switch
            {
                ["v2", "schemas", "keyspaces"] => post ? AddKeyspace(request.Body) : MethodNotAllowed(),
                ["v2", "schemas", "keyspaces", var ks, "tables"] => post ? AddTable(ks, request.Body) : MethodNotAllowed(),
                ["v2", "keyspaces", var ks, var table] => post ? AddRow(ks, table, request.Body) : MethodNotAllowed(),
                ["v2", "keyspaces", var ks, var table, "rows"] when get => GetRows(ks, table, null, query),
                ["v2", "keyspaces", var ks, var table, .. var key] when get => GetRows(ks, table, key, query),
                _ => new StargateReply(404, ""),
            };
        }
    }

    private static StargateReply MethodNotAllowed() => new(405, "");

    private TableState? Find(string keyspace, string table) =>
        _keyspaces.TryGetValue(keyspace, out var tables) && tables.TryGetValue(table, out var state) ? state : null;
}
