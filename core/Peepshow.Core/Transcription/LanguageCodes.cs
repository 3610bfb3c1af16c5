using System.Collections.Frozen;

namespace Peepshow.Core.Transcription;

/// <summary>
/// whisper.cpp reports <c>en</c> while OpenAI's verbose_json says <c>english</c>; the payload always carries
/// the ISO-639-1 code so consumers can compare runs from different providers.
/// </summary>
public static class LanguageCodes
{
    // Whisper's own language table (code:name), the set every Whisper-based provider can return.
    private const string Table =
        "en:english,zh:chinese,de:german,es:spanish,ru:russian,ko:korean,fr:french,ja:japanese,pt:portuguese," +
        "tr:turkish,pl:polish,ca:catalan,nl:dutch,ar:arabic,sv:swedish,it:italian,id:indonesian,hi:hindi," +
        "fi:finnish,vi:vietnamese,he:hebrew,uk:ukrainian,el:greek,ms:malay,cs:czech,ro:romanian,da:danish," +
        "hu:hungarian,ta:tamil,no:norwegian,th:thai,ur:urdu,hr:croatian,bg:bulgarian,lt:lithuanian,la:latin," +
        "mi:maori,ml:malayalam,cy:welsh,sk:slovak,te:telugu,fa:persian,lv:latvian,bn:bengali,sr:serbian," +
        "az:azerbaijani,sl:slovenian,kn:kannada,et:estonian,mk:macedonian,br:breton,eu:basque,is:icelandic," +
        "hy:armenian,ne:nepali,mn:mongolian,bs:bosnian,kk:kazakh,sq:albanian,sw:swahili,gl:galician," +
        "mr:marathi,pa:punjabi,si:sinhala,km:khmer,sn:shona,yo:yoruba,so:somali,af:afrikaans,oc:occitan," +
        "ka:georgian,be:belarusian,tg:tajik,sd:sindhi,gu:gujarati,am:amharic,yi:yiddish,lo:lao,uz:uzbek," +
        "fo:faroese,ht:haitian creole,ps:pashto,tk:turkmen,nn:nynorsk,mt:maltese,sa:sanskrit,lb:luxembourgish," +
        "my:myanmar,bo:tibetan,tl:tagalog,mg:malagasy,as:assamese,tt:tatar,haw:hawaiian,ln:lingala,ha:hausa," +
        "ba:bashkir,jw:javanese,su:sundanese,yue:cantonese";

    // ISO 639-2 codes (bibliographic and terminology forms) as containers tag streams, e.g. "eng", "ger"/"deu".
    private const string ThreeLetterTable =
        "eng:en,fre:fr,fra:fr,ger:de,deu:de,spa:es,ita:it,por:pt,rus:ru,jpn:ja,chi:zh,zho:zh,kor:ko,ara:ar," +
        "hin:hi,dut:nl,nld:nl,swe:sv,nor:no,nob:no,nno:nn,dan:da,fin:fi,pol:pl,tur:tr,ukr:uk,cze:cs,ces:cs," +
        "gre:el,ell:el,heb:he,hun:hu,rum:ro,ron:ro,bul:bg,hrv:hr,srp:sr,slo:sk,slk:sk,slv:sl,vie:vi,tha:th," +
        "ind:id,may:ms,msa:ms,cat:ca,baq:eu,eus:eu,glg:gl,per:fa,fas:fa,urd:ur,ben:bn,tam:ta,tel:te,est:et," +
        "lav:lv,lit:lt,ice:is,isl:is,mac:mk,mkd:mk,alb:sq,sqi:sq,arm:hy,hye:hy,geo:ka,kat:ka,wel:cy,cym:cy," +
        "afr:af,swa:sw,tgl:tl,fil:tl,mal:ml,kan:kn,mar:mr,pan:pa,guj:gu,lat:la,bos:bs,kaz:kk,aze:az,bel:be," +
        "yid:yi,khm:km,lao:lo,mon:mn,nep:ne,sin:si,amh:am,uzb:uz,tat:tt,yue:yue";

    private static readonly FrozenDictionary<string, string> CodeByThreeLetters = ThreeLetterTable
        .Split(',')
        .Select(pair => pair.Split(':'))
        .ToFrozenDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> CodeByName = Table
        .Split(',')
        .Select(pair => pair.Split(':'))
        .ToFrozenDictionary(p => p[1], p => p[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>The ISO code for a language name or code; anything unknown passes through lower-cased.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
            return null;
        var value = language.Trim();
        return CodeByName.TryGetValue(value, out var code) ? code
            : CodeByThreeLetters.TryGetValue(value, out var fromThree) ? fromThree
            : value.ToLowerInvariant();
    }

    /// <summary>
    /// A subtitle's language tag or file-name part as an ISO-639-1 code: <c>eng</c> → <c>en</c>, <c>en-US</c> →
    /// <c>en</c>, <c>English</c> → <c>en</c>. Null for "undetermined" tags and for anything that is not a language
    /// (<c>forced</c>, <c>sdh</c>).
    /// </summary>
    public static string? FromTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        var value = tag.Trim();
        var primary = value.Split('-', '_')[0];
        if (primary.Length == 2 && primary.All(char.IsAsciiLetter) && !primary.Equals("cc", StringComparison.OrdinalIgnoreCase))
            return primary.ToLowerInvariant();
        if (CodeByThreeLetters.TryGetValue(primary, out var fromThree))
            return fromThree;
        return CodeByName.TryGetValue(value, out var fromName) ? fromName : null;
    }
}
