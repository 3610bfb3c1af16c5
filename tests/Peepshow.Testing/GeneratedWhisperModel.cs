using System.Security.Cryptography;
using System.Text;

namespace Peepshow.Testing;

/// <summary>
/// A whisper model that whisper.cpp really loads and runs, generated instead of downloaded: the ggml layout of
/// whisper.cpp's <c>whisper_model_load</c> (and <c>models/convert-pt-to-ggml.py</c>, which writes it) with the real
/// vocabulary size, 80 mel bins, a 30 s audio context and every tensor under its real name, shape and type, but
/// 64 dimensions, two encoder layers and one decoder layer, a 64-token text context and random weights. It decodes nonsense, fast:
/// what specs need to exercise loading, decoding, timestamps, chunking and cancellation for real. About 7 MB,
/// made once per test run.
/// </summary>
public static class GeneratedWhisperModel
{
    /// <summary>A name no published model has, so the store treats it as unknown unless a spec pins it.</summary>
    public const string Name = "spec-tiny";

    private const uint GgmlMagic = 0x67676d6c;

    // Multilingual vocabulary size (51865): language detection and the language tokens work as in the real models.
    private const int Vocab = 51865;
    private const int AudioContext = 1500;
    // The real models have 448; a shorter context caps each decode at 28 tokens. whisper.cpp retries a window
    // that decodes with low confidence at five higher temperatures, five decoders each, so this keeps specs quick.
    private const int TextContext = 64;
    private const int State = 64;
    private const int Heads = 2;
    private const int AudioLayers = 2;

    // Not 2: whisper.cpp takes a two-layer decoder for a first-release distilled model and turns timestamps off.
    private const int TextLayers = 1;
    private const int Mels = 80;
    private const int FftBins = 201;

    // The file's vocabulary section holds the tokenizer's ordinary tokens; whisper.cpp adds the special ones.
    private const int WrittenTokens = 50257;

    private const int F32 = 0;
    private const int F16 = 1;

    private static readonly Lazy<byte[]> Generated = new(() => Generate(seed: 14));

    public static byte[] Bytes => Generated.Value;

