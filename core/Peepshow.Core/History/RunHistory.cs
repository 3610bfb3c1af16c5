using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Peepshow.Core.State;

namespace Peepshow.Core.History;

/// <summary>
/// The run history: <c>PEEPSHOW_HOME/runs.jsonl</c>, one <see cref="RunRecord"/> per line, appended by every finished
/// run of the CLI and the MCP server. Writers take <c>runs.jsonl.lock</c>, so lines from concurrent runs never
/// interleave; readers take no lock and skip what they cannot parse (a line torn by a crash, a hand edit), and
/// a run whose folder was deleted or moved is reported as missing rather than failing the read.
/// </summary>
public sealed class RunHistory(string path)
{
    public const string FileName = "runs.jsonl";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private static readonly CoreJsonContext Json = new(new JsonSerializerOptions(CoreJsonContext.Default.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static RunHistory FromEnvironment(Func<string, string?> env, string workingDirectory) =>
        new(System.IO.Path.Combine(PeepshowHome.Path(env, workingDirectory), FileName));

    /// <summary>Adds one line. A line torn by an earlier crash is closed first, so it never swallows this one.</summary>
    public async Task AppendAsync(RunRecord record, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, Json.RunRecord);
        using var gate = await FileLock.AcquireAsync(LockPath, LockTimeout, cancellationToken);
        await using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length > 0)
        {
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n')
                file.WriteByte((byte)'\n');
        }
        file.Seek(0, SeekOrigin.End);
        await file.WriteAsync(line, cancellationToken);
        file.WriteByte((byte)'\n');
        await file.FlushAsync(cancellationToken);
    }

    /// <summary>Every readable line in the order the runs finished (oldest first), and how many lines were not readable.</summary>
    public RunHistoryReading Read()
    {
        var entries = new List<RunHistoryEntry>();
        var unreadable = 0;
        var lineNumber = 0;
        foreach (var line in ReadLines())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (Parse(line) is { } record)
                entries.Add(new RunHistoryEntry(record, lineNumber, Missing: !File.Exists(record.Manifest)));
            else
                unreadable++;
        }
        return new RunHistoryReading(entries, unreadable);
    }

    /// <summary>The <paramref name="limit"/> runs that finished last, newest first.</summary>
    public IReadOnlyList<RunHistoryEntry> Recent(int limit) =>
        [.. Read().Entries.AsEnumerable().Reverse().Take(Math.Max(0, limit))];

    /// <summary>The run with this id (its latest line, should it appear twice), or null.</summary>
    public RunHistoryEntry? Find(string runId) =>
        Read().Entries.LastOrDefault(e => string.Equals(e.Record.RunId, runId, StringComparison.Ordinal));

    /// <summary>
    /// Drops the runs <paramref name="remove"/> picks and keeps every other line as it was (unreadable ones too),
    /// rewriting the file atomically under the writers' lock. Only the history changes: run folders are the caller's.
    /// </summary>
    public async Task<IReadOnlyList<RunHistoryEntry>> RemoveAsync(Func<RunHistoryEntry, bool> remove, CancellationToken cancellationToken = default)
    {
        using var gate = await FileLock.AcquireAsync(LockPath, LockTimeout, cancellationToken);
        var kept = new StringBuilder();
        var removed = new List<RunHistoryEntry>();
        var lineNumber = 0;
        foreach (var line in ReadLines())
        {
            lineNumber++;
            if (Parse(line) is { } record && new RunHistoryEntry(record, lineNumber, !File.Exists(record.Manifest)) is var entry && remove(entry))
                removed.Add(entry);
            else if (!string.IsNullOrWhiteSpace(line))
                kept.Append(line).Append('\n');
        }
        if (removed.Count > 0)
            await AtomicFile.WriteAllTextAsync(Path, kept.ToString(), cancellationToken);
        return removed;
    }

    private string LockPath => Path + ".lock";

    private List<string> ReadLines()
    {
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
                lines.Add(line);
            return lines;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static RunRecord? Parse(string line)
    {
        try
        {
            var record = JsonSerializer.Deserialize(line, Json.RunRecord);
            return record is { RunId.Length: > 0, RunFolder.Length: > 0, Manifest.Length: > 0 } ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
