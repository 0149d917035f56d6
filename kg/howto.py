"""The README's "How to ask" section (query patterns for analysts) as blocks the ontology docs render.

The README is the one place the patterns are written; ``sgkg docs`` shows the same text, so the two
cannot drift apart. Only the Markdown the section uses is understood: ``###`` headings, paragraphs,
fenced code blocks, ``-`` lists, inline ``code`` and ``**bold**``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

README_FILE = Path(__file__).resolve().parents[1] / "README.md"
SECTION = "## How to ask"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n?", re.S | re.M)
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading" | "paragraph" | "code" | "list"
    html: tuple[Markup, ...]  # one item, or one per list item
    language: str = ""


def section_text(readme: Path = README_FILE) -> str:
    """The section's Markdown (without its own heading), or "" when the README or the section is missing."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = text.find(SECTION + "\n")
    if start < 0:
        return ""
    body = text[start + len(SECTION) + 1:]
    end = re.search(r"^## ", body, re.M)
    return body[:end.start()] if end else body


def inline(text: str) -> Markup:
    """Escaped text with `code` and **bold** spans as HTML."""
    html = str(escape(" ".join(text.split())))
    html = _CODE.sub(r"<code>\1</code>", html)
    return Markup(_BOLD.sub(r"<strong>\1</strong>", html))


def _prose_blocks(text: str) -> list[Block]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.strip().splitlines()
        if not lines:
            continue
        if lines[0].startswith("### "):
            blocks.append(Block("heading", (inline(lines[0][4:]),)))
            lines = lines[1:]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append(Block("list", tuple(inline(line[2:]) for line in lines)))
        elif lines:
            blocks.append(Block("paragraph", (inline(" ".join(lines)),)))
    return blocks


def blocks(markdown: str) -> list[Block]:
    """The section as headings, paragraphs, code blocks and lists, in order."""
    found: list[Block] = []
    position = 0
    for fence in _FENCE.finditer(markdown):
        found += _prose_blocks(markdown[position:fence.start()])
        found.append(Block("code", (Markup(escape(fence.group(2).rstrip("\n"))),), fence.group(1)))
        position = fence.end()
    return found + _prose_blocks(markdown[position:])


def code_examples(markdown: str, language: str = "sparql") -> list[str]:
    """The text of every fenced block of ``language``."""
    return [m.group(2) for m in _FENCE.finditer(markdown) if m.group(1) == language]
