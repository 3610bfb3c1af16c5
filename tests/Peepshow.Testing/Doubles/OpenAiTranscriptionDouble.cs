using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Testing.Http;
using Peepshow.Core.Processes;

namespace Peepshow.Testing.Doubles;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/audio/transcriptions</c> on loopback. Checks what the real API checks
/// (Bearer key, multipart <c>file</c> and <c>model</c>, response_format, upload size), answers with the real
/// error bodies, and transcribes by measuring the uploaded audio (an MP4/M4A by its own header, anything else with
/// ffprobe): two segments per upload, splitting its real duration in half, in verbose_json (with OpenAI's full
/// language name).
/// </summary>
public sealed class OpenAiTranscriptionDouble : IAsyncDisposable
{
    public const string ApiKey = "sk-test-peepshow-double-key-0123456789";

    private LoopbackServer? _server;

    /// <summary>null: no key needed (a local server).</summary>
    public string? RequiredApiKey { get; init; } = ApiKey;

    /// <summary>Uploads above this get the real 413 answer.</summary>
    public long MaxUploadBytes { get; init; } = 25 * 1024 * 1024;

    public ConcurrentQueue<ScriptedReply> Script { get; } = new();

    public ConcurrentQueue<RecordedUpload> Requests { get; } = new();

    public Uri BaseUrl => _server?.BaseUri ?? throw new InvalidOperationException("not started");

    public async Task<OpenAiTranscriptionDouble> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        _server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/audio/transcriptions", (Delegate)HandleAsync), port, cancellationToken);
        return this;
    }

    public static async Task RunStandaloneAsync(int port, CancellationToken cancellationToken)
    {
        await using var server = await new OpenAiTranscriptionDouble().StartAsync(port, cancellationToken);
        Console.WriteLine($"listening on {server.BaseUrl} (key {ApiKey})");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public static string Error(string message, string type, string? code) =>
        JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string?>>
        {
            ["error"] = new() { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        }, DoublesJsonContext.Default.DictionaryStringDictionaryStringString);

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? fileName = null;
        long fileBytes = 0;
        double? seconds = null;

        IResult Reply(int status, string body, TimeSpan? retryAfter = null)
        {
            Requests.Enqueue(new RecordedUpload(DateTimeOffset.UtcNow, auth.Length == 0 ? null : auth, fields, fileName, fileBytes, seconds, status));
            if (retryAfter is { } wait)
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Text(body, "application/json", Encoding.UTF8, status);
        }

        if (RequiredApiKey is not null && auth != $"Bearer {RequiredApiKey}")
        {
            var shown = auth.StartsWith("Bearer ", StringComparison.Ordinal) && auth.Length > 14 ? $"{auth[7..10]}***{auth[^4..]}" : "";
            return auth.Length == 0
                ? Reply(401, Error("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null))
                : Reply(401, Error($"Incorrect API key provided: {shown}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));
        }
        if (Script.TryDequeue(out var scripted))
            return Reply(scripted.Status, scripted.Body, scripted.RetryAfter);

        if (!context.Request.HasFormContentType)
            return Reply(400, Error("Could not parse multipart form", "invalid_request_error", null));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        foreach (var (key, value) in form)
            fields[key] = value.ToString();
        var file = form.Files.GetFile("file");
        fileName = file?.FileName;
        fileBytes = file?.Length ?? 0;

        if (file is null)
            return Reply(400, Error("1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)", "invalid_request_error", null));
        if (!fields.TryGetValue("model", out var model) || model.Length == 0)
            return Reply(400, Error("you must provide a model parameter", "invalid_request_error", null));
        if (file.Length > MaxUploadBytes)
            return Reply(413, Error($"Maximum content size limit ({MaxUploadBytes}) exceeded ({file.Length} bytes read)", "server_error", null));
        var format = fields.GetValueOrDefault("response_format", "json");
        if (format is not ("json" or "text" or "srt" or "verbose_json" or "vtt"))
            return Reply(400, Error($"'{format}' is not one of ['json', 'text', 'srt', 'verbose_json', 'vtt'] - 'response_format'", "invalid_request_error", null));
        if (format == "verbose_json" && model.StartsWith("gpt-4o", StringComparison.Ordinal))
            return Reply(400, Error($"response_format 'verbose_json' is not compatible with model '{model}'. Use 'json' or 'text' instead.", "invalid_request_error", "unsupported_value"));

        seconds = await MeasureAsync(file, context.RequestAborted);
        if (seconds is null)
            return Reply(400, Error("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']", "invalid_request_error", null));

        var n = Requests.Count + 1;
        var half = Math.Round(seconds.Value / 2, 2);
        var end = Math.Round(seconds.Value, 2);
        var text = $"Upload {n} first half. Upload {n} second half.";
        if (format != "verbose_json")
            return Reply(200, $$"""{"text":"{{text}}"}""");
        var body = string.Create(CultureInfo.InvariantCulture, $$"""
            {"task":"transcribe","language":"english","duration":{{seconds.Value}},"text":"{{text}}","segments":[
            {"id":0,"seek":0,"start":0.0,"end":{{half}},"text":" Upload {{n}} first half.","tokens":[50364,5020],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01},
            {"id":1,"seek":0,"start":{{half}},"end":{{end}},"text":" Upload {{n}} second half.","tokens":[50364,5021],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}]}
            """);
        return Reply(200, body);
    }

    private static async Task<double?> MeasureAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var upload = new MemoryStream();
        await file.CopyToAsync(upload, cancellationToken);
        var bytes = upload.GetBuffer().AsMemory(0, (int)upload.Length);
        if (Mp4Duration.Read(bytes.Span) is { } declared)
            return declared;
        var temp = Path.Combine(Path.GetTempPath(), $"peepshow-double-upload-{Guid.NewGuid():N}{Path.GetExtension(file.FileName)}");
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            var result = await Cli.Wrap("ffprobe")
                .WithArguments(["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", temp])
                .RunBufferedAsync(cancellationToken: cancellationToken);
            return result.IsSuccess && double.TryParse(result.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
