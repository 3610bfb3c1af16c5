namespace Peepshow.Core.Output;

/// <summary><c>--emit</c>: what stdout carries.</summary>
public enum EmitFormat
{
    Paths,
    Json,
    Markdown,
    Caveman,

    /// <summary>Frames interleaved with the transcript segments spoken while each was on screen.</summary>
    Timeline,

    /// <summary>The path of contact.jpg, every frame tiled in one image.</summary>
    Sheet,
}
