using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// An answer before it is written, so a fault can decide to drop the connection after the work was done
/// (the row stored, the client never told).
/// </summary>
public sealed record StargateReply(int Status, string? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Jackson leaves ' and non-ASCII alone; so does the double, so bodies read like the real ones.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StargateReply Json(int status, JsonNode body) => new(status, body.ToJsonString(WriteOptions));

    /// <summary>
    /// The error body each generation sends. v2 (<c>ApiError</c>): <c>{description, code, grpcStatus, internalTxId}</c>
    /// with nulls written; v1 (<c>io.stargate.web.models.Error</c>): <c>{description, code}</c>.
    /// </summary>
    public static StargateReply Error(StargateFlavour flavour, int status, string description, string? grpcStatus = null)
    {
        var body = new JsonObject { ["description"] = description, ["code"] = status };
        if (flavour == StargateFlavour.V2)
        {
            body["grpcStatus"] = grpcStatus;
            body["internalTxId"] = null;
        }
        return Json(status, body);
    }

    /// <summary>v2's rendering of a failed bridge call (<c>StatusRuntimeExceptionMapper</c>): "prefix (Status.Code.X->N): X: message".</summary>
    public static StargateReply Grpc(int status, string prefix, string grpcStatus, string message) =>
        Error(StargateFlavour.V2, status, $"{prefix} (Status.Code.{grpcStatus}->{status}): {grpcStatus}: {message}", grpcStatus);

    /// <summary>What a scripted fault answers when the script gives no body: each generation's usual words for that status.</summary>
    public static StargateReply ForStatus(StargateFlavour flavour, int status) => (flavour, status) switch
    {
        (_, 429) => Error(flavour, 429, "Database is overloaded", flavour == StargateFlavour.V2 ? "RESOURCE_EXHAUSTED" : null),
        (StargateFlavour.V2, 500) => Grpc(500, "Unhandled gRPC failure", "INTERNAL", "Operation failed - received 0 responses and 1 failures"),
        (StargateFlavour.V2, 502) => Grpc(502, "gRPC service unavailable", "UNAVAILABLE", "io exception"),
        (StargateFlavour.V2, 504) => Grpc(504, "gRPC service timeout", "DEADLINE_EXCEEDED", "deadline exceeded after 9.999s"),
        (StargateFlavour.V1, 500) => Error(flavour, 500, "Server error: Operation timed out - received only 0 responses."),
        // 502/503/504 from v1 come from the proxy in front of it, not from Stargate: no JSON.
        (StargateFlavour.V1, 502 or 503 or 504) => new StargateReply(status, ""),
        _ => Error(flavour, status, $"HTTP {status}"),
    };
}
