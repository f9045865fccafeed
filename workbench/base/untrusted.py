"""Provides the cleaning of untrusted strings: once on the way in, and again on the way out.

Everything that comes from outside (article files, records, another analyst's export, a
name typed on a command line) can carry terminal escape sequences: cursor moves, a window
title, a clipboard write (OSC 52), a link (OSC 8). Viewing such a string would hand the
terminal those commands. So:

- **In** (`clean_text`, `clean_field`, `clean_json`): whole escape sequences are removed,
  then every other control character but newline and tab (and zero-width spaces, line and
  paragraph separators, byte-order marks); bidi embedding, override and isolate controls
  (which reorder what the reader sees, "Trojan source") become visible as `⟨U+202E⟩`. The
  choke points call these: ingest's `prepare` (every field of a record), import-events'
  reader (every string of every record), the store (analyst names, entity names, event
  fields).
- **Out** (`visible`, `one_line`, `json_text`, `shown_text`): a database written before
  this cleaning (or by another tool) may still hold such characters, so every path to a
  terminal shows them as `⟨U+001B⟩` instead of sending them; JSON output escapes them as
  `\\u001b`, which keeps the data exact; the TUI's connections read every text value
  through `shown_text`, one visible character for each unsafe one (offsets stay valid).

Rich markup (`[bold]`) is not touched: screens render text as `rich.text.Text`, never as
markup. Left-to-right and right-to-left marks (U+200E, U+200F) and joiners stay: they belong
to Arabic, Persian and Indic text and reorder nothing beyond their neighbours.
"""

from __future__ import annotations

import json
import re
from typing import Any

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings, other two-byte
# ESC sequences, and 8-bit CSI/OSC.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI}]")
# What must never reach a terminal raw: every control but newline and tab, bidi controls,
# separators a terminal may treat as line breaks.
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI}]")
_UNSAFE_OR_BREAK = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI}]")


def _shown(m: re.Match[str]) -> str:
    return f"⟨U+{ord(m.group()):04X}⟩"


# Any character one of the three passes below would change (ESC, 8-bit CSI/OSC and the
# other controls, separators, bidi controls): clean text, nearly all of it, is found
# without them. In ASCII text only the ASCII controls can be there, and deleting them from
# its bytes finds them 4x faster than a search of this character class.
_ANY_CHANGED = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200b\\u2028\\u2029\\ufeff{BIDI}]")
_ASCII_CHANGED = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])


def _unchanged(text: str) -> bool:
    """No character of the text would be removed or shown by `clean_text`."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_CHANGED)) == len(text)
    return _ANY_CHANGED.search(text) is None


def clean_text(text: str) -> tuple[str, int]:
    """Text in: newlines normalised, escape sequences and control characters removed, bidi
    controls made visible. Returns the text and how many characters were removed or made
    visible."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _unchanged(text):
        return text, 0
    before = len(text)
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    removed = before - len(text)
    text, shown = _BIDI.subn(_shown, text)
    return text, removed + shown


def clean_field(value: object) -> str:
    """A one-line field in (title, outlet, url, file name, a name): cleaned, whitespace
    collapsed."""
    if value is None:
        return ""
    text, _ = clean_text(str(value))
    return " ".join(text.split())


def clean_json(value: Any) -> Any:
    """Every string in a decoded JSON value (keys too) cleaned as text; the rest as is."""
    if isinstance(value, str):
        return clean_text(value)[0]
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    return value


def visible(text: str) -> str:
    """Out to a terminal: any control character but newline and tab, and any bidi control,
    shown as `⟨U+XXXX⟩` instead of sent."""
    return _UNSAFE.sub(_shown, text)


def one_line(value: object) -> str:
    """Out to a table cell or a one-line message: `visible`, and newlines and tabs as
    spaces."""
    text = "" if value is None else str(value)
    return _UNSAFE_OR_BREAK.sub(lambda m: " " if m.group() in "\n\t\r" else _shown(m), text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    return "\u2421" if code == 0x7F else "\ufffd"


def same_length(text: str) -> str:
    """Out to a screen that keeps character offsets (highlights, cursor): each unsafe
    character replaced by one visible one (`␛` for ESC, `�` for a C1 or bidi control)."""
    return _UNSAFE.sub(_picture, text) if _UNSAFE.search(text) else text


def shown_text(raw: bytes) -> str:
    """A `sqlite3` text factory for connections whose reads go to a screen: invalid UTF-8
    becomes `�` instead of an error, unsafe characters one visible character each."""
    return same_length(raw.decode("utf-8", "replace"))


def _escaped(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def json_text(value: Any, indent: int | None = None) -> str:
    """Out as JSON: like `json.dumps(ensure_ascii=False)`, with the characters JSON leaves
    raw that a terminal would obey (DEL, C1 controls, bidi controls, line separators)
    escaped as `\\uXXXX`; the decoded data is the same."""
    return escape_json(json.dumps(value, ensure_ascii=False, indent=indent))


def escape_json(text: str) -> str:
    """JSON text with those characters escaped (they can only be inside its strings)."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text
