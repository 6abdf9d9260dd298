"""The document record that flows through every pipeline stage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Document:
    """One article: what ingest read, what clean kept, what extract found.

    ``text`` is the original article text; every evidence span points into it.
    ``clean`` is the same length as ``text`` with web clutter blanked out, so
    an offset in ``clean`` is the same offset in ``text``.
    """

    text: str
    id: str | None = None
    url: str | None = None
    published: date | None = None
    lang: str | None = None
    title: str | None = None
    source: str | None = None  # file path, "-" for stdin, or "path:line" for JSON Lines
    clean: str = ""
    clutter: list[tuple[int, int]] = field(default_factory=list)  # blanked spans

    @property
    def content_hash(self) -> str:
        """Hash of the text alone: the same article read twice has the same hash."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def key(self) -> str:
        """The id to report: the given id, else a content hash."""
        return self.id if self.id else self.content_hash
