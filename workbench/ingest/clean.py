"""Provides decoding and HTML-to-text for input files; the cleaning of untrusted text itself
is `workbench.base.untrusted` (re-exported here for the readers).
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..base.untrusted import clean_field, clean_json, clean_text

__all__ = [
    "BOMS",
    "DecodeError",
    "clean_field",
    "clean_json",
    "clean_text",
    "decode",
    "html_to_text",
]


class DecodeError(ValueError):
    pass


BOMS = (  # longest first: the UTF-32 little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), or UTF-16/32 when a byte-order mark says so (Windows tools
    write those); refuse binary data and invalid text with a clear reason."""
    if not raw.strip():
        raise DecodeError("empty file")
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)  # the codec reads and drops the BOM
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"not valid {codec.upper()} (byte order mark present; bad bytes at "
                    f"offset {exc.start})"
                ) from None
            if not text.strip():
                raise DecodeError("empty file")
            return text
    head = raw[:8192]
    if b"\x00" in head:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise DecodeError(f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})") from None
    return text


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
