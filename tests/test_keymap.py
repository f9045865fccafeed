"""Keymap files: layers, presets, and the errors that stop the app before it starts."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tui_support import build_db, event_row, make_app, open_review, settle

from workbench.cli import main
from workbench.tui import KeymapError, build_keymap
from workbench.tui.keymap import key_problem


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_and_vim_preset_load():
    keys = build_keymap()
    assert keys["confirm-event"] == "c"
    assert keys["show-help"] == "question_mark,f1"
    vim = build_keymap("vim")
    assert vim["next-event"] == "j,down" and vim["next-article"] == "J"
    assert vim["confirm-event"] == "c"  # not in the preset: default kept


def test_user_file_overrides_and_names_a_preset(config_home):
    write(config_home / "workbench" / "keys.toml", 'preset = "vim"\nconfirm-event = "c,enter"\n')
    keys = build_keymap()
    assert keys["confirm-event"] == "c,enter"
    assert keys["next-event"] == "j,down"


def test_keymap_option_wins_over_user_file(config_home, tmp_path):
    write(config_home / "workbench" / "keys.toml", 'reject-event = "X"\n')
    extra = write(tmp_path / "mine.toml", 'reject-event = "z"\nexport-data = "ctrl+e"\n')
    assert build_keymap(keymap_file=str(extra))["reject-event"] == "z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('confirm-evnt = "c"\n', "entry 'confirm-evnt': unknown binding id (did you mean 'confirm-event'?)"),
        ('confirm-event = "ctrl+shift+"\n', "entry 'confirm-event'"),
        ('confirm-event = "hyperspace"\n', "unknown key name 'hyperspace'"),
        ('confirm-event = "cmd+c"\n', "unknown modifier 'cmd'"),
        ('confirm-event = "c,,x"\n', "an empty key"),
        ('confirm-event = "shift+c"\n', "write the capital letter 'C'"),
        ('confirm-event = 3\n', "keys must be a string"),
        ('confirm-event = "x"\n', "key 'x' is also bound to 'reject-event' on the Review screen"),
        ('undo = "c"\n', "key 'c' is also bound to 'confirm-event' on the Review screen"),
        ('confirm-event = "ctrl+q"\n', "also bound to 'built-in quit'"),
        ('save-event = "s"\n', "would be typed into the text field on the Edit screen"),
        ('save-event = "ctrl+a"\n', "built-in text field home"),
        ('preset = "emacs"\n', "entry 'preset': 'emacs' is not one of"),
        ("confirm-event = \n", "not a valid TOML file"),
    ],
)  # fmt: skip
def test_bad_files_name_the_file_and_entry(tmp_path, text, expected):
    bad = write(tmp_path / "bad.toml", text)
    with pytest.raises(KeymapError) as err:
        build_keymap(keymap_file=str(bad))
    message = str(err.value)
    assert message.startswith(str(bad)), message
    assert expected in message, message


def test_same_key_on_different_screens_is_fine(tmp_path):
    ok = write(tmp_path / "ok.toml", 'next-page = "x"\n')  # x is reject-event on Review only
    assert build_keymap(keymap_file=str(ok))["next-page"] == "x"


def test_swapping_two_keys_is_not_a_clash(tmp_path):
    ok = write(tmp_path / "swap.toml", 'confirm-event = "x"\nreject-event = "c"\n')
    keys = build_keymap(keymap_file=str(ok))
    assert (keys["confirm-event"], keys["reject-event"]) == ("x", "c")


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(KeymapError, match="keymap file not found"):
        build_keymap(keymap_file=str(tmp_path / "nope.toml"))


def test_key_names():
    for good in ("c", "C", "?", "question_mark", "ctrl+s", "f1", "pagedown", "space", "ctrl+slash"):
        assert key_problem(good) is None, good
    for bad in ("", " c", "ctrl+", "ctrl+bogus", "alt+alt+x"):
        assert key_problem(bad), bad


def test_cli_refuses_to_start_with_a_bad_keymap(tmp_path):
    bad = write(tmp_path / "bad.toml", 'confirm-evnt = "c"\n')
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "x.db"), "open", "--keymap", str(bad)]
    )
    assert result.exit_code == 1
    assert "bad.toml: entry 'confirm-evnt'" in result.output


async def test_rebound_key_drives_the_app(tmp_path):
    path = str(tmp_path / "k.db")
    ids = build_db(path)
    mine = write(tmp_path / "mine.toml", 'confirm-event = "y"\nnext-event = "j"\n')
    app = make_app(path, keymap_file=str(mine))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await pilot.press("c")  # no longer bound
        await pilot.press("j", "y")
        await settle(pilot, app)
    assert event_row(path, ids["events"][0])["status"] == "proposed"
    assert event_row(path, ids["events"][1])["status"] == "confirmed"


async def test_vim_preset_drives_the_app(tmp_path):
    path = str(tmp_path / "v.db")
    ids = build_db(path)
    app = make_app(path, preset="vim")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await pilot.press("j", "j", "x", "J")
        await settle(pilot, app)
        assert app.screen.article_id == ids["articles"][1]
    assert event_row(path, ids["events"][2])["status"] == "rejected"
