namespace Peepshow.Testing.Doubles;

/// <summary>A reply the double gives instead of transcribing, once, in order (after the key is checked, like the real API).</summary>
public sealed record ScriptedReply(int Status, string Body, TimeSpan? RetryAfter = null)
{
    public static ScriptedReply RateLimited(TimeSpan retryAfter) => new(429, OpenAiTranscriptionDouble.Error(
        "Rate limit reached for whisper-1 in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.", "requests", "rate_limit_exceeded"), retryAfter);

    public static ScriptedReply QuotaExhausted() => new(429, OpenAiTranscriptionDouble.Error(
        "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"));

    public static ScriptedReply ServerError() => new(500, OpenAiTranscriptionDouble.Error(
        "The server had an error while processing your request. Sorry about that!", "server_error", null));
}
