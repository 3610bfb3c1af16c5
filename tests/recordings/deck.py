"""Writes deck.html (a keyboard-driven slide deck with bullet builds and fades) and page.html (a long
article) into the folder given, for record.sh browser."""
import sys
from pathlib import Path

SLIDES = [
    ("Quarterly review", ["Revenue grew in every region", "Churn fell to four percent",
                          "Two new markets opened", "Margins held at 31 percent"]),
    ("Platform", ["Search ships to everyone", "Sharing is in beta",
                  "Uptime was 99.95 percent", "Costs stayed flat"]),
    ("Next quarter", ["Hire two platform engineers", "Launch the mobile app",
                      "Open the Berlin office", "Review pricing"]),
    ("Questions?", []),
]

DECK = """<!doctype html><html><head><meta charset="utf-8"><title>Deck</title><style>
html,body{margin:0;height:100%;background:#f4f1ea;font-family:'DejaVu Sans',sans-serif;overflow:hidden}
section{position:absolute;inset:0;padding:70px 110px;opacity:0;transform:translateX(60px);
  transition:opacity .6s ease,transform .6s ease}
section.on{opacity:1;transform:none}
h1{font-size:60px;color:#1d3557;margin:0 0 40px;border-bottom:6px solid #e63946;padding-bottom:18px}
li{font-size:38px;color:#333;margin:22px 0;opacity:0;transition:opacity .35s}
li.on{opacity:1}
footer{position:absolute;bottom:24px;right:40px;font-size:20px;color:#888}
</style></head><body>
%s
<script>
const slides=[...document.querySelectorAll('section')];let s=0;
slides[0].classList.add('on');
addEventListener('keydown',e=>{if(e.key!=='ArrowRight')return;
  const next=slides[s].querySelector('li:not(.on)');
  if(next){next.classList.add('on');return;}
  if(s+1<slides.length){slides[s].classList.remove('on');s++;slides[s].classList.add('on');return;}
  location.href='page.html';});
</script></body></html>"""

PARAGRAPH = ("Frame selection keeps each state of a screen once it is complete. A page that scrolls shows "
             "new text at the bottom while the text at the top leaves; what matters to a reader is each "
             "screenful once it holds still. ")


def main() -> None:
    folder = Path(sys.argv[1])
    sections = []
    for i, (title, bullets) in enumerate(SLIDES, 1):
        items = "".join(f"<li>{b}</li>" for b in bullets)
        sections.append(f"<section><h1>{title}</h1><ul>{items}</ul><footer>{i} / {len(SLIDES)}</footer></section>")
    (folder / "deck.html").write_text(DECK.replace("%s", "\n".join(sections)), encoding="utf-8")
    body = []
    for n in range(1, 41):
        body.append(f"<h2>Section {n}</h2><p>{PARAGRAPH * 3}</p>")
    (folder / "page.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Article</title><style>"
        "body{font-family:'DejaVu Serif',serif;max-width:900px;margin:40px auto;font-size:22px;line-height:1.5;color:#222}"
        "h2{color:#1d3557}</style></head><body><h1>How frames are chosen</h1>" + "".join(body) + "</body></html>",
        encoding="utf-8")


if __name__ == "__main__":
    main()
