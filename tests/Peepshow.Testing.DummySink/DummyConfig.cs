internal sealed record DummyConfig(int ExitCode, int DelayMs, string? RecordDir, string? Line, int StderrBytes, string? ChildPidFile, string? Secret);
