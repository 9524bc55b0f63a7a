"""Title evidence (issue 16): short forms, one-letter edits and short titles, as named cases.

Each same-work case is a variant that READMEs and other tools print and that a plain ratio of
the titles missed; each different-works case is the look-alike of the same kind.
"""

from __future__ import annotations

import pytest

from refs.dedupe import DEFAULT_THRESHOLD, compare_entries
from refs.model import Entry

RLS = "Read, Listen, and See: Leveraging Multimodal Information Helps Chinese Spell Checking"
RLS_AUTHORS = "Xu, Heng-Da and Li, Zhongli and Zhou, Qingyu"


def paper(key: str, title: str, author: str, year: str, entry_type: str = "misc") -> Entry:
    return Entry(key, entry_type, {"title": title, "author": author, "year": year})


SAME_WORK = [
    pytest.param(
        paper("a", RLS, RLS_AUTHORS, "2021", "inproceedings"),
        paper("b", "Read, Listen, and See", RLS_AUTHORS, "2021"),
        "short-title",
        id="short-title-up-to-a-colon-with-the-same-authors",
    ),
    pytest.param(
        paper(
            "a", "Hokusai -- Sketching Streams in Real Time", "Matusevych, S. and Smola, A.", "2012"
        ),
        paper(
            "b", "Hokusai - Sketching Streams in Real Time", "Matusevych, S. and Smola, A.", "2012"
        ),
        "title-authors-year",
        id="dashes-differ",
    ),
    pytest.param(
        paper(
            "a",
            "Voint Cloud (Multi-View Point Cloud Representation for 3D)",
            "Hamdi, A. and Giancola, S.",
            "2023",
        ),
        paper("b", "Voint Cloud", "Abdullah Hamdi and Silvio Giancola", "2023"),
        "short-title",
        id="short-title-up-to-a-parenthesis-its-numbers-left-out",
    ),
    pytest.param(
        paper("a", "Structured Neural Summarization", "Fernandes, P. and Brockschmidt, M.", "2019"),
        paper(
            "b", "Structured Neural Summarizations", "Fernandes, P. and Brockschmidt, M.", "2019"
        ),
        "title-authors-year",
        id="singular-and-plural",
    ),
    pytest.param(
        paper("a", "The Fourier Policy Gradients", "Fellows, M. and Ciosek, K.", "2018"),
        paper("b", "Fourier Policy Gradients", "Fellows, M. and Ciosek, K.", "2018"),
        "title-authors-year",
        id="dropped-article",
    ),
    pytest.param(
        paper("a", "Spectral Hashing", "Weiss, Yair and Torralba, Antonio", "2008"),
        paper("b", "Spectral Hashing", "Weiss, Yair and others", "2008"),
        "title-authors-year",
        id="two-word-title-with-its-author-list-cut-short",
    ),
    pytest.param(
        paper("a", "Experience Grounds Language", "Bisk, Yonatan and Holtzman, Ari", "2020"),
        paper("b", "Experience Grounds Language", "Yonatan Bisk and Ari Holtzman", "2020"),
        "title-authors-year",
        id="three-word-title-same-two-people",
    ),
    pytest.param(
        paper("a", "Editing Factual Knowledge", "De Cao, Nicola and Aziz, Wilker", "2021"),
        paper("b", "Editing Factual Knowledge", "Cao, Nicola De and Aziz, Wilker", "2021"),
        "title-authors-year",
        id="a-particle-printed-as-a-given-name",
    ),
    pytest.param(
        paper("a", "Visual Widget Tuning", "Liu, Haotian and Li, Chunyuan", "2023"),
        paper("b", "Visual Widget Tuning", "", "2023"),
        "title-year",
        id="short-title-same-year-one-copy-without-authors",
    ),
    pytest.param(
        paper("a", "Supervised Clustering", "Awasthi, Pranjal and Zadeh, Reza", "2010"),
        paper("b", "SUPERVISED CLUSTERING", "Awasthi, Pranjal and Zadeh, Reza", "2010"),
        "title-authors-year",
        id="case-only-of-a-two-word-title",
    ),
    pytest.param(
        paper("a", "Mixtures of Factor Analyzers", "Ghahramani, Z. and Hinton, G.", "1999"),
        paper(
            "b", "Mixtures of Factor Analyzers", "Ghahramani, Z. and Hinton, G.", "2000", "article"
        ),
        "title-authors-year",
        id="preprint-a-year-earlier-with-a-short-title",
    ),
    pytest.param(
        paper("a", "Factored Translation Models", "Koehn, Philipp and Hoang, Hieu", "2007"),
        paper("b", "Factored Translation Models", "Philipp Koehn and Hieu Hoang", "2007"),
        "title-authors-year",
        id="three-word-title-with-the-same-authors",
    ),
]


@pytest.mark.parametrize(("x", "y", "rule"), SAME_WORK)
def test_same_work(x: Entry, y: Entry, rule: str) -> None:
    match = compare_entries(x, y)
    assert match.rule == rule
    assert match.is_confident(DEFAULT_THRESHOLD), match


DIFFERENT_OR_UNSURE = [
    pytest.param(
        paper("a", RLS, RLS_AUTHORS, "2021"),
        paper("b", "Read, Listen, and See", "Smith, John and Doe, Jane", "2021"),
        id="short-title-by-other-authors",
    ),
    pytest.param(
        paper(
            "a",
            "Online Continuous Submodular Maximization: From Full-Information to Bandit Feedback",
            "Zhang, Mingrui and Chen, Lin and Hassani, Hamed and Karbasi, Amin",
            "2019",
        ),
        paper(
            "b",
            "Online Continuous Submodular Maximization",
            "Lin Chen and Hamed Hassani and Amin Karbasi",
            "2018",
        ),
        id="follow-up-that-adds-an-author-and-reuses-the-earlier-title",
    ),
    pytest.param(
        paper("a", "Rembrandt - a named-entity recognition framework", "Cardoso, Nuno", "2008"),
        paper("b", "Rembrandt", "Cardoso, Nuno", "2008"),
        id="one-word-short-form-needs-more-than-one-author",
    ),
    pytest.param(
        paper("a", "Introduction", "Koehn, Philipp and Hoang, Hieu", "2007"),
        paper("b", "Introduction", "Koehn, Philipp and Hoang, Hieu", "2007"),
        id="generic-title",
    ),
    pytest.param(
        paper("a", "Erratum: Vortex annihilation", "Mazenko, G. and Wickham, R.", "1998"),
        paper("b", "Erratum", "Mazenko, G. and Wickham, R.", "1998"),
        id="generic-short-form",
    ),
    pytest.param(
        paper("a", "Spectral Hashing", "Weiss, Yair and Torralba, Antonio", "2008"),
        paper("b", "Spectral Hashing", "Weiss, Yair", "2008"),
        id="two-word-title-with-one-shared-author",
    ),
]


@pytest.mark.parametrize(("x", "y"), DIFFERENT_OR_UNSURE)
def test_not_merged(x: Entry, y: Entry) -> None:
    assert not compare_entries(x, y).is_confident(DEFAULT_THRESHOLD)
