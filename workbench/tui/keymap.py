"""Provides keymap loading: TOML files mapping binding ids to keys, checked before start.

Layers, each overriding the one before: the keys declared on the `Binding`s in code,
`keybindings/default.toml`, an optional preset (`vim.toml`), the user's file
(`$XDG_CONFIG_HOME/workbench/keys.toml`, default `~/.config/workbench/keys.toml`) and a file
given with `--keymap`. A user file may name a preset with `preset = "vim"`.

Textual ignores unknown ids and lets a later binding silently shadow another, so every file
is validated here: an unknown id, a malformed key or two actions on one key in the same
screen raise `KeymapError` naming the file and the entry, and the app does not start.
"""

from __future__ import annotations

import os
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.keys import (
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    Keys,
    _character_to_key,
    key_to_character,
)

from ..base.inputs import InputError, read_regular

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
MAX_KEYMAP_BYTES = 1024 * 1024
BUILTIN = "built-in defaults"
_NAMED = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
_NAMED |= {"space", "enter", "tab", "backspace", "escape", "newline"}
_NAMED |= set(KEY_TO_UNICODE_NAME) | set(KEY_NAME_REPLACEMENTS.values())


class KeymapError(Exception):
    """A keymap file the app refuses to start with; the message names file and entry."""


@dataclass(frozen=True)
class BindingInfo:
    """One rebindable binding: where it lives and what it does."""

    id: str
    key: str  # the default, as declared in code
    action: str
    description: str
    scope: str  # "app" (active on every screen) or a screen name


