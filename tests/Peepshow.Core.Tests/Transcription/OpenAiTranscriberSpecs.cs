using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using Peepshow.Testing.Doubles;

namespace Peepshow.Core.Tests.Transcription;

public sealed class OpenAiTranscriberSpecs
{
    private static async Task<(AudioInfo Audio, OpenAiTranscriptionDouble Server)> TranscribeAsync(
        SpecEnvironment env, OpenAiTranscriptionDouble server, string? key = OpenAiTranscriptionDouble.ApiKey)
    {
        await server.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        env.Vars["PEEPSHOW_TRANSCRIBE_ENDPOINT"] = server.BaseUrl.ToString();
        env.Vars["OPENAI_API_KEY"] = key;
        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("openai"));
        return (audio, server);
    }

    [Fact(Timeout = 60000)]
    public async Task An_OpenAI_compatible_server_returns_segments_for_the_uploaded_audio()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();

        var (audio, _) = await TranscribeAsync(env, server);

        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        Assert.Equal(("openai", "whisper-1", "en"), (transcript.Provider, transcript.Model, transcript.Language));
        Assert.Equal(["Upload 1 first half.", "Upload 1 second half."], transcript.Segments.Select(s => s.Text));
        Assert.Equal(audio.DurationSeconds!.Value, transcript.Segments[^1].End, 0.1);
        Assert.Equal("Upload 1 first half. Upload 1 second half.", transcript.Text);
        var upload = Assert.Single(server.Requests);
        Assert.Equal(200, upload.Status);
        Assert.Equal($"Bearer {OpenAiTranscriptionDouble.ApiKey}", upload.Authorization);
        Assert.Equal("audio.m4a", upload.FileName);
        Assert.Equal(new FileInfo(audio.Path!).Length, upload.FileBytes);
        Assert.Equal("whisper-1", upload.Fields["model"]);
        Assert.Equal("verbose_json", upload.Fields["response_format"]);
        Assert.Equal("segment", upload.Fields["timestamp_granularities[]"]);
        Assert.False(upload.Fields.ContainsKey("language"));
    }

    [Fact(Timeout = 60000)]
    public async Task A_rejected_key_is_a_skipped_reason_naming_the_variable_and_never_the_key()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        const string wrongKey = "sk-wrong-secret-key-9876543210";

        var (audio, _) = await TranscribeAsync(env, server, wrongKey);

        Assert.NotNull(audio.Path);
        Assert.Equal("openai rejected the API key (HTTP 401): check OPENAI_API_KEY", audio.Transcript!.SkippedReason);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 60000)]
    public async Task A_429_is_retried_after_the_Retry_After_the_server_asked_for()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        server.Script.Enqueue(ScriptedReply.RateLimited(TimeSpan.FromSeconds(1)));

        var (audio, _) = await TranscribeAsync(env, server);

        Assert.Null(audio.Transcript!.SkippedReason);
        var requests = server.Requests.ToArray();
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact(Timeout = 60000)]
    public async Task A_500_is_retried_and_a_server_that_keeps_failing_gives_up_after_a_bounded_number_of_attempts()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        for (var i = 0; i < 4; i++)
            server.Script.Enqueue(ScriptedReply.ServerError());

        var (audio, _) = await TranscribeAsync(env, server);

        Assert.Equal(
            "openai answered HTTP 500 (The server had an error while processing your request. Sorry about that!) after 4 attempts",
            audio.Transcript!.SkippedReason);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact(Timeout = 60000)]
    public async Task One_500_then_success_still_gives_a_transcript()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        server.Script.Enqueue(ScriptedReply.ServerError());

        var (audio, _) = await TranscribeAsync(env, server);

        Assert.Null(audio.Transcript!.SkippedReason);
        Assert.Equal([500, 200], server.Requests.Select(r => r.Status));
    }

    [Fact(Timeout = 60000)]
    public async Task An_exhausted_quota_is_not_retried()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        server.Script.Enqueue(ScriptedReply.QuotaExhausted());

        var (audio, _) = await TranscribeAsync(env, server);

        Assert.StartsWith("openai: the account is out of quota (HTTP 429)", audio.Transcript!.SkippedReason);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 90000)]
    public async Task Audio_over_the_upload_limit_is_sent_in_chunks_and_the_segments_are_merged_at_their_offsets()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble { MaxUploadBytes = 12_000 };
        env.Vars["PEEPSHOW_TRANSCRIBE_MAX_UPLOAD_BYTES"] = "12000";

        var (audio, _) = await TranscribeAsync(env, server);

        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        var uploads = server.Requests.ToArray();
        Assert.True(uploads.Length >= 3, $"{uploads.Length} uploads");
        Assert.All(uploads, u => Assert.InRange(u.FileBytes, 1, 12_000));
        Assert.Equal(2 * uploads.Length, transcript.Segments.Count);
        // Segment 2k starts where upload k starts: the sum of the real durations of the uploads before it.
        var offset = 0.0;
        for (var k = 0; k < uploads.Length; k++)
        {
            Assert.Equal($"Upload {k + 1} first half.", transcript.Segments[2 * k].Text);
            Assert.Equal(offset, transcript.Segments[2 * k].Start, 0.1);
            offset += uploads[k].FileSeconds!.Value;
        }
        Assert.Equal(audio.DurationSeconds!.Value, transcript.Segments[^1].End, 0.3);
    }

    [Fact(Timeout = 60000)]
    public async Task A_model_that_only_answers_plain_json_still_gives_its_text()
    {
        using var env = new SpecEnvironment();
        await using var server = new OpenAiTranscriptionDouble();
        env.Vars["PEEPSHOW_TRANSCRIBE_MODEL"] = "gpt-4o-transcribe";

        var (audio, _) = await TranscribeAsync(env, server);

        var segment = Assert.Single(audio.Transcript!.Segments);
        Assert.Equal("Upload 2 first half. Upload 2 second half.", segment.Text);
        Assert.Equal([400, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public void Groq_is_a_preset_with_its_own_endpoint_key_variable_and_default_model()
    {
        using var env = new SpecEnvironment();
        env.Vars["GROQ_API_KEY"] = "gsk_test";

        var groq = Assert.IsType<OpenAiTranscriber>(env.Choose("groq"));

        Assert.Equal(("groq", "whisper-large-v3-turbo"), (groq.Name, groq.Model));
        Assert.Equal("https://api.groq.com/openai/v1/audio/transcriptions", groq.Url!.ToString());
        Assert.Null(groq.ConfigurationProblem);
    }

    [Theory]
    [InlineData(null, null, "openai needs an API key: set OPENAI_API_KEY (or PEEPSHOW_TRANSCRIBE_ENDPOINT for a local server)")]
    [InlineData("sk-x", "http://transcribe.example.com", "refusing to send OPENAI_API_KEY over plain http to transcribe.example.com; use https or set PEEPSHOW_ALLOW_INSECURE_HTTP=1")]
    [InlineData(null, "http://transcribe.example.com/v1", null)]
    [InlineData("sk-x", "http://localhost:8000", null)]
    public void The_key_only_travels_where_it_is_safe(string? key, string? endpoint, string? problem)
    {
        using var env = new SpecEnvironment();
        env.Vars["OPENAI_API_KEY"] = key;
        env.Vars["PEEPSHOW_TRANSCRIBE_ENDPOINT"] = endpoint;

        var openai = Assert.IsType<OpenAiTranscriber>(env.Choose("openai"));

        Assert.Equal(problem, openai.ConfigurationProblem);
    }
}
