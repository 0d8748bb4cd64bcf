"""Helpers for the core tests: code a text through the real pipeline (rules, actors, gazetteer, dates)."""
from __future__ import annotations

from datetime import date

DEFAULT_PUBLISHED = "2020-06-05"


class _Coder:
    def __call__(self, text: str, published: str | None = DEFAULT_PUBLISHED) -> list[dict]:
        from coder.explain import explain_text

        pub = date.fromisoformat(published) if published else None
        return explain_text(text, pub).rows

    def explain(self, text: str, published: str | None = DEFAULT_PUBLISHED) -> str:
        from coder.explain import explain_text, render

        pub = date.fromisoformat(published) if published else None
        return "\n" + render(explain_text(text, pub))


code_text = _Coder()
