using System.Globalization;
using System.Net;
using System.Text;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Output;

/// <summary>
/// <c>report.html</c> in the run folder: one self-contained page (inline CSS and script, no network) for a person to
/// review what the agent saw. Frames are linked relatively, so the folder can be moved or zipped. Every text that
/// comes from the video or the user goes through <see cref="E"/>: a title can be hostile.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    public static async Task<string> WriteAsync(string outputDir, RunPayload payload, ManifestFacts facts, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputDir, FileName);
        await State.AtomicFile.WriteAllTextAsync(path, Render(payload, facts), cancellationToken);
        return path;
    }

    public static string Render(RunPayload payload, ManifestFacts? facts)
    {
        var title = RunOutput.Title(payload) ?? payload.Input?.Filename ?? Path.GetFileName(payload.OutputDir);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // No network at all: inline style and script only, images from this folder.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
            .Append("<title>peepshow: ").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        sb.Append("<header><h1 id=\"title\">").Append(E(title)).Append("</h1>\n<p class=\"facts\" id=\"video\">")
            .Append(E(VideoFacts(payload))).Append("</p></header>\n");

        var entries = TimelineFormatter.Entries(payload);
        sb.Append("<section><h2>Frames</h2>\n<div class=\"grid\" id=\"frames\">\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            sb.Append("<figure class=\"frame\" id=\"frame-").Append(e.Index).Append("\" data-i=\"").Append(i).Append("\">")
                .Append("<img loading=\"lazy\" src=\"").Append(E(Relative(payload.OutputDir, e.Frame.Path))).Append("\" alt=\"frame ").Append(e.Index).Append("\">")
                .Append("<figcaption><b>#").Append(e.Index).Append(' ').Append(E(Stamp(e))).Append("</b> ")
                .Append(E(e.Frame.Reason ?? "")).Append("</figcaption></figure>\n");
        }
        sb.Append("</div></section>\n");

        if (payload.Audio?.Transcript is { } transcript && (transcript.Segments.Count > 0 || !string.IsNullOrWhiteSpace(transcript.Text)))
        {
            sb.Append("<section><h2>Transcript</h2>\n<ol class=\"timeline\" id=\"transcript\">\n");
            foreach (var e in entries.Where(e => e.Said.Count > 0))
            {
                sb.Append("<li><a href=\"#frame-").Append(e.Index).Append("\" data-frame=\"").Append(e.Index).Append("\">#").Append(e.Index).Append(' ').Append(E(Stamp(e))).Append("</a>");
                foreach (var said in e.Said)
                    sb.Append("<p><span class=\"t\">").Append(E(RunOutput.Timestamp(said.Start))).Append("</span> ").Append(E(said.Text.Trim())).Append("</p>");
                sb.Append("</li>\n");
            }
            if (transcript.Segments.Count == 0)
                sb.Append("<li><p>").Append(E(transcript.Text!.Trim())).Append("</p></li>\n");
            sb.Append("</ol></section>\n");
        }

        if (payload.Audio is { } audio && (audio.Path is not null || audio.Transcript is not null))
            sb.Append("<section><h2>Audio</h2><p class=\"facts\" id=\"audio\">").Append(E(AudioFacts(audio))).Append("</p></section>\n");

        if (facts?.Sinks is { Count: > 0 } sinks)
        {
            sb.Append("<section><h2>Deliveries</h2>\n<table id=\"sinks\"><thead><tr><th>sink</th><th>status</th><th>record</th></tr></thead><tbody>\n");
            foreach (var sink in sinks)
            {
                sb.Append("<tr class=\"").Append(sink.Status == SinkResult.StatusOk ? "ok" : sink.Status == SinkResult.StatusFailed ? "failed" : "skipped").Append("\"><td>")
                    .Append(E(sink.Name)).Append("</td><td>").Append(E(sink.Status)).Append("</td><td>");
                if (sink.Url is { } url && IsWebLink(url))
                    sb.Append("<a rel=\"noreferrer\" href=\"").Append(E(url)).Append("\">").Append(E(url)).Append("</a>");
                else if (sink.Record is { } record)
                    sb.Append(E(record));
                if (sink.Status == SinkResult.StatusFailed)
                {
                    sb.Append("<div class=\"err\">").Append(E(sink.Error ?? "")).Append("</div>");
                    if (sink.OutboxId is { } outboxId)
                        sb.Append("<code class=\"retry\">").Append(E($"peepshow sinks retry {outboxId}")).Append("</code>");
                }
                else if (sink.SkipReason is { } why)
                    sb.Append(E(why));
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody></table></section>\n");
        }

        sb.Append("<footer>");
        if (facts?.Command is { Count: > 0 } command)
            sb.Append("<p>Made by <code id=\"command\">").Append(E(string.Join(' ', command.Select(Quote)))).Append("</code></p>");
        sb.Append("<p class=\"facts\">run ").Append(E(payload.RunId ?? "")).Append(" · ").Append(E(payload.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? ""))
            .Append(facts is null ? "" : " · peepshow " + E(facts.PeepshowVersion)).Append("</p></footer>\n");

        sb.Append("<dialog id=\"viewer\"><img alt=\"\"><p></p></dialog>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// HTML-escapes text for element content and quoted attribute values. Control and bidi characters become visible
    /// <c>\uXXXX</c> first, as on the terminal: an escape sequence in a tag or a U+202E in a file name must not
    /// hide in the page or make it read backwards.
    /// </summary>
    public static string E(string text) => WebUtility.HtmlEncode(VisibleText.Escape(text));

    private static string Stamp(TimelineEntry e) => (e.Estimated ? "~" : "") + RunOutput.Timestamp(e.Seconds);

    private static string VideoFacts(RunPayload payload)
    {
        var v = payload.Video;
        var parts = new List<string> { $"{payload.Frames.Count} frame{(payload.Frames.Count == 1 ? "" : "s")} via {payload.Strategy}" };
        if (v?.DurationSeconds is { } d)
            parts.Add(RunOutput.Duration(d));
        if (v?.Width is { } w && v.Height is { } h)
            parts.Add($"{w}×{h}");
        if (v?.Codec is { } codec)
            parts.Add(codec);
        if (v?.Fps is { } fps)
            parts.Add(fps.ToString("0.##", CultureInfo.InvariantCulture) + " fps");
        if (v?.Container is { } container)
            parts.Add(container);
        parts.Add(payload.Input?.Path ?? payload.Input?.Url ?? payload.Input?.Kind ?? "");
        if (v?.Tags is { Count: > 0 } tags)
            parts.AddRange(tags.Where(t => !string.Equals(t.Key, "title", StringComparison.OrdinalIgnoreCase)).Select(t => $"{t.Key}: {t.Value}"));
        return string.Join(" · ", parts.Where(p => p.Length > 0));
    }

    private static string AudioFacts(AudioInfo audio)
    {
        var parts = new List<string>();
        if (audio.DurationSeconds is { } d)
            parts.Add(RunOutput.Duration(d));
        if (audio.Codec is { } codec)
            parts.Add(codec);
        if (audio.SampleRateHz is { } hz)
            parts.Add($"{hz} Hz");
        if (audio.Channels is { } ch)
            parts.Add(ch == 1 ? "mono" : $"{ch} channels");
        if (audio.PeakDbfs is { } peak)
            parts.Add(peak.ToString("0.#", CultureInfo.InvariantCulture) + " dBFS peak");
        if (audio.SilenceRatio is { } silence)
            parts.Add(Math.Round(silence * 100).ToString(CultureInfo.InvariantCulture) + "% silence");
        if (audio.Transcript is { } t)
            parts.Add(t.SkippedReason is { } skipped ? "no transcript: " + skipped : TranscriptFacts(t));
        return string.Join(" · ", parts);
    }

    /// <summary>"transcript by whisper-cpp base.en (en)", leaving out what the provider did not say (a custom command's model is its name).</summary>
    private static string TranscriptFacts(TranscriptInfo t)
    {
        var by = string.Join(' ', new[] { t.Provider, t.Model }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal));
        return "transcript" + (by.Length > 0 ? " by " + by : "") + (string.IsNullOrWhiteSpace(t.Language) ? "" : $" ({t.Language})");
    }

    /// <summary>Frames as paths relative to the run folder, so the page still works after the folder moves.</summary>
    private static string Relative(string outputDir, string path)
    {
        var relative = Path.GetRelativePath(outputDir, path).Replace('\\', '/');
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private const string Css = """

        :root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1f;--muted:#5f6368;--card:#f3f4f6;--ok:#137333;--bad:#b3261e;--link:#0b57d0}
        @media (prefers-color-scheme:dark){:root{--bg:#121316;--fg:#e6e6ea;--muted:#a0a4ab;--card:#1e2024;--ok:#6dd58c;--bad:#f2b8b5;--link:#a8c7fa}}
        *{box-sizing:border-box}body{margin:0 auto;max-width:1200px;padding:16px;font:15px/1.5 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
        h1{font-size:1.5rem;margin:.2em 0;overflow-wrap:anywhere}h2{font-size:1.15rem;margin:1.2em 0 .5em}.facts{color:var(--muted);overflow-wrap:anywhere}
        a{color:var(--link)}code{font:13px ui-monospace,monospace;overflow-wrap:anywhere;background:var(--card);padding:2px 4px;border-radius:4px}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
        .frame{margin:0;background:var(--card);border-radius:8px;overflow:hidden;cursor:zoom-in}.frame img{display:block;width:100%;height:auto}
        .frame figcaption{padding:6px 8px;font-size:13px;overflow-wrap:anywhere}.frame.hit{outline:3px solid var(--link)}
        .timeline{list-style:none;padding:0}.timeline li{background:var(--card);border-radius:8px;padding:8px 12px;margin:8px 0}.timeline p{margin:.2em 0}.t{color:var(--muted);font-size:12px}
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid var(--card);vertical-align:top;overflow-wrap:anywhere}
        tr.ok td:nth-child(2){color:var(--ok)}tr.failed td:nth-child(2){color:var(--bad)}.err{color:var(--bad)}.retry{display:inline-block;margin-top:4px}
        dialog{max-width:96vw;max-height:96vh;padding:0;border:0;background:#000;color:#fff}dialog img{display:block;max-width:96vw;max-height:88vh}dialog p{margin:0;padding:6px 10px}
        @media (max-width:600px){body{padding:10px}.grid{grid-template-columns:repeat(2,1fr);gap:8px}td,th{padding:4px}}

        """;

    // Builds nothing from text: it only moves between the figures already on the page, so no page content is ever run.
    private const string Script = """

        (function(){var figs=[].slice.call(document.querySelectorAll('.frame')),d=document.getElementById('viewer'),cur=-1;
        function show(i){if(i<0||i>=figs.length)return;cur=i;var f=figs[i];d.querySelector('img').src=f.querySelector('img').src;
        d.querySelector('p').textContent=f.querySelector('figcaption').textContent;if(!d.open)d.showModal();}
        figs.forEach(function(f,i){f.addEventListener('click',function(){show(i);});});
        d.addEventListener('click',function(){d.close();});
        document.addEventListener('keydown',function(e){if(!d.open)return;if(e.key==='ArrowRight')show(cur+1);else if(e.key==='ArrowLeft')show(cur-1);});
        document.querySelectorAll('[data-frame]').forEach(function(a){a.addEventListener('click',function(){var f=document.getElementById('frame-'+a.getAttribute('data-frame'));
        figs.forEach(function(x){x.classList.remove('hit');});if(f)f.classList.add('hit');});});})();

        """;
}
