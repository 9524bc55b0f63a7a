"""A BibTeX expression resolved against @string macros: one definition, for CSL-JSON and export."""

from __future__ import annotations

import time

import pytest

from refs.bibtex import MAX_CHARS, Macro, Strings
from refs.csl_json import entry_to_csl
from refs.export.csl_json import csl_items
from refs.model import Entry


def _literal(name: str, value: str) -> Macro:
    return Macro(name, value)


def _expression(name: str, value: str) -> Macro:
    return Macro(name, value, is_expression=True)


@pytest.mark.parametrize(
    ("macros", "expression", "text"),
    [
        pytest.param(
            [_literal("acl", "Proc. of {ACL}")],
            'acl # " 2020"',
            "Proc. of {ACL} 2020",
            id="literal-macro",
        ),
        pytest.param(
            [_literal("a", "Proc."), _expression("b", 'a # " of ACL"')],
            'b # " 2020"',
            "Proc. of ACL 2020",
            id="macro-of-a-macro",
        ),
        pytest.param(
            [_expression("b", 'a # " of ACL"'), _literal("a", "Proc.")],
            "b",
            "Proc. of ACL",
            id="macro-defined-after-its-use",
        ),
        pytest.param(
            [_expression("c", "b # b"), _expression("b", "a # a"), _literal("a", "x")],
            "c",
            "xxxx",
            id="chain",
        ),
        pytest.param([], "jan # { } # DEC", "January December", id="month-macros"),
        pytest.param([_literal("jan", "Jan.")], "jan", "Jan.", id="defined-month-wins"),
        pytest.param([_literal("ACL", "Assoc.")], "acl", "Assoc.", id="case-insensitive"),
        pytest.param([], "Unknown", "Unknown", id="unknown-keeps-name"),
        pytest.param(
            [_expression("a", "b"), _expression("b", 'a # "x"')],
            'a # "-" # b',
            "a-b",
            id="cycle-keeps-names",
        ),
        pytest.param([_expression("a", 'a # "x"')], "a", "a", id="self-reference-keeps-name"),
        pytest.param(
            [_expression("a", "b"), _expression("b", "a"), _expression("c", 'a # " and c"')],
            "c",
            "a and c",
            id="macro-using-a-cycle-resolves",
        ),
        pytest.param(
            [
                _expression("a", "d"),
                _expression("d", "c"),
                _expression("c", "a"),
                _expression("b", "c"),
            ],
            "b # a",
            "ca",
            id="every-member-of-a-cycle-found",
        ),
    ],
)
def test_expressions_resolve_as_bibtex_joins_them(
    macros: list[Macro], expression: str, text: str
) -> None:
    assert Strings.of(macros).resolve(expression).text == text


@pytest.mark.parametrize(
    ("macros", "expression", "joins"),
    [
        pytest.param([], '"\\inp" # "ut{x}"', True, id="literal-pieces"),
        pytest.param([_literal("a", "\\inp")], 'a # "ut{x}"', True, id="macro-then-letters"),
        pytest.param([_literal("a", "ut")], '"\\" # a', True, id="lone-backslash-then-macro"),
        pytest.param(
            [_literal("a", "\\in"), _expression("b", 'a # "p"')],
            'b # "ut"',
            True,
            id="across-three-pieces",
        ),
        pytest.param([], '"\\textbf" # "{x}"', False, id="brace-after-command"),
        pytest.param([], '"\\LaTeX" # " rules"', False, id="blank-after-command"),
        pytest.param([], '"Proc. of" # " ACL"', False, id="no-command"),
    ],
)
def test_pieces_that_join_into_a_command_name_are_told(
    macros: list[Macro], expression: str, joins: bool
) -> None:
    assert Strings.of(macros).resolve(expression).joins_command is joins


def _doubling(steps: int, seed: str = "x") -> list[Macro]:
    """``a0 = "x"``, ``a1 = a0 # a0`` …: ``a{steps}`` is 2**steps characters long."""
    return [
        _literal("a0", seed),
        *(_expression(f"a{i}", f"a{i - 1} # a{i - 1}") for i in range(1, steps + 1)),
    ]


def test_an_exponential_chain_is_cut_at_the_limit_quickly() -> None:
    started = time.monotonic()
    strings = Strings.of(_doubling(200))
    resolved = strings.resolve("a200")
    assert len(resolved.text) == MAX_CHARS
    assert resolved.cut
    assert strings.too_long() == [f"a{i}" for i in range(20, 201)]
    assert time.monotonic() - started < 5


def test_a_cut_value_keeps_its_braces_paired() -> None:
    strings = Strings.of(_doubling(8, seed="{a{b}"), limit=7)  # "{a{b}{a{" cut at 7
    resolved = strings.resolve("a8")
    assert resolved.cut
    assert resolved.text == "{a{b}{a}}"


def test_a_chain_of_empty_values_costs_nothing() -> None:
    started = time.monotonic()
    assert Strings.of(_doubling(500, seed="")).resolve('a500 # "end"').text == "end"
    assert time.monotonic() - started < 1


def test_a_long_chain_is_no_deep_recursion() -> None:
    macros = [
        _literal("a0", "x"),
        *(_expression(f"a{i}", f'a{i - 1} # "y"') for i in range(1, 20000)),
    ]
    assert Strings.of(macros).resolve("a19999").text == "x" + "y" * 19999


def test_csl_json_resolves_macros_that_use_macros() -> None:
    macros = [_literal("a", "Proceedings of"), _expression("b", 'a # " ACL"')]
    entry = Entry(
        "k", "inproceedings", {"booktitle": 'b # " 2020"'}, macros=frozenset({"booktitle"})
    )
    assert entry_to_csl(entry, Strings.of(macros))["container-title"] == "Proceedings of ACL 2020"
    warnings: list[str] = []
    (item,) = csl_items([entry], macros, warnings)
    assert item["container-title"] == "Proceedings of ACL 2020"
    assert warnings == []


def test_csl_json_export_warns_of_a_cut_macro() -> None:
    entry = Entry("k", "misc", {"title": "a30"}, macros=frozenset({"title"}))
    warnings: list[str] = []
    (item,) = csl_items([entry], _doubling(30), warnings)
    assert len(str(item["title"])) == MAX_CHARS
    assert (
        "@string 'a30' expands to more than 1,000,000 characters; its value is cut there"
        in warnings
    )
