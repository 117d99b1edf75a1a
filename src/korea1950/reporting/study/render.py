"""The report as Markdown and as one self-contained HTML page (figures embedded)."""

import base64
import re
from pathlib import Path

import markdown

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 62rem; margin: 1rem auto;
       padding: 0 1rem; line-height: 1.45; color: #222; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0.5rem 0; }
section.summary { background: #f4f7fb; border: 1px solid #c9d6e6; border-radius: 6px;
                  padding: 0 1rem; }
section.summary h2 { margin: 0.6rem 0 0.3rem; }
section.summary p, section.summary ol { margin: 0.4rem 0; }
section.summary li { margin: 0.2rem 0; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; display: block;
        overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #f3f3f3; }
img { max-width: 100%; }
blockquote { border-left: 4px solid #ccc; margin-left: 0; padding-left: 1rem; color: #555; }
code { background: #f5f5f5; padding: 0 0.2rem; }
"""


def embed_images(html: str, base: Path) -> str:
    """Replace relative PNG references by data URIs so the page stands alone."""
    def inline(match: re.Match) -> str:
        path = base / match.group(1)
        if not path.is_file():
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'src="data:image/png;base64,{data}"'

    return re.sub(r'src="([^":]+\.png)"', inline, html)


def box_summary(html: str) -> str:
    """Set the summary (from its heading to the next) in a box, so it reads as the first screen."""
    start, end = html.find('<h2 id="summary">'), html.find('<h2 id="contents">')
    if start < 0 or end < start:
        return html
    return (f'{html[:start]}<section class="summary">\n{html[start:end]}</section>\n'
            f"{html[end:]}")


def to_html(text: str, base: Path, title: str) -> str:
    """Render Markdown to a complete HTML page with its figures inlined.

    The ``toc`` extension gives every heading an id, which the report's contents link to.
    """
    body = box_summary(markdown.markdown(text, extensions=["tables", "sane_lists", "toc"]))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{embed_images(body, base)}\n</body>\n</html>\n")
