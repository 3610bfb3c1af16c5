using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Peepshow.Core.Runs;

namespace Peepshow.Core.Batch;

/// <summary>
/// The run id of a batch input, derived from what the run will produce rather than drawn at random, so a replay
/// of the batch finds the run it already did and, when it redoes one, sinks get the same <c>run_id</c> and
/// update their record instead of adding a second. It has the <see cref="RunId"/> form: the time part is the
/// file's modification time (a URL, whose time is unknown without fetching it, gets 1970-01-01), the suffix the
/// first characters of a SHA-256 over the input's identity and the options that change the result.
/// </summary>
public static class BatchRunId
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <param name="resultOptions">The flags that change what a run extracts, in a fixed order.</param>
    public static string For(BatchInput input, IReadOnlyList<string> resultOptions)
    {
        var identity = new StringBuilder()
            .Append(input.Source).Append('\n')
            .Append(input.Size?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n')
            .Append(input.Modified?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n')
            .AppendJoin('\n', resultOptions)
            .ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = Alphabet[hash[i] % Alphabet.Length];
        var time = input.Modified ?? DateTimeOffset.UnixEpoch;
        return time.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + new string(suffix);
    }

    /// <summary>The options of <paramref name="request"/> that change the frames and the payload, as text that never depends on the culture.</summary>
    public static IReadOnlyList<string> ResultOptions(RunRequest request)
    {
        var s = request.Selection;
        return
        [
            $"threshold={N(s.Threshold)}", $"min={s.Min}", $"max={s.Max}", $"fps={N(s.Fps)}", $"dedup={s.Dedup}",
            $"dedup-distance={s.DedupDistance}", $"width={request.Width}", $"format={request.Format}",
            $"start={N(request.Start)}", $"end={N(request.End)}", $"no-audio={request.NoAudio}",
        ];
    }

    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
