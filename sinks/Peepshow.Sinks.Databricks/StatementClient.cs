using System.Net;
using Peepshow.Http;
using Polly;
using Polly.Retry;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// Runs one statement to a terminal state: submit, poll with backoff until SUCCEEDED/FAILED/CANCELED/CLOSED
/// or the deadline, then cancel. HTTP retries are <see cref="SinkHttpClient"/>'s; re-sending the POST after a
/// dropped connection may run the statement twice, which is why every statement the sink sends is idempotent.
/// </summary>
internal sealed class StatementClient(DatabricksConfig config, SinkHttpClient http, TextWriter log, TimeProvider time)
{
    /// <summary>Polls start at the retry base delay (1 s by default) and double up to this.</summary>
    public static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(5);

    public async Task<StatementStatus> RunAsync(Statement statement, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + config.StatementTimeout;
        var status = await SendAsync(() => Statements.Submit(statement, config), $"POST {Statements.ApiPath} ({statement.Label})", null, cancellationToken);
        var delay = config.Retry.BaseDelay;
        while (!status.IsTerminal)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                await CancelAsync(status.StatementId, cancellationToken);
                throw SinkException.Remote(
                    $"{statement.Label} statement {status.StatementId} was still {status.StateName} after {(int)config.StatementTimeout.TotalSeconds} s "
                    + $"({DatabricksEnv.StatementTimeoutSeconds}); asked Databricks to cancel it. Is SQL warehouse {config.WarehouseId} starting, stopped or overloaded?");
            }
            await Task.Delay(delay < left ? delay : left, time, cancellationToken);
            delay = delay * 2 < MaxPollDelay ? delay * 2 : MaxPollDelay;
            var id = status.StatementId;
            status = await SendAsync(() => Statements.Get(id, config), $"GET {Statements.ApiPath}/{id}", id, cancellationToken);
        }
        return status;
    }

    /// <summary>
    /// <see cref="RunAsync"/>, re-run while Delta reports a write conflict (DELTA_CONCURRENT_APPEND and kin):
    /// the conflicting transaction committed nothing and the MERGE is idempotent, so running it again is safe.
    /// </summary>
    public Task<StatementStatus> RunRetryingConflictsAsync(Statement statement, CancellationToken cancellationToken)
    {
        if (config.Retry.MaxAttempts <= 1)
            return RunAsync(statement, cancellationToken);
        var pipeline = new ResiliencePipelineBuilder<StatementStatus> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<StatementStatus>
            {
                MaxRetryAttempts = config.Retry.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.IsWriteConflict == true),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(config.Retry.Backoff(args.AttemptNumber, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    log.WriteLine($"retry: {statement.Label} hit a concurrent write ({args.Outcome.Result?.ErrorClass ?? args.Outcome.Result?.SqlState}); "
                        + $"attempt {args.AttemptNumber + 2}/{config.Retry.MaxAttempts} in {args.RetryDelay.TotalSeconds:0.0} s");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return pipeline.ExecuteAsync(async ct => await RunAsync(statement, ct), cancellationToken).AsTask();
    }

    private async Task<StatementStatus> SendAsync(Func<HttpRequestMessage> request, string what, string? statementId, CancellationToken cancellationToken)
    {
        var attemptsBefore = http.Attempts;
        using var response = await http.SendAsync(request, what, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return StatementResponses.Parse(body)
                ?? throw SinkException.Remote($"{what}: HTTP 200 but not a statement response: {StatementStatus.OneLine(body, 200)}");
        }
        var error = ApiError.Parse((int)response.StatusCode, response.ReasonPhrase, body);
        var made = http.Attempts - attemptsBefore;
        var attempts = made > 1 && RetryPolicy.IsRetryable(response.StatusCode) ? $" (gave up after {made} attempts)" : "";
        throw SinkException.Remote(Sentences($"{what}: {error}{attempts}", Hint(error, statementId)));
    }

    /// <summary>What to do about a rejected request, in the user's terms (which env var to fix, which permission to grant).</summary>
    internal string Hint(ApiError error, string? statementId) => error.Status switch
    {
        401 => $"Databricks did not accept the credentials: check {DatabricksEnv.Token} holds a personal access token or OAuth token for this workspace",
        403 => $"{DatabricksEnv.Token} is invalid or expired, or its principal lacks CAN USE on SQL warehouse {config.WarehouseId}",
        404 when statementId is not null => $"Statement {statementId} no longer exists on the server",
        404 => $"Check {DatabricksEnv.Url} is the workspace URL (https://<workspace-host>) and {DatabricksEnv.WarehouseId} names an existing SQL warehouse",
        400 when error.Message.Contains("warehouse", StringComparison.OrdinalIgnoreCase) => $"Check {DatabricksEnv.WarehouseId}",
        429 or 503 => "Databricks is throttling or unavailable; the run can be replayed later (peepshow sinks retry)",
        _ => "",
    };

    /// <summary>Joins a message and a hint into one line without doubling the full stop.</summary>
    internal static string Sentences(string message, string hint) =>
        hint.Length == 0 ? message : message.TrimEnd() + (message.TrimEnd().EndsWith('.') ? " " : ". ") + hint;

    /// <summary>Best effort: the statement may finish anyway, and failing to cancel must not hide the real error.</summary>
    private async Task CancelAsync(string statementId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(() => Statements.Cancel(statementId, config), $"POST {Statements.ApiPath}/{statementId}/cancel", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                log.WriteLine($"cancel of statement {statementId} was not accepted: {ApiError.Parse((int)response.StatusCode, response.ReasonPhrase, await response.Content.ReadAsStringAsync(cancellationToken))}");
        }
        catch (SinkException ex)
        {
            log.WriteLine($"cancel of statement {statementId} failed: {ex.Message}");
        }
    }
}
