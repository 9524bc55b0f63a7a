"""Punctuation at the seams of a rendered entry (`refs.render.punctuation`)."""

from __future__ import annotations

import pytest

from refs.render.punctuation import finish


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Why?. Next", "Why? Next", id="before-a-space"),
        pytest.param("Dialogues?., in Proc", "Dialogues?, in Proc", id="before-a-delimiter"),
        pytest.param("<i>Stop!</i>.", "<i>Stop!</i>", id="after-markup-at-the-end"),
        pytest.param("Why?.x", "Why?.x", id="inside-a-word-kept"),
    ],
)
def test_a_period_after_a_sentence_end_is_dropped(text: str, expected: str) -> None:
    assert finish(text, punctuation_in_quote=False) == expected
