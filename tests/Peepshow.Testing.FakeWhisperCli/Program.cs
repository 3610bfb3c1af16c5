using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Peepshow.Testing.FakeWhisperCli;

/// <summary>
/// Behaves like whisper.cpp's <c>whisper-cli</c> as far as peepshow can observe: same options, same exit codes
/// (an unknown option prints usage and exits 0, a bad model exits 3), same stdout lines and the same
/// hand-written JSON file, which escapes only <c>"</c> and <c>\</c>. Segments cover the loud stretches of the WAV.
/// Env for specs: <c>FAKE_WHISPER_ARGS_FILE</c> records argv; <c>FAKE_WHISPER_EXIT</c> forces a failure exit code.
/// </summary>
public static class Program
{
    private const uint GgmlMagic = 0x67676d6c;

    private static readonly HashSet<string> ValueOptions =
    [
        "-t", "--threads", "-p", "--processors", "-ot", "--offset-t", "-on", "--offset-n", "-d", "--duration",
        "-mc", "--max-context", "-ml", "--max-len", "-bo", "--best-of", "-bs", "--beam-size", "-ac", "--audio-ctx",
        "-wt", "--word-thold", "-et", "--entropy-thold", "-lpt", "--logprob-thold", "-nth", "--no-speech-thold",
        "-tp", "--temperature", "-tpi", "--temperature-inc", "-fp", "--font-path", "-of", "--output-file",
        "-l", "--language", "--prompt", "-m", "--model", "-f", "--file", "-oved", "--ov-e-device", "-dtw", "--dtw",
        "--suppress-regex", "--grammar", "--grammar-rule", "--grammar-penalty", "-vm", "--vad-model",
        "-vt", "--vad-threshold", "-vspd", "--vad-min-speech-duration-ms", "-vsd", "--vad-min-silence-duration-ms",
        "-vmsd", "--vad-max-speech-duration-s", "-vp", "--vad-speech-pad-ms", "-vo", "--vad-samples-overlap",
    ];

    private static readonly HashSet<string> FlagOptions =
    [
        "-debug", "--debug-mode", "-tr", "--translate", "-di", "--diarize", "-tdrz", "--tinydiarize", "-sow", "--split-on-word",
        "-nf", "--no-fallback", "-otxt", "--output-txt", "-ovtt", "--output-vtt", "-osrt", "--output-srt", "-owts", "--output-words",
        "-olrc", "--output-lrc", "-ocsv", "--output-csv", "-oj", "--output-json", "-ojf", "--output-json-full", "-np", "--no-prints",
        "-ps", "--print-special", "-pc", "--print-colors", "--print-confidence", "-pp", "--print-progress", "-nt", "--no-timestamps",
        "-dl", "--detect-language", "-ls", "--log-score", "-ng", "--no-gpu", "-fa", "--flash-attn", "-sns", "--suppress-nst", "--vad",
    ];