def keybindings_dir() -> Path:
    """The repository's keybindings/ in a checkout, the packaged copy in a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "keybindings", here / "_keybindings"):
        if (candidate / "default.toml").exists():
            return candidate
    raise FileNotFoundError("keybindings/default.toml is missing from this installation")


def user_keymap_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "workbench" / "keys.toml"


def presets() -> list[str]:
    return sorted(p.stem for p in keybindings_dir().glob("*.toml"))


def normalize_key(key: str) -> str:
    """Textual's spelling of one key: '?' -> 'question_mark', 'ctrl+/' -> 'ctrl+slash'."""
    *mods, base = key.split("+") if not key.endswith("++") else [*key[:-2].split("+"), "+"]
    if len(base) == 1:
        base = _character_to_key(base)
    return "+".join([*mods, base])


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can deliver, or None when it is fine."""
    if not key:
        return "an empty key (check for a stray comma)"
    if key != key.strip() or " " in key:
        return f"{key!r} contains spaces (write 'space' for the space bar)"
    parts = key[:-2].split("+") + ["+"] if key.endswith("++") else key.split("+")
    *mods, base = parts
    for mod in mods:
        if mod not in MODIFIERS:
            return f"{key!r}: unknown modifier {mod!r} (use {', '.join(MODIFIERS)})"
    if len(set(mods)) != len(mods):
        return f"{key!r} repeats a modifier"
    if len(base) == 1:
        if not base.isprintable():
            return f"{key!r} is not a printable key"
        if "shift" in mods and base.isalpha():
            return f"{key!r}: write the capital letter {base.upper()!r} for shift+{base}"
        return None
    if base in _NAMED:
        return None
    try:
        unicodedata.lookup(base.replace("_", " ").upper())
        return None
    except KeyError:
        pass
    import difflib  # only for the error message

    close = difflib.get_close_matches(base, sorted(_NAMED), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{key!r}: unknown key name {base!r}{hint}"


def split_keys(value: str) -> list[str]:
    # A lone "," would be ambiguous with the separator; Textual calls that key "comma".
    return [k.strip() for k in value.split(",")]


def read_keymap_file(path: Path, known: Iterable[str]) -> tuple[dict[str, str], str | None]:
    """Parse and check one file: ({id: "key,key"}, preset named in it or None)."""
    known = set(known)
    try:
        # A regular file of sane size only: a FIFO given as --keymap would block forever.
        data = tomllib.loads(read_regular(path, MAX_KEYMAP_BYTES).decode("utf-8"))
    except InputError as exc:
        if str(exc) == "no such file or directory":
            raise KeymapError(f"{path}: keymap file not found") from None
        raise KeymapError(f"{path}: cannot read the keymap ({exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KeymapError(f"{path}: not a valid TOML file ({exc})") from None
    except RecursionError:
        raise KeymapError(f"{path}: not a valid keymap (nested too deeply)") from None
    preset = data.pop("preset", None)
    if preset is not None and (not isinstance(preset, str) or preset not in presets()):
        raise KeymapError(f"{path}: entry 'preset': {preset!r} is not one of {presets()}")
    out: dict[str, str] = {}
    for binding_id, value in data.items():
        if binding_id not in known:
            import difflib  # only for the error message

            close = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise KeymapError(f"{path}: entry {binding_id!r}: unknown binding id{hint}")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            raise KeymapError(
                f'{path}: entry {binding_id!r}: keys must be a string like "j,down", '
                f"not {type(value).__name__}"
            )
        for key in split_keys(value):
            problem = key_problem(key)
            if problem:
                raise KeymapError(f"{path}: entry {binding_id!r}: {problem}")
        out[binding_id] = ",".join(normalize_key(k) for k in split_keys(value))
    return out, preset


def _typed(key: str) -> bool:
    char = key_to_character(key)
    return char is not None and char.isprintable()


def check_clashes(
    bindings: Iterable[BindingInfo],
    keymap: Mapping[str, str],
    origins: Mapping[str, str],
    reserved: Mapping[str, Mapping[str, str]] = {},  # noqa: B006 - read only
    modal: Iterable[str] = (),
    typing: Iterable[str] = (),
    layers: Iterable[str] = (),
) -> None:
    """Two actions on one key in one screen.

    App-wide bindings count on every screen except modal ones (Textual stops the binding
    chain at a modal screen). `reserved` maps a scope ("app" for every screen) to keys
    Textual binds itself there, with their action. On screens where the analyst types
    (`typing`), a printable key would go into the text field and never reach its action.
    """
    modal, typing = set(modal), set(typing)
    order = [BUILTIN, *dict.fromkeys(layers)]

    def rank(origin: str) -> int:
        return order.index(origin) if origin in order else 0

    by_scope: dict[str, list[BindingInfo]] = {}
    for info in bindings:
        by_scope.setdefault(info.scope, []).append(info)
    app_wide = by_scope.pop("app", [])
    for scope, infos in sorted(by_scope.items()) or [("app", [])]:
        chain = infos if scope in modal else [*app_wide, *infos]
        owner: dict[str, str] = {}
        for where in (scope,) if scope in modal else ("app", scope):
            for key, action in reserved.get(where, {}).items():
                owner[normalize_key(key)] = f"built-in {action}"
        for info in chain:
            for key in split_keys(keymap.get(info.id, info.key)):
                key = normalize_key(key)
                other = owner.get(key)
                origin = origins.get(info.id, BUILTIN)
                if scope in typing and info.scope == scope and _typed(key):
                    raise KeymapError(
                        f"{origin}: entry {info.id!r}: key {key!r} would be typed into the "
                        f"text field on the {scope} screen; use a ctrl+ or function key"
                    )
                if other and other not in (info.id, f"built-in {info.action}"):
                    # Blame the entry from the later layer: that is the one the user wrote.
                    entry, against = info.id, other
                    if rank(origins.get(other, BUILTIN)) > rank(origin):
                        entry, against = other, info.id
                    raise KeymapError(
                        f"{origins.get(entry, BUILTIN)}: entry {entry!r}: key {key!r} is also "
                        f"bound to {against!r} on the {scope} screen"
                    )
                owner[key] = info.id


def load_keymap(
    bindings: list[BindingInfo],
    *,
    preset: str | None = None,
    user_file: Path | None | bool = True,
    extra_file: Path | None = None,
    reserved: Mapping[str, Mapping[str, str]] = {},  # noqa: B006 - read only
    modal: Iterable[str] = (),
    typing: Iterable[str] = (),
) -> dict[str, str]:
    """The validated keymap for `App.set_keymap()`, every layer merged."""
    known = {b.id for b in bindings}
    keymap: dict[str, str] = {}
    origins: dict[str, str] = {}
    applied: list[str] = []

    def layer(path: Path) -> str | None:
        values, named = read_keymap_file(path, known)
        keymap.update(values)
        origins.update(dict.fromkeys(values, str(path)))
        applied.append(str(path))
        return named

    folder = keybindings_dir()
    layer(folder / "default.toml")
    user = user_keymap_path() if user_file is True else (user_file or None)
    user_values: tuple[dict[str, str], str | None] | None = None
    if user is not None and Path(user).exists():
        user_values = read_keymap_file(Path(user), known)
    extra_values = read_keymap_file(Path(extra_file), known) if extra_file else None
    # A preset named on the command line wins over one named in a file.
    named = preset or (extra_values and extra_values[1]) or (user_values and user_values[1])
    if named and named != "default":
        if named not in presets():
            raise KeymapError(f"--preset: {named!r} is not one of {presets()}")
        layer(folder / f"{named}.toml")
    for path, values in ((user, user_values), (extra_file, extra_values)):
        if values:
            keymap.update(values[0])
            origins.update(dict.fromkeys(values[0], str(path)))
            applied.append(str(path))
    check_clashes(bindings, keymap, origins, reserved, modal, typing, applied)
    return keymap
