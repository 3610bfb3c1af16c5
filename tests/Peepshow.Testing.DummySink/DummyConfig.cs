internal sealed record DummyConfig(int ExitCode, string? RecordDir, string? Line, int StderrBytes, string? Secret);
