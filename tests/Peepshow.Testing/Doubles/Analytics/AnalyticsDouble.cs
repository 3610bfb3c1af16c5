using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// What the Mixpanel, Amplitude and Segment doubles share: a Kestrel loopback endpoint, every request logged
/// (<see cref="RequestLog"/>), scripted faults (<see cref="FaultQueue"/>), and an event store that dedupes on the
/// provider's key the way the real service does, so a retried or replayed delivery shows up once. Each subclass
/// only decides, per request, what the real service would answer and which events it would keep (<see cref="Process"/>).
/// </summary>
public abstract class AnalyticsDouble(string provider, string path, string token) : IAsyncDisposable
{
    /// <summary>The token every double accepts when none is given (also the standalone default).</summary>
    public const string DemoToken = "demo-event-track-token";

    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly List<DroppedEvent> _dropped = [];
    private readonly HashSet<string> _identities = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    /// <summary><c>mixpanel</c>, <c>amplitude</c> or <c>segment</c>.</summary>
    public string Provider { get; } = provider;

    /// <summary>The ingestion path, e.g. <c>/track</c>.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// A reverse proxy in front of the service: each key is a path of the proxy, forwarded to the service path it maps
    /// to (e.g. <c>/collect/mp</c> → <c>/track</c>), for specs of an EVENT_TRACK_ENDPOINT with a path of its own.
    /// Set before the double starts.
    /// </summary>
    public IReadOnlyDictionary<string, string> ProxyRoutes { get; init; } = new Dictionary<string, string>();

    /// <summary>Every path this double answers: its own, any further endpoint the service has (<see cref="OtherPaths"/>), and the proxy's.</summary>
    public IReadOnlyList<string> Paths => [Path, .. OtherPaths, .. ProxyRoutes.Keys];

    /// <summary>The project token / API key / write key this double's project has.</summary>
    public string Token { get; } = token;

    /// <summary>HTTP-level faults for the next requests to this double, applied after logging.</summary>
    public FaultQueue Faults { get; } = new();

    /// <summary>Every request this double received, including refused and faulted ones.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Full ingestion URL once started, e.g. <c>http://127.0.0.1:41234/track</c>.</summary>
    public string Url => BaseUrl + Path;

    /// <summary>Scheme, host and port once started, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => (_server ?? throw new InvalidOperationException("the double is not started")).BaseUrl;

    /// <summary>Events the service kept, once per dedupe identity.</summary>
    public IReadOnlyList<StoredEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    /// <summary>Events the service answered with success but threw away (unknown token, too old, no user...).</summary>
    public IReadOnlyList<DroppedEvent> Dropped
    {
        get { lock (_gate) return [.. _dropped]; }
    }

    /// <summary>Called once per newly stored event (standalone mode prints it).</summary>
    public Action<StoredEvent>? OnStored { get; set; }

    public Action<DroppedEvent>? OnDropped { get; set; }

    /// <summary>
    /// Adds this double to <paramref name="app"/>. Its log and faults only see requests for its own path, so the
    /// three doubles can share one server (standalone mode).
    /// </summary>
    public void Map(WebApplication app)
    {
        var paths = Paths;
        app.UseWhen(context => paths.Any(p => context.Request.Path.Equals(p)), branch =>
        {
            branch.Use(Requests.InvokeAsync);
            branch.Use(Faults.InvokeAsync);
        });
        foreach (var path in paths)
            app.MapPost(path, HandleAsync);
    }

    /// <summary>The service's other ingestion endpoints on the same host (Mixpanel's <c>/import</c>); <see cref="Process"/> sees which one was called.</summary>
    protected virtual IReadOnlyList<string> OtherPaths => [];

    protected static async Task<T> ListenAsync<T>(T analyticsDouble, int port = 0) where T : AnalyticsDouble
    {
        analyticsDouble._server = await LoopbackServer.StartAsync(analyticsDouble.Map, port);
        return analyticsDouble;
    }

    /// <summary>
    /// What the real service answers to <paramref name="request"/> (body: <paramref name="body"/>) and which events it
    /// keeps or drops. A request through the <see cref="ProxyRoutes">proxy</see> arrives with the service path it was forwarded to.
    /// </summary>
    protected abstract Reply Process(HttpRequest request, string body);

    /// <summary>The media type without parameters, lower-case (<c>application/json</c>), or null.</summary>
    protected static string? MediaTypeOf(HttpRequest request) => request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();

    private async Task HandleAsync(HttpContext context)
    {
        // The request log saw the proxy's path; Process only ever sees the service's own paths.
        if (context.Request.Path.Value is { } proxied && ProxyRoutes.TryGetValue(proxied, out var target))
            context.Request.Path = target;
        using var reader = new StreamReader(context.Request.Body);
        var reply = Process(context.Request, await reader.ReadToEndAsync(context.RequestAborted));
        foreach (var ingested in reply.Ingested)
            Store(ingested);
        foreach (var dropped in reply.Dropped)
            Drop(dropped);

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private void Store(Ingested ingested)
    {
        lock (_gate)
        {
            if (ingested.Identity is { } identity && !_identities.Add(identity))
                return;
            _events.Add(ingested.Event);
        }
        OnStored?.Invoke(ingested.Event);
    }

    private void Drop(DroppedEvent dropped)
    {
        lock (_gate)
            _dropped.Add(dropped);
        OnDropped?.Invoke(dropped);
    }

    protected DroppedEvent Dropping(string reason, JsonObject raw) => new(Provider, reason, raw);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
