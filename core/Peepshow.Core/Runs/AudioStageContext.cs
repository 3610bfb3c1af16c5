using Peepshow.Core.Inputs;
using Peepshow.Core.Media;

namespace Peepshow.Core.Runs;

/// <summary>What the audio stage needs to know about the run.</summary>
public sealed record AudioStageContext(
    RunRequest Request,
    ResolvedInput Input,
    MediaAnalysis Media,
    FfmpegInstallation Ffmpeg,
    string OutputDir);
