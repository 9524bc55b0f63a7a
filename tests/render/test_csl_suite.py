"""The CSL test-suite as a ratchet: the pass rate of refs.render can only go up."""

from __future__ import annotations

import pytest

from tests.render.csl_suite import SUITE, fixtures, known_failures, passes


def test_csl_suite_pass_rate_only_goes_up() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"{SUITE} is absent: clone the project with ../shared beside it")
    allowed = known_failures()
    new_failures, fixed = [], []
    for fixture in fixtures():
        ok = passes(fixture)
        if not ok and fixture.name not in allowed:
            new_failures.append(fixture.name)
        elif ok and fixture.name in allowed:
            fixed.append(fixture.name)
    assert not new_failures, f"fixtures that passed before now fail: {new_failures}"
    assert not fixed, (
        f"these fixtures pass now, remove it from known_failures "
        f"(tests/render/known_failures.txt): {fixed}"
    )