    public static int Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable("FAKE_WHISPER_ARGS_FILE") is { Length: > 0 } argsFile)
            File.WriteAllLines(argsFile, args);

        var model = "models/ggml-base.en.bin";
        var language = "en";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "-" || arg[0] != '-')
            {
                inputs.Add(arg);
                continue;
            }
            if (arg is "-h" or "--help")
            {
                Usage();
                return 0;
            }
            if (ValueOptions.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine($"error: argument {arg} requires value");
                    return 0;
                }
                var value = args[++i];
                switch (arg)
                {
                    case "-m" or "--model": model = value; break;
                    case "-l" or "--language": language = value.ToLowerInvariant(); break;
                    case "-f" or "--file": inputs.Add(value); break;
                    case "-of" or "--output-file": outputs.Add(value); break;
                }
                continue;
            }
            if (FlagOptions.Contains(arg))
            {
                json |= arg is "-oj" or "--output-json" or "-ojf" or "--output-json-full";
                continue;
            }
            // The real program prints usage and exits 0 here; callers must not trust the exit code alone.
            Console.Error.WriteLine($"error: unknown argument: {arg}");
            Usage();
            return 0;
        }

        inputs.RemoveAll(input =>
        {
            if (File.Exists(input))
                return false;
            Console.Error.WriteLine($"error: input file not found '{input}'");
            return true;
        });
        if (inputs.Count == 0)
        {
            Console.Error.WriteLine("error: no input files specified");
            Usage();
            return 2;
        }
        if (language != "auto" && language.Length is < 2 or > 3)
        {
            Console.Error.WriteLine($"error: unknown language '{language}'");
            Usage();
            return 0;
        }
        if (!IsModel(model))
        {
            Console.Error.WriteLine($"whisper_init_from_file_with_params_no_state: failed to open '{model}'");
            Console.Error.WriteLine("error: failed to initialize whisper context");
            return 3;
        }
        if (Environment.GetEnvironmentVariable("FAKE_WHISPER_EXIT") is { Length: > 0 } forced)
        {
            Console.Error.WriteLine("whisper_full_with_state: failed to encode");
            Console.Error.WriteLine($"{args[0]}: failed to process audio");
            return int.Parse(forced, CultureInfo.InvariantCulture);
        }

        var multilingual = !Path.GetFileName(model).Contains(".en", StringComparison.Ordinal);
        if (!multilingual && language != "en")
        {
            Console.Error.WriteLine("main: WARNING: model is not multilingual, ignoring language and translation options");
            language = "en";
        }

        for (var f = 0; f < inputs.Count; f++)
        {
            if (!TryReadWav(inputs[f], out var samples))
            {
                Console.Error.WriteLine($"error: failed to read audio file '{inputs[f]}'");
                continue;
            }
            var segments = Segments(samples);
            foreach (var (t0, t1, text) in segments)
                Console.WriteLine($"[{Timestamp(t0)} --> {Timestamp(t1)}]  {text}");
            if (json)
            {
                var path = (f < outputs.Count ? outputs[f] : inputs[f]) + ".json";
                Console.Error.WriteLine($"output_json: saving output to '{path}'");
                File.WriteAllText(path, Json(model, language == "auto" ? "en" : language, language, multilingual, segments), new UTF8Encoding(false));
            }
        }
        return 0;
    }

    private static bool IsModel(string path)
    {
        if (!File.Exists(path))
            return false;
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == GgmlMagic;
    }

    /// <summary>Accepts what whisper.cpp's WAV reader accepts from peepshow: 16 kHz, 16-bit PCM, mono.</summary>
    private static bool TryReadWav(string path, out short[] samples)
    {
        samples = [];
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
            return false;
        int pos = 12, rate = 0, channels = 0, bits = 0;
        while (pos + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, pos, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 4));
            var body = pos + 8;
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 14));
            }
            else if (id == "data")
            {
                if (rate != 16000 || channels != 1 || bits != 16)
                {
                    Console.Error.WriteLine($"error: WAV file '{path}' must be 16 kHz mono 16-bit (got {rate} Hz, {channels} ch, {bits} bit)");
                    return false;
                }
                // ffmpeg writes a placeholder size when it cannot seek back; take what is there.
                var length = size <= 0 || body + size > bytes.Length ? bytes.Length - body : size;
                samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2 * i));
                return true;
            }
            pos = body + size + (size & 1);
        }
        return false;
    }

    /// <summary>One segment per loud stretch (100 ms windows above -40 dBFS), cut into pieces of at most 3 s.</summary>
    private static List<(long T0, long T1, string Text)> Segments(short[] samples)
    {
        const int window = 1600;
        var loud = new List<bool>();
        for (var start = 0; start < samples.Length; start += window)
        {
            var peak = 0;
            for (var i = start; i < Math.Min(samples.Length, start + window); i++)
                peak = Math.Max(peak, Math.Abs((int)samples[i]));
            loud.Add(peak > 328);
        }

        var segments = new List<(long, long, string)>();
        var index = 0;
        for (var w = 0; w < loud.Count;)
        {
            if (!loud[w])
            {
                w++;
                continue;
            }
            var end = w;
            while (end < loud.Count && loud[end] && end - w < 30)
                end++;
            // Timestamps in whisper's 10 ms units, as whisper_full_get_segment_t0/t1 return them.
            var t0 = w * 10L;
            var t1 = Math.Min(end * 10L, samples.Length / 160L);
            index++;
            segments.Add((t0, t1, $" Segment {index} café\tfrom {t0 / 100.0:0.0}s to {t1 / 100.0:0.0}s \"quoted\"."));
            w = end;
        }
        return segments;
    }

    private static string Timestamp(long t)
    {
        var ms = t * 10;
        return $"{ms / 3600000:00}:{ms / 60000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}";
    }

    private static string Json(string model, string detected, string language, bool multilingual, List<(long T0, long T1, string Text)> segments)
    {
        // Mirrors cli.cpp's output_json: tab indentation, key order, and escaping of only '"' and '\'.
        static string E(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        static string Ts(long t) => Timestamp(t).Replace('.', ',');
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append("\t\"systeminfo\": \"AVX = 1 | AVX2 = 1 | FMA = 1 | NEON = 0 | F16C = 1 | OPENMP = 1 | \",\n");
        sb.Append("\t\"model\": {\n");
        sb.Append("\t\t\"type\": \"base\",\n");
        sb.Append($"\t\t\"multilingual\": {(multilingual ? "true" : "false")},\n");
        sb.Append($"\t\t\"vocab\": {(multilingual ? 51865 : 51864)},\n");
        sb.Append("\t\t\"audio\": {\n\t\t\t\"ctx\": 1500,\n\t\t\t\"state\": 512,\n\t\t\t\"head\": 8,\n\t\t\t\"layer\": 6\n\t\t},\n");
        sb.Append("\t\t\"text\": {\n\t\t\t\"ctx\": 448,\n\t\t\t\"state\": 512,\n\t\t\t\"head\": 8,\n\t\t\t\"layer\": 6\n\t\t},\n");
        sb.Append("\t\t\"mels\": 80,\n\t\t\"ftype\": 1\n\t},\n");
        sb.Append($"\t\"params\": {{\n\t\t\"model\": \"{E(model)}\",\n\t\t\"language\": \"{E(language)}\",\n\t\t\"translate\": false\n\t}},\n");
        sb.Append($"\t\"result\": {{\n\t\t\"language\": \"{E(detected)}\"\n\t}},\n");
        sb.Append("\t\"transcription\": [\n");
        for (var i = 0; i < segments.Count; i++)
        {
            var (t0, t1, text) = segments[i];
            sb.Append("\t\t{\n");
            sb.Append($"\t\t\t\"timestamps\": {{\n\t\t\t\t\"from\": \"{Ts(t0)}\",\n\t\t\t\t\"to\": \"{Ts(t1)}\"\n\t\t\t}},\n");
            sb.Append($"\t\t\t\"offsets\": {{\n\t\t\t\t\"from\": {t0 * 10},\n\t\t\t\t\"to\": {t1 * 10}\n\t\t\t}},\n");
            sb.Append($"\t\t\t\"text\": \"{E(text)}\"\n");
            sb.Append(i == segments.Count - 1 ? "\t\t}\n" : "\t\t},\n");
        }
        sb.Append("\t]\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void Usage()
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine("usage: whisper-cli [options] file0 file1 ...");
        Console.Error.WriteLine("supported audio formats: flac, mp3, ogg, wav");
        Console.Error.WriteLine();
    }
}
