"""Provides text cleaning for untrusted input: decoding, escapes, control characters, HTML.

Article text is hostile: terminal escape sequences in it would reach the analyst's terminal
(cursor moves, window titles, clipboard writes). Whole escape sequences are removed, then any
other control character except newline and tab. Rich markup such as `[bold]` is left as
literal text: the UI renders text with `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and C1 CSI.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


class DecodeError(ValueError):
    pass


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped); refuse binary data and invalid UTF-8 with a clear reason."""
    if not raw.strip():
        raise DecodeError("empty file")
    head = raw[:8192]
    if b"\x00" in head:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise DecodeError(f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})") from None
    return text


def clean_text(text: str) -> tuple[str, int]:
    """Normalise newlines, remove escape sequences and control characters.

    Returns the text and how many characters were removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    before = len(text)
    if "\x1b" in text or "\x9b" in text:  # every escape starts with one (a C-speed test)
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text, before - len(text)


def clean_field(value: object) -> str:
    """A metadata field (title, outlet, url): one line, no control characters."""
    if value is None:
        return ""
    text, _ = clean_text(str(value))
    return " ".join(text.split())


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "figcaption",
}  # fmt: skip
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.drop = 0
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            a = {k: v or "" for k, v in attrs}
            name = a.get("property") or a.get("name") or ""
            if name and a.get("content"):
                self.meta[name.lower()] = a["content"]
        if tag in _DROP_TAGS:
            self.drop += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _DROP_TAGS:
            self.drop = max(0, self.drop - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.drop:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, dict[str, str]]:
    """Visible text (scripts and styles dropped), the <title>, and <meta> values."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n\n".join(line for line in lines if line)
    return text, " ".join("".join(parser.title_parts).split()), parser.meta
