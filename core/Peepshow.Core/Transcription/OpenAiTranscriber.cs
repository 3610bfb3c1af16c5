using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Peepshow.Http;
using Peepshow.Protocol.Payload;
using Polly.Timeout;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Any OpenAI-compatible <c>POST /v1/audio/transcriptions</c> (OpenAI, Groq, local servers via
/// <c>PEEPSHOW_TRANSCRIBE_ENDPOINT</c>): multipart upload of <c>audio.m4a</c>, <c>verbose_json</c> with segment
/// timestamps back. Audio over the upload limit is cut into chunks whose segments are merged with their offsets.
/// Retries follow the sinks' <see cref="RetryPolicy"/> through the same <see cref="HttpRetry"/> pipeline, with the
/// transcription's own limits (<see cref="Policy"/>); a 429 for an exhausted quota is not retried.
/// </summary>
public sealed partial class OpenAiTranscriber : ITranscriber
{
    private readonly OpenAiPreset _preset;
    private readonly TranscriptionSettings _settings;
    private readonly string? _apiKey;

    public OpenAiTranscriber(OpenAiPreset preset, TranscriptionSettings settings)
    {
        _preset = preset;
        _settings = settings;
        _apiKey = settings.Get(preset.KeyVariable);
        Model = settings.Model ?? preset.DefaultModel;
        var endpoint = settings.Endpoint ?? preset.DefaultEndpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            ConfigurationProblem = $"{TranscriptionEnv.Endpoint} '{endpoint}' is not an http(s) URL";
            return;
        }
        Url = TranscriptionsUrl(baseUri);
        ConfigurationProblem = CheckConfiguration();
    }

    public string Name => _preset.Name;

    public string Model { get; }

    public bool NeedsWav => false;

    /// <summary>The full <c>.../v1/audio/transcriptions</c> URL requests go to.</summary>
    public Uri? Url { get; }

    /// <summary>Why this provider cannot run as configured (no key, key over plain http...), or null.</summary>
    public string? ConfigurationProblem { get; }

    /// <summary>
    /// The shared retry rules with this provider's limits: <c>PEEPSHOW_TRANSCRIBE_TIMEOUT_SECONDS</c> bounds each request
    /// with its retries, and an interactive run sits through a <c>Retry-After</c> of at most a minute.
    /// </summary>
    public static RetryPolicy Policy(TranscriptionSettings settings) => RetryPolicy.Default with
    {
        MaxAttempts = settings.MaxAttempts,
        BaseDelay = settings.RetryBaseDelay,
        Overall = settings.Timeout,
        PerAttempt = settings.Timeout,
        LongestWait = settings.MaxRetryAfter,
    };

    public async Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        if (ConfigurationProblem is { } problem)
            throw new TranscriptionSkippedException(problem);

        var chunks = await AudioChunker.SplitAsync(request.FfmpegPath, request.AudioPath, request.DurationSeconds, _settings.MaxUploadBytes, request.WorkDir, cancellationToken);
        // Timeouts belong to the retry pipeline, so that a timed-out attempt is retried like any other transient failure.
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) }) { Timeout = Timeout.InfiniteTimeSpan };

        var segments = new List<TranscriptSegment>();
        string? language = null;
        foreach (var chunk in chunks)
        {
            var chunkSeconds = chunks.Count == 1 ? request.DurationSeconds : ChunkEnd(chunks, chunk, request.DurationSeconds) - chunk.StartSeconds;
            var response = await TranscribeChunkAsync(http, chunk.Path, chunkSeconds, cancellationToken);
            language ??= response.Language;
            segments.AddRange(Transcripts.Shift(response.Segments, chunk.StartSeconds));
        }
        return Transcripts.Build(Name, Model, language ?? (_settings.IsLanguageAuto ? null : _settings.Language), request.DurationSeconds, segments);
    }

    private static double ChunkEnd(IReadOnlyList<AudioChunk> chunks, AudioChunk chunk, double total)
    {
        var next = chunks.SkipWhile(c => c != chunk).Skip(1).FirstOrDefault();
        return next?.StartSeconds ?? total;
    }

    private async Task<(string? Language, IReadOnlyList<TranscriptSegment> Segments)> TranscribeChunkAsync(HttpClient http, string path, double seconds, CancellationToken cancellationToken)
    {
        var policy = Policy(_settings);
        // Models such as gpt-4o-transcribe only answer plain json; on their 400 we ask again for text alone.
        var verbose = true;
        while (true)
        {
            var attempts = 0;
            HttpRetryResult result;
            try
            {
                result = await HttpRetry.SendAsync(policy, async ct =>
                {
                    attempts++;
                    using var message = BuildRequest(path, verbose);
                    return await http.SendAsync(message, ct);
                }, TimeProvider.System, cancellationToken, isPermanent: IsQuotaExhaustedAsync);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
            {
                var why = ex is TimeoutRejectedException ? $"no answer within {_settings.Timeout.TotalSeconds:0} s" : ex.InnerException?.Message ?? ex.Message;
                throw new TranscriptionSkippedException($"{Name}: cannot reach {Url!.Host} after {attempts} attempts ({why})", ex);
            }

            using var response = result.Response;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return ParseSuccess(body, seconds, verbose);

            var error = ErrorMessage(body);
            if (result.Refused is { } refused)
                throw new TranscriptionSkippedException($"{Name} is rate limiting (HTTP {status}) and asks to wait {refused.Asked.TotalSeconds:0} s; try again later");
            switch (status)
            {
                case 401 or 403:
                    // The server's message can echo part of the key, so it is not repeated here.
                    throw new TranscriptionSkippedException(_apiKey is null
                        ? $"{Name} needs an API key (HTTP {status}): set {_preset.KeyVariable}"
                        : $"{Name} rejected the API key (HTTP {status}): check {_preset.KeyVariable}");
                case 400 when verbose && error?.Contains("response_format", StringComparison.OrdinalIgnoreCase) == true:
                    verbose = false;
                    continue;
                case 429 when ErrorCode(body) == "insufficient_quota":
                    throw new TranscriptionSkippedException($"{Name}: the account is out of quota (HTTP 429): {error}");
                default:
                    var after = RetryPolicy.IsRetryable(response.StatusCode) ? $" {(error is null ? "" : $"({error}) ")}after {attempts} attempts" : error is null ? "" : $": {error}";
                    throw new TranscriptionSkippedException($"{Name} answered HTTP {status}{after}");
            }
        }
    }

    /// <summary>OpenAI answers an exhausted quota with a 429 that no wait will fix.</summary>
    private static async ValueTask<bool> IsQuotaExhaustedAsync(HttpResponseMessage response) =>
        (int)response.StatusCode == 429 && ErrorCode(await response.Content.ReadAsStringAsync()) == "insufficient_quota";

    private HttpRequestMessage BuildRequest(string path, bool verbose)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/mp4");
        // Quoted names: .NET writes them bare by default, which some multipart parsers reject.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"audio.m4a\"" };
        form.Add(file);
        AddField(form, "model", Model);
        AddField(form, "response_format", verbose ? "verbose_json" : "json");
        if (verbose)
            AddField(form, "timestamp_granularities[]", "segment");
        if (!_settings.IsLanguageAuto)
            AddField(form, "language", _settings.Language);

        var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = form };
        if (_apiKey is not null)
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return message;
    }

    private static void AddField(MultipartFormDataContent form, string name, string value)
    {
        var content = new StringContent(value);
        content.Headers.ContentType = null;
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"" };
        form.Add(content);
    }

    private (string? Language, IReadOnlyList<TranscriptSegment> Segments) ParseSuccess(string body, double seconds, bool verbose)
    {
        OpenAiTranscriptionJson? json;
        try
        {
            json = JsonSerializer.Deserialize(body, CoreJsonContext.Default.OpenAiTranscriptionJson);
        }
        catch (JsonException ex)
        {
            throw new TranscriptionSkippedException($"{Name} answered with JSON peepshow cannot read: {ex.Message}", ex);
        }
        if (json is null)
            throw new TranscriptionSkippedException($"{Name} answered with an empty body");
        if (json.Segments is { } segments && verbose)
            return (json.Language, segments.Select(s => new TranscriptSegment(s.Start, s.End, s.Text ?? "")).ToList());
        // Text without timestamps (plain json, or a server that ignores verbose_json): one segment for the chunk.
        return (json.Language, string.IsNullOrWhiteSpace(json.Text) ? [] : [new TranscriptSegment(0, json.Duration ?? seconds, json.Text)]);
    }

    private string? CheckConfiguration()
    {
        var isDefaultEndpoint = _settings.Endpoint is null;
        if (_apiKey is null && isDefaultEndpoint)
            return $"{Name} needs an API key: set {_preset.KeyVariable} (or {TranscriptionEnv.Endpoint} for a local server)";
        if (_apiKey is not null && Url!.Scheme == "http" && !Loopback.IsLoopback(Url) && _settings.Get(TranscriptionEnv.AllowInsecureHttp) != "1")
            return $"refusing to send {_preset.KeyVariable} over plain http to {Url.Host}; use https or set {TranscriptionEnv.AllowInsecureHttp}=1";
        return null;
    }

    /// <summary>Accepts a bare host, a <c>/v1</c> base or the full path, as users paste all three.</summary>
    private static Uri TranscriptionsUrl(Uri baseUri)
    {
        var path = baseUri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/audio/transcriptions", StringComparison.Ordinal))
            return baseUri;
        var suffix = path.EndsWith("/v1", StringComparison.Ordinal) ? "/audio/transcriptions" : "/v1/audio/transcriptions";
        return new UriBuilder(baseUri) { Path = path + suffix }.Uri;
    }

    private static string? ErrorMessage(string body)
    {
        var message = TryParseError(body)?.Error?.Message ?? (body.Length > 0 && body.Length < 300 && !body.TrimStart().StartsWith('<') ? body.Trim() : null);
        if (string.IsNullOrWhiteSpace(message))
            return null;
        message = SecretPattern().Replace(message, "[redacted]");
        return message.Length > 200 ? message[..200] + "…" : message;
    }

    private static string? ErrorCode(string body) =>
        TryParseError(body)?.Error?.Code is { ValueKind: JsonValueKind.String } code ? code.GetString() : null;

    private static OpenAiErrorJson? TryParseError(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, CoreJsonContext.Default.OpenAiErrorJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Anything that looks like an API key (sk-..., gsk_..., long opaque tokens) never reaches a skippedReason.
    [GeneratedRegex(@"\b(sk-|gsk_|key-)[A-Za-z0-9_\-\*\.]{6,}|\b[A-Za-z0-9_\-]{32,}\b")]
    private static partial Regex SecretPattern();
}
