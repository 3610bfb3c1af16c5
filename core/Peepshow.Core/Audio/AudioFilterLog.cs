using System.Globalization;
using System.Text.RegularExpressions;

namespace Peepshow.Core.Audio;

/// <summary>
/// Reads the measurements off ffmpeg's stderr. The two astats instances are named (<c>astats@peak</c>,
/// <c>astats@length</c>) and log under those names; silencedetect logs under its class name whatever the
/// instance is called, and there is only one.
/// Thread-safe: stderr lines arrive on the pipe pump's thread.
/// </summary>
public sealed partial class AudioFilterLog
{
    private readonly Lock _gate = new();
    private double? _peak;
    private bool _peakSeen;
    private long _samples;
    private double _silence;
    private double? _openSilenceStart;

    public void Feed(string line)
    {
        lock (_gate)
        {
            if (PeakLine().Match(line) is { Success: true } peak)
            {
                _peakSeen = true;
                // Digital silence reports -inf, which JSON cannot carry: null says "no signal".
                _peak = double.TryParse(peak.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var db) && double.IsFinite(db) ? db : null;
            }
            else if (SamplesLine().Match(line) is { Success: true } samples)
            {
                _samples = long.Parse(samples.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (SilenceStartLine().Match(line) is { Success: true } start)
            {
                _openSilenceStart = ParseSeconds(start.Groups[1].Value);
            }
            else if (SilenceEndLine().Match(line) is { Success: true } end)
            {
                _silence += Math.Max(0, ParseSeconds(end.Groups[2].Value));
                _openSilenceStart = null;
            }
        }
    }

    /// <summary>The measurements; silence still open at the end (older ffmpeg never closes it) runs to the end.</summary>
    public AudioMeasurements Result(int sampleRate)
    {
        lock (_gate)
        {
            var duration = (double)_samples / sampleRate;
            var silence = _silence + (_openSilenceStart is { } open ? Math.Max(0, duration - Math.Max(0, open)) : 0);
            return new AudioMeasurements(_peakSeen ? _peak : null, silence, _samples);
        }
    }

    private static double ParseSeconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;

    [GeneratedRegex(@"\[astats@peak @ [^\]]*\] Peak level dB: (\S+)")]
    private static partial Regex PeakLine();

    [GeneratedRegex(@"\[astats@length @ [^\]]*\] Number of samples: (\d+)")]
    private static partial Regex SamplesLine();

    [GeneratedRegex(@"\[silencedetect(?:@silence)? @ [^\]]*\] silence_start: (\S+)")]
    private static partial Regex SilenceStartLine();

    [GeneratedRegex(@"\[silencedetect(?:@silence)? @ [^\]]*\] silence_end: (\S+) \| silence_duration: (\S+)")]
    private static partial Regex SilenceEndLine();
}