    public static string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>Writes the model as <c>ggml-&lt;name&gt;.bin</c> into <paramref name="directory"/>; returns its path.</summary>
    public static string WriteTo(string directory, string name = Name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"ggml-{name}.bin");
        File.WriteAllBytes(path, Bytes);
        return path;
    }

    private static byte[] Generate(int seed)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

        w.Write(GgmlMagic);
        // hparams in load order: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
        // n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (1 = f16 weights).
        foreach (var value in new[] { Vocab, AudioContext, State, Heads, AudioLayers, TextContext, State, Heads, TextLayers, Mels, F16 })
            w.Write(value);

        w.Write(Mels);
        w.Write(FftBins);
        foreach (var value in MelFilters())
            w.Write(value);

        w.Write(WrittenTokens);
        for (var i = 0; i < WrittenTokens; i++)
        {
            var token = Encoding.ASCII.GetBytes(Token(i));
            w.Write(token.Length);
            w.Write(token);
        }

        // Encoder.
        Tensor(w, random, "encoder.positional_embedding", F32, State, AudioContext);
        Tensor(w, random, "encoder.conv1.weight", F16, 3, Mels, State);
        Tensor(w, random, "encoder.conv1.bias", F32, 1, State);
        Tensor(w, random, "encoder.conv2.weight", F16, 3, State, State);
        Tensor(w, random, "encoder.conv2.bias", F32, 1, State);
        for (var layer = 0; layer < AudioLayers; layer++)
            Block(w, random, $"encoder.blocks.{layer}", cross: false);
        Norm(w, "encoder.ln_post");

        // Decoder.
        Tensor(w, random, "decoder.positional_embedding", F32, State, TextContext);
        // Small random embeddings give near-uniform logits, under which the 1501 timestamp tokens together outweigh
        // any single text token: the decoder emits timestamps, so every window advances. (Peaked logits would
        // write text with no closing timestamp, and whisper.cpp would retry the same window forever.)
        Tensor(w, random, "decoder.token_embedding.weight", F16, State, Vocab);
        for (var layer = 0; layer < TextLayers; layer++)
            Block(w, random, $"decoder.blocks.{layer}", cross: true);
        Norm(w, "decoder.ln");

        w.Flush();
        return stream.ToArray();
    }

    private static void Block(BinaryWriter w, Random random, string prefix, bool cross)
    {
        Attention(w, random, $"{prefix}.attn");
        Norm(w, $"{prefix}.attn_ln");
        if (cross)
        {
            Attention(w, random, $"{prefix}.cross_attn");
            Norm(w, $"{prefix}.cross_attn_ln");
        }
        Tensor(w, random, $"{prefix}.mlp.0.weight", F16, State, 4 * State);
        Tensor(w, random, $"{prefix}.mlp.0.bias", F32, 4 * State);
        Tensor(w, random, $"{prefix}.mlp.2.weight", F16, 4 * State, State);
        Tensor(w, random, $"{prefix}.mlp.2.bias", F32, State);
        Norm(w, $"{prefix}.mlp_ln");
    }

    private static void Attention(BinaryWriter w, Random random, string prefix)
    {
        Tensor(w, random, $"{prefix}.query.weight", F16, State, State);
        Tensor(w, random, $"{prefix}.query.bias", F32, State);
        // Whisper's key projection has no bias.
        Tensor(w, random, $"{prefix}.key.weight", F16, State, State);
        Tensor(w, random, $"{prefix}.value.weight", F16, State, State);
        Tensor(w, random, $"{prefix}.value.bias", F32, State);
        Tensor(w, random, $"{prefix}.out.weight", F16, State, State);
        Tensor(w, random, $"{prefix}.out.bias", F32, State);
    }

    /// <summary>A layer norm as trained ones start: scale 1, shift 0.</summary>
    private static void Norm(BinaryWriter w, string prefix)
    {
        Header(w, $"{prefix}.weight", F32, State);
        for (var i = 0; i < State; i++)
            w.Write(1f);
        Header(w, $"{prefix}.bias", F32, State);
        for (var i = 0; i < State; i++)
            w.Write(0f);
    }

    /// <summary>One tensor with small random values; <paramref name="shape"/> in ggml order (fastest dimension first).</summary>
    private static void Tensor(BinaryWriter w, Random random, string name, int type, params int[] shape)
    {
        Header(w, name, type, shape);
        var count = shape.Aggregate(1, (a, b) => a * b);
        for (var i = 0; i < count; i++)
        {
            var value = (float)((random.NextDouble() * 2 - 1) * 0.1);
            if (type == F16)
                w.Write((Half)value);
            else
                w.Write(value);
        }
    }

    private static void Header(BinaryWriter w, string name, int type, params int[] shape)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        w.Write(shape.Length);
        w.Write(bytes.Length);
        w.Write(type);
        foreach (var dimension in shape)
            w.Write(dimension);
        w.Write(bytes);
    }

    /// <summary>Printable ASCII first, then short letter groups with a leading space, like word pieces.</summary>
    private static string Token(int i)
    {
        if (i < 95)
            return ((char)(32 + i)).ToString();
        var text = new StringBuilder(" ");
        for (var n = i; n > 0; n /= 26)
            text.Append((char)('a' + n % 26));
        return text.ToString();
    }

    /// <summary>Triangular filters evenly spaced on the mel scale from 0 to 8 kHz over the 201 bins of a 400-point FFT.</summary>
    private static IEnumerable<float> MelFilters()
    {
        static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var edges = Enumerable.Range(0, Mels + 2).Select(i => Hz(Mel(8000) * i / (Mels + 1))).ToArray();
        for (var m = 0; m < Mels; m++)
        {
            for (var bin = 0; bin < FftBins; bin++)
            {
                var hz = bin * 8000.0 / (FftBins - 1);
                var rising = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                var falling = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                yield return (float)Math.Max(0, Math.Min(rising, falling));
            }
        }
    }
}
