using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// One statement's life (docs/sinks/databricks.md): PENDING → RUNNING → SUCCEEDED | FAILED | CANCELED. It executes,
/// against the workspace, at the moment it is first observed complete (by the POST's wait or by a poll), so a
/// canceled statement never touches a table.
/// </summary>
internal sealed class StatementRun(SubmittedStatement submitted, int runningPolls, TimeSpan executionTime)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public SubmittedStatement Submitted { get; } = submitted;

    public string State { get; set; } = "PENDING";

    public int RunningPollsLeft { get; set; } = runningPolls;

    public TimeSpan ExecutionTime { get; } = executionTime;

    public TimeSpan Remaining => ExecutionTime - _clock.Elapsed;

    public SqlError? Error { get; private set; }

    public bool IsDdl { get; private set; }

    public (long Affected, long Inserted) Metrics { get; private set; }

    public bool IsTerminal => State is "SUCCEEDED" or "FAILED" or "CANCELED" or "CLOSED";

    public void Succeed(bool ddl, (long Affected, long Inserted) metrics)
    {
        (State, IsDdl, Metrics) = ("SUCCEEDED", ddl, metrics);
    }

    public void Fail(SqlError error)
    {
        (State, Error) = ("FAILED", error);
    }

    /// <summary>The StatementResponse body for the current state.</summary>
    public JsonObject ToJson()
    {
        var status = new JsonObject { ["state"] = State };
        if (Error is { } error)
        {
            status["error"] = new JsonObject { ["error_code"] = error.ErrorCode, ["message"] = error.Message };
            status["sql_state"] = error.SqlState;
        }
        var json = new JsonObject { ["statement_id"] = Submitted.Id, ["status"] = status };
        if (State == "SUCCEEDED")
        {
            // DML reports its metrics as one row of BIGINTs rendered as strings; DDL has an empty result.
            string[] names = IsDdl ? [] : ["num_affected_rows", "num_updated_rows", "num_deleted_rows", "num_inserted_rows"];
            var columns = new JsonArray(names.Select((name, i) => (JsonNode)new JsonObject
            {
                ["name"] = name,
                ["position"] = i,
                ["type_name"] = "LONG",
                ["type_text"] = "BIGINT",
            }).ToArray());
            var rowCount = IsDdl ? 0 : 1;
            json["manifest"] = new JsonObject
            {
                ["format"] = "JSON_ARRAY",
                ["schema"] = new JsonObject { ["column_count"] = names.Length, ["columns"] = columns },
                ["total_chunk_count"] = rowCount,
                ["chunks"] = IsDdl ? new JsonArray() : new JsonArray(new JsonObject { ["chunk_index"] = 0, ["row_offset"] = 0, ["row_count"] = 1 }),
                ["total_row_count"] = rowCount,
                ["truncated"] = false,
            };
            var result = new JsonObject { ["chunk_index"] = 0, ["row_offset"] = 0, ["row_count"] = rowCount };
            if (!IsDdl)
            {
                string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
                result["data_array"] = new JsonArray(new JsonArray(Text(Metrics.Affected), "0", "0", Text(Metrics.Inserted)));
            }
            json["result"] = result;
        }
        return json;
    }
}
