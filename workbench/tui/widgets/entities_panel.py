"""Provides `EntitiesPanel`: the article's mentions grouped by kind, each with its entity.

Repeated mentions of one name that resolved to one entity are one row ("×3"), which is what
`fix-mention` acts on: fixing "Hama" -> "Hamas" fixes every occurrence in the article.
Rows are `Text`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..marks import ENTITY_KINDS, MENTION_KINDS


@dataclass
class MentionGroup:
    kind: str
    text: str
    entity_id: int | None
    entity: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [m["id"] for m in self.mentions]


def group_mentions(mentions: list[dict[str, Any]]) -> list[MentionGroup]:
    groups: dict[tuple, MentionGroup] = {}
    for m in mentions:
        key = (m["kind"], m["text"].casefold(), m.get("entity_id"))
        if key not in groups:
            groups[key] = MentionGroup(m["kind"], m["text"], m.get("entity_id"), m.get("entity"))
        groups[key].mentions.append(m)
    order = list(MENTION_KINDS)
    return sorted(
        groups.values(),
        key=lambda g: (order.index(g.kind) if g.kind in order else 99, g.mentions[0]["start"]),
    )


class EntitiesPanel(OptionList):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.groups: list[MentionGroup] = []
        self._index: dict[str, MentionGroup] = {}

    def show(
        self, mentions: list[dict[str, Any]], groups: list[MentionGroup] | None = None
    ) -> None:
        """The mentions grouped (or `groups`, already grouped in a loading thread)."""
        self.groups = group_mentions(mentions) if groups is None else groups
        self._index = {}
        options: list[Option] = []
        kind = None
        for n, group in enumerate(self.groups):
            if group.kind != kind:
                kind = group.kind
                count = sum(1 for g in self.groups if g.kind == kind)
                heading = MENTION_KINDS.get(kind, (kind, kind.title()))[1]
                options.append(Option(Text(f"{heading} ({count})", style="bold"), disabled=True))
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(f"  {group.text}")
            if len(group.mentions) > 1:
                label.append(f" ×{len(group.mentions)}", style="dim")
            if group.kind in ENTITY_KINDS:
                label.append(" → ")
                if group.entity:
                    label.append(group.entity, style="bold")
                else:
                    label.append("(unresolved)", style="italic")
            else:
                value = group.mentions[0].get("value")
                if value:
                    label.append(f" = {value}", style="dim")
            option_id = f"g{n}"
            self._index[option_id] = group
            options.append(Option(label, id=option_id))
        if not options:
            options.append(Option(Text("No mentions found in this article."), disabled=True))
        self.clear_options()
        self.add_options(options)
        self._highlight_first()

    def _highlight_first(self) -> None:
        for i, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = i
                return

    def current(self) -> MentionGroup | None:
        option = self.highlighted_option
        return self._index.get(option.id) if option is not None and option.id else None

    def highlight_mention(self, mention_id: int) -> bool:
        for option_id, group in self._index.items():
            if mention_id in group.ids:
                self.highlighted = self.get_option_index(option_id)
                return True
        return False
