using System.Globalization;
using System.Text.RegularExpressions;
using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Databricks;

/// <summary>Everything the sink reads from env, validated before stdin is touched.</summary>
/// <param name="WorkspaceUrl">Scheme and host only: the Statement Execution API always lives at the workspace root.</param>
/// <param name="WaitTimeoutSeconds">The request's <c>wait_timeout</c>: 0 (asynchronous) or 5–50.</param>
/// <param name="StatementTimeout">How long one statement may stay PENDING/RUNNING before the sink cancels it.</param>
internal sealed partial record DatabricksConfig(
    Uri WorkspaceUrl,
    string Token,
    string WarehouseId,
    TableName Table,
    string? FrameBaseUrl,
    int WaitTimeoutSeconds,
    TimeSpan StatementTimeout,
    RetryPolicy Retry)
{
    public const int DefaultWaitTimeoutSeconds = 30;
    public const int DefaultStatementTimeoutSeconds = 120;

    public static DatabricksConfig Read(SinkEnvironment env)
    {
        var url = EndpointGuard.Parse(env, DatabricksEnv.Url, env.Require(DatabricksEnv.Url, "workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net"), sendsCredentials: true);
        var token = env.Require(DatabricksEnv.Token, "a personal access token or OAuth token for the workspace");
        var warehouse = ParseWarehouseId(env.Require(DatabricksEnv.WarehouseId, "the SQL warehouse that runs the statements"));
        var table = new TableName(
            SqlIdentifier.Read(env, DatabricksEnv.Catalog, TableName.DefaultCatalog),
            SqlIdentifier.Read(env, DatabricksEnv.Schema, TableName.DefaultSchema),
            SqlIdentifier.Read(env, DatabricksEnv.Table, TableName.DefaultTable));
        var retry = RetryPolicy.FromEnvironment(env);
        var statementTimeout = TimeSpan.FromSeconds(env.GetPositiveInt(DatabricksEnv.StatementTimeoutSeconds, DefaultStatementTimeoutSeconds));

        return new DatabricksConfig(
            WorkspaceUrl: new Uri(url.GetLeftPart(UriPartial.Authority)),
            Token: token,
            WarehouseId: warehouse,
            Table: table,
            FrameBaseUrl: env.Get(EnvNames.FrameBaseUrl),
            WaitTimeoutSeconds: EffectiveWaitTimeout(WaitTimeout(env), retry.PerAttempt, statementTimeout),
            StatementTimeout: statementTimeout,
            Retry: retry);
    }

    /// <summary>
    /// The server holds the request open for up to <c>wait_timeout</c>, so it must stay well inside the
    /// per-attempt HTTP timeout (otherwise a slow statement would look like a dead connection and be re-sent)
    /// and inside the statement deadline (otherwise the deadline could not be kept). The API only takes 0 or 5–50.
    /// </summary>
    public static int EffectiveWaitTimeout(int configured, TimeSpan perAttempt, TimeSpan statementTimeout)
    {
        var wait = Math.Min(configured, Math.Min((int)perAttempt.TotalSeconds - 10, (int)statementTimeout.TotalSeconds));
        return wait < 5 ? 0 : wait;
    }

    private static int WaitTimeout(SinkEnvironment env)
    {
        var text = env.Get(DatabricksEnv.WaitTimeout);
        if (text is null)
            return DefaultWaitTimeoutSeconds;
        var digits = text.EndsWith('s') ? text[..^1] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && (seconds == 0 || seconds is >= 5 and <= 50))
            return seconds;
        throw SinkException.Config($"{DatabricksEnv.WaitTimeout} must be 0s (asynchronous) or between 5s and 50s, got '{text}'");
    }

    private static string ParseWarehouseId(string value)
    {
        if (WarehouseIdPattern().IsMatch(value))
            return value;
        // People often paste the warehouse's HTTP path from its "Connection details" tab.
        var fromPath = value.TrimEnd('/').Split('/')[^1];
        var hint = value.Contains('/') && WarehouseIdPattern().IsMatch(fromPath) ? $"; that looks like the HTTP path, the id is '{fromPath}'" : "";
        throw SinkException.Config($"{DatabricksEnv.WarehouseId} must be a SQL warehouse id (letters and digits, e.g. 1234567890abcdef), got '{value}'{hint}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex WarehouseIdPattern();
}
