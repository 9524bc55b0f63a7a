"""Each reference shape of survey READMEs, one named case each, on lines written for these tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from refs.parsing import Record, Shape, parse_document


@dataclass(frozen=True)
class Case:
    """A document and what its single reference occurrence must read as."""

    text: str
    line: int
    fields: dict[str, str]
    label: str | None = None
    shape: Shape = Shape.CITATION
    entry_type: str | None = None
    flags: tuple[str, ...] = ()
    absent: tuple[str, ...] = field(default=())


def _only(text: str) -> Record:
    result = parse_document(text, "README.md")
    assert len(result.records) == 1, [r.raw for r in result.records]
    return result.records[0]


CASES = [
    pytest.param(
        Case(
            "## References\n\n"
            '<a id="ref7">[7]</a> Mara Quill, Tobias Fenwick, and Ines Achterberg. '
            "**Sparse Routers for Modular Reasoning**. In EMNLP, 2022. "
            "[Paper](https://arxiv.org/abs/2210.04411v2)\n",
            3,
            {
                "title": "Sparse Routers for Modular Reasoning",
                "author": "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
                "booktitle": "EMNLP",
                "year": "2022",
                "eprint": "2210.04411",
                "archiveprefix": "arXiv",
                "url": "https://arxiv.org/abs/2210.04411v2",
            },
            label="7",
            entry_type="inproceedings",
        ),
        id="anchor-numbered-bold-title",
    ),
    pytest.param(
        Case(
            "Intro text.\n\n[12] Lena Brandt, Oskar Veil, Priya\nNandakumar, et al. **Quiet tokens:"
            " pruning attention\nheads without retraining**. arXiv preprint\narXiv:2304.01234,"
            " 2023. [Paper](https://arxiv.org/abs/2304.01234)\n",
            3,
            {
                "title": "Quiet tokens: pruning attention heads without retraining",
                "author": "Brandt, Lena and Veil, Oskar and Nandakumar, Priya and others",
                "journal": "arXiv preprint arXiv:2304.01234",
                "year": "2023",
                "eprint": "2304.01234",
            },
            label="12",
            entry_type="article",
        ),
        id="bracket-numbered-multiline-et-al",
    ),
    pytest.param(
        Case(
            "1. Hugo Marchetti and Sun-Hee Park. **Lattice Prompts**. ICLR 2023.\n",
            1,
            {"title": "Lattice Prompts", "author": "Marchetti, Hugo and Park, Sun-Hee"},
        ),
        id="dot-numbered",
    ),
    pytest.param(
        Case(
            "4) Ada Okafor, Ben Lutz. **Counting with Mirrors**. NeurIPS, 2021.\n",
            1,
            {"title": "Counting with Mirrors", "year": "2021", "booktitle": "NeurIPS"},
        ),
        id="paren-numbered",
    ),
    pytest.param(
        Case(
            "[4] Mara Quill and Tobias Fenwick. Sparse routers revisited. Journal of Imaginary "
            "Learning, 12(3):45\u201367, 2021.\n",
            1,
            {
                "title": "Sparse routers revisited",
                "journal": "Journal of Imaginary Learning",
                "volume": "12",
                "number": "3",
                "pages": "45--67",
                "year": "2021",
            },
            label="4",
            entry_type="article",
        ),
        id="numbered-plain-sentences-volume-pages",
    ),
    pytest.param(
        Case(
            "[9] Ouyang, Wei and Brandt, Lena. 2023b. **Heron: Tuning without Labels.** "
            "[[pdf](https://openreview.net/pdf?id=AbC123xyz)] [GitHub](https://github.com/x/heron)"
            " `https://heron.example.org/demo`\n",
            1,
            {
                "title": "Heron: Tuning without Labels",
                "author": "Ouyang, Wei and Brandt, Lena",
                "year": "2023",
                "url": "https://openreview.net/pdf?id=AbC123xyz",
                "refs-links": "https://github.com/x/heron https://heron.example.org/demo",
            },
            label="9",
        ),
        id="trailing-links-and-code-span-url",
    ),
    pytest.param(
        Case(
            "1. **Sparse Lanterns for Retrieval.** *Noor Haddad, Felix Brun, Kaito Mori.* ACL 2021."
            " [[pdf](https://aclanthology.org/2021.acl-long.77.pdf)] [[project](https://x.io/sl)]\n",
            1,
            {
                "title": "Sparse Lanterns for Retrieval",
                "author": "Haddad, Noor and Brun, Felix and Mori, Kaito",
                "booktitle": "ACL",
                "year": "2021",
                "url": "https://aclanthology.org/2021.acl-long.77.pdf",
            },
        ),
        id="thunlp-style",
    ),
    pytest.param(
        Case(
            "2. **Echo Chambers in Prompt Space.** arXiv 2023.5. *Rhea Voss, Tomas Lindqvist.* "
            "[[pdf](https://arxiv.org/pdf/2305.09999.pdf)]\n",
            1,
            {
                "title": "Echo Chambers in Prompt Space",
                "author": "Voss, Rhea and Lindqvist, Tomas",
                "year": "2023",
                "eprint": "2305.09999",
            },
        ),
        id="thunlp-any-order-yyyy-m",
    ),
    pytest.param(
        Case(
            "## Papers\n\n- [Gradient Lanterns: Probing Depth in Small Models]"
            "(https://arxiv.org/abs/2301.00042) - a short note, 2023\n",
            3,
            {"title": "Gradient Lanterns: Probing Depth in Small Models", "year": "2023"},
            shape=Shape.LINK,
        ),
        id="link-entry-bullet-note",
    ),
    pytest.param(
        Case(
            "* [**Mirror Decoding**](https://aclanthology.org/2022.emnlp-main.12/) :fire: \u2705\n"
            "  * nested note about it\n",
            1,
            {"title": "Mirror Decoding", "year": "2022"},
            shape=Shape.LINK,
        ),
        id="bold-link-entry-emoji-nested-bullets",
    ),
    pytest.param(
        Case(
            "3. [Tiny Critics Are Enough](https://openreview.net/forum?id=Zz9Yy8Xx), "
            "NeurIPS 2022\n",
            1,
            {"title": "Tiny Critics Are Enough", "year": "2022"},
            shape=Shape.LINK,
        ),
        id="numbered-link-entry-venue",
    ),
    pytest.param(
        Case(
            "- Orbit Tuning https://arxiv.org/abs/2112.05555\n",
            1,
            {"title": "Orbit Tuning", "year": "2021", "eprint": "2112.05555"},
            shape=Shape.BARE_URL,
        ),
        id="bare-paper-url-bullet",
    ),
    pytest.param(
        Case(
            "| Title | Venue | Date |\n|---|---|---|\n"
            "| Lantern Heads: Sparse Attention at Scale | ICML 2023 "
            "| [2302.11111](https://arxiv.org/abs/2302.11111) |\n",
            3,
            {
                "title": "Lantern Heads: Sparse Attention at Scale",
                "booktitle": "ICML",
                "year": "2023",
                "eprint": "2302.11111",
            },
            shape=Shape.TABLE_ROW,
        ),
        id="pipe-table-title-cell",
    ),
    pytest.param(
        Case(
            "| Paper | Date |\n| --- | --- |\n"
            "| [Folded Experts for Cheap Inference](https://example.org/folded.pdf) | 2024.02 |\n",
            3,
            {"title": "Folded Experts for Cheap Inference", "year": "2024"},
            shape=Shape.TABLE_ROW,
        ),
        id="pipe-table-linked-title-date",
    ),
    pytest.param(
        Case(
            "<table>\n<tr><th>Name</th><th>Paper</th><th>Year</th></tr>\n<tr>\n"
            "  <td>Heron</td>\n"
            '  <td><a href="https://arxiv.org/abs/2306.07777">Heron: Labels Optional</a></td>\n'
            "  <td>2023</td>\n</tr>\n</table>\n",
            3,  # the row's <tr>: an occurrence starts at its row, not at its title cell
            {"title": "Heron: Labels Optional", "year": "2023", "eprint": "2306.07777"},
            shape=Shape.TABLE_ROW,
        ),
        id="html-table-row",
    ),
    pytest.param(
        Case(
            "We build on\n[Quiet Tokens: Pruning Attention Heads](https://arxiv.org/abs/2304.01234)"
            " and more.\n",
            2,
            {"title": "Quiet Tokens: Pruning Attention Heads", "year": "2023"},
            shape=Shape.PROSE_LINK,
        ),
        id="prose-link-to-paper",
    ),
    pytest.param(
        Case(
            "[2] Andreas KÃ¶pf and Dimitri von RÃ¼tte. **Open conversationsâ€“aligned "
            "instruction-\ntuned models**. In Proceedings of the 61st Annual Meeting (Volume 1: "
            "Long Papers), pages 11\u201320, 2023.\n",
            1,
            {
                "title": "Open conversations\u2013aligned instruction-tuned models",
                "author": "Köpf, Andreas and von Rütte, Dimitri",
                "booktitle": "Proceedings of the 61st Annual Meeting (Volume 1: Long Papers)",
                "pages": "11--20",
            },
            label="2",
        ),
        id="mojibake-and-compound-hyphen",
    ),
    pytest.param(
        Case(
            "[5] Jonas Ekberg. **Steady Gradients**. Advances in Neural Information Processing "
            "Systems, 35:27730\u201327744, 2022.\n",
            1,
            {
                "booktitle": "Advances in Neural Information Processing Systems",
                "volume": "35",
                "pages": "27730--27744",
                "year": "2022",
            },
            label="5",
        ),
        id="venue-neurips-volume-pages",
    ),
    pytest.param(
        Case(
            "[6] Jonas Ekberg. **Steady Gradients**. arXiv preprint arXiv:2201.00001, 2022. "
            "[Paper](https://arxiv.org/abs/2109.00002)\n",
            1,
            {"eprint": "2201.00001"},
            label="6",
            flags=("id-mismatch",),
        ),
        id="printed-id-differs-from-link",
    ),
    pytest.param(
        Case(
            "- Ekberg, J. **Steady Gradients II**. Nature Physics. "
            "[doi](https://doi.org/10.1038/S41567-022-01234-5)\n",
            1,
            {"doi": "10.1038/s41567-022-01234-5", "journal": "Nature Physics"},
            flags=("no-year",),
        ),
        id="doi-link",
    ),
    pytest.param(
        Case(
            "- [alpaca-lite](https://github.com/example/alpaca-lite) small instruction data\n",
            1,
            {"title": "alpaca-lite"},
            shape=Shape.LINK,
            entry_type="software",
        ),
        id="repository-is-software",
    ),
    # General fixes found by the held-out documents (bench/heldout/), one case each.
    pytest.param(
        Case(
            "<ol>\n"
            '  <li id="ref-3">\n'
            "    Mara Quill and Tobias Fenwick.\n"
            "    <b>Sparse Routers for Modular Reasoning</b>. <i>Journal of Imaginary "
            "Learning</i>, 4(2):11&ndash;19, 2021.\n"
            "  </li>\n</ol>\n",
            2,
            {
                "title": "Sparse Routers for Modular Reasoning",
                "author": "Quill, Mara and Fenwick, Tobias",
                "journal": "Journal of Imaginary Learning",
                "pages": "11--19",
                "year": "2021",
            },
            label="3",
        ),
        id="html-list-item-with-id-bold-title-entities",
    ),
    pytest.param(
        Case(
            "<p>Earlier work such as\n"
            '<a href="https://arxiv.org/abs/2304.01234">Quiet Tokens: Pruning Attention Heads</a>'
            " showed this.</p>\n",
            2,
            {"title": "Quiet Tokens: Pruning Attention Heads", "year": "2023"},
            shape=Shape.PROSE_LINK,
        ),
        id="html-prose-link-to-paper",
    ),
    pytest.param(
        Case(
            "<ul>\n<li>Lena Brandt, Oskar Veil.<br>\n<b>Quiet Tokens</b><br>\n<i>TACL</i> 2023 "
            '| <a href="https://arxiv.org/abs/2304.01234">arXiv</a></li>\n</ul>\n',
            2,
            {
                "title": "Quiet Tokens",
                "author": "Brandt, Lena and Veil, Oskar",
                "journal": "TACL",
                "year": "2023",
            },
            entry_type="article",
        ),
        id="html-br-separates-parts",
    ),
    pytest.param(
        Case(
            "1. **Echo Chambers in Prompt Space.** ![](https://img.shields.io/badge/AAAI-2024-orange)"
            " *Rhea Voss, Tomas Lindqvist.* [[pdf](https://arxiv.org/abs/2305.09999)]\n",
            1,
            {"booktitle": "AAAI", "year": "2024", "eprint": "2305.09999"},
        ),
        id="venue-badge-is-read",
    ),
    pytest.param(
        Case(
            "| Title | Authors | Venue | Links |\n|---|---|---|---|\n"
            "| **Lantern Heads** ⭐ | Noor Haddad, Felix Brun | ICLR 2021 (Oral) "
            "| [arXiv](https://arxiv.org/abs/2101.00042) |\n",
            3,
            {
                "title": "Lantern Heads",
                "author": "Haddad, Noor and Brun, Felix",
                "booktitle": "ICLR",
                "note": "Oral",
                "year": "2021",
            },
            shape=Shape.TABLE_ROW,
        ),
        id="pipe-table-authors-column-star-and-oral-note",
    ),
    pytest.param(
        Case(
            "| Paper | Venue |\n|---|---|\n"
            "| [Folded Experts](https://arxiv.org/abs/2402.00001)<br>Kaito Mori, Rhea Voss "
            "| ICML 2024 |\n",
            3,
            {"title": "Folded Experts", "author": "Mori, Kaito and Voss, Rhea", "year": "2024"},
            shape=Shape.TABLE_ROW,
        ),
        id="table-title-cell-then-authors-after-br",
    ),
    pytest.param(
        Case(
            "[6] Ada Okafor. Counting with mirrors. In Proceedings of the 2020 Conference on "
            "Imaginary Methods, pages 1\u20139, 2020.\n",
            1,
            {"booktitle": "Proceedings of the 2020 Conference on Imaginary Methods"},
            label="6",
        ),
        id="year-inside-venue-name-stays",
    ),
    pytest.param(
        Case(
            "[7] Quill, M. Folded strings and mirrors. Adv. Theor. Imag. Phys. 2, 231\u2013252 "
            "(1998). arXiv:hep-th/9801001.\n",
            1,
            {
                "author": "Quill, M.",
                "title": "Folded strings and mirrors",
                "journal": "Adv. Theor. Imag. Phys",
                "volume": "2",
                "pages": "231--252",
                "year": "1998",
                "eprint": "hep-th/9801001",
            },
            label="7",
        ),
        id="inverted-initial-single-author-abbreviated-journal-nature-volume",
    ),
    pytest.param(
        Case(
            "[8] Quill, M., Fenwick, T., Achterberg, I. Sparse routing. Nature 521, 436\u2013444 "
            "(2015).\n",
            1,
            {
                "author": "Quill, M. and Fenwick, T. and Achterberg, I.",
                "title": "Sparse routing",
                "journal": "Nature",
                "volume": "521",
                "year": "2015",
            },
            label="8",
        ),
        id="inverted-initials-authors-last-initial-ends-list",
    ),
    pytest.param(
        Case(
            "[9] Quill M, Fenwick T, Achterberg IB. Sparse routers revisited. J Imag Learn. "
            "2020;21(4):1\u201367.\n",
            1,
            {
                "author": "Quill, M and Fenwick, T and Achterberg, IB",
                "title": "Sparse routers revisited",
                "year": "2020",
            },
            label="9",
        ),
        id="vancouver-authors",
    ),
    pytest.param(
        Case(
            "[10] Łukasz Brandt, Øystein Veil, and Ines Achterberg. Quiet tokens. In NeurIPS, "
            "2021.\n",
            1,
            {
                "author": "Brandt, Łukasz and Veil, Øystein and Achterberg, Ines",
                "title": "Quiet tokens",
            },
            label="10",
        ),
        id="names-capitalised-outside-ascii",
    ),
    pytest.param(
        Case(
            "[11] Quill, M., von Hallen, D., Fenwick, T., ... & Achterberg, I. (2022). "
            "Sparse routers at scale. Advances in Neural Information Processing Systems, 35, "
            "100-120.\n",
            1,
            {
                "author": "Quill, M. and von Hallen, D. and Fenwick, T. and Achterberg, I. "
                "and others",
                "title": "Sparse routers at scale",
                "booktitle": "Advances in Neural Information Processing Systems",
                "volume": "35",
                "pages": "100--120",
                "year": "2022",
            },
            label="11",
        ),
        id="apa-particle-and-ellipsis-authors",
    ),
    pytest.param(
        Case(
            "[12] ImaginaryLab. Lantern-1 Technical Report. arXiv preprint arXiv:2401.00001, "
            "2024.\n",
            1,
            {"author": "ImaginaryLab", "title": "Lantern-1 Technical Report", "year": "2024"},
            label="12",
        ),
        id="one-word-organisation-author",
    ),
    pytest.param(
        Case(
            "[13] Ada Okafor and Ben Lutz. Mirrors or lanterns? Counting with sparse routers. "
            "In Proceedings of EMNLP, pages 79\u201386, 2002.\n",
            1,
            {
                "title": "Mirrors or lanterns? Counting with sparse routers",
                "booktitle": "Proceedings of EMNLP",
            },
            label="13",
        ),
        id="question-opening-a-title",
    ),
    pytest.param(
        Case(
            "[14] Lantern Team. Lantern: a family of models. Technical report, Imaginary Labs, "
            "December 2023. arXiv:2312.00001.\n",
            1,
            {"author": "{Lantern Team}", "institution": "Imaginary Labs", "year": "2023"},
            label="14",
        ),
        id="technical-report-institution",
    ),
    pytest.param(
        Case(
            "- [Sparse Routers: A Survey](https://arxiv.org/abs/2212.00001) (ACL 2023) - "
            "Mara Quill, Tobias Fenwick, et al. \u2b50\n",
            1,
            {
                "title": "Sparse Routers: A Survey",
                "author": "Quill, Mara and Fenwick, Tobias and others",
                "booktitle": "ACL",
                "year": "2023",
            },
            shape=Shape.LINK,
        ),
        id="link-entry-venue-then-authors-after-dash",
    ),
    pytest.param(
        Case(
            "- [Quiet Tokens: A Survey](https://aclanthology.org/2023.findings-acl.1/) \u2014 "
            "Lena Brandt, Oskar Veil. Findings of ACL 2023.\n",
            1,
            {
                "author": "Brandt, Lena and Veil, Oskar",
                "booktitle": "Findings of ACL",
                "year": "2023",
            },
            shape=Shape.LINK,
        ),
        id="link-entry-long-venue-name",
    ),
    pytest.param(
        Case(
            "- [**Lanterns at Scale**](https://arxiv.org/abs/2303.00001), Rhea Voss, Kaito Mori, "
            "et al., 2023.\n",
            1,
            {"author": "Voss, Rhea and Mori, Kaito and others", "year": "2023"},
            shape=Shape.LINK,
        ),
        id="link-entry-authors-then-year",
    ),
    pytest.param(
        Case(
            "[14] Iris Tan. **Blogs Are Papers Too**, 2023. [Blog](https://iris.example.com/b)\n",
            1,
            {"title": "Blogs Are Papers Too", "url": "https://iris.example.com/b"},
            label="14",
            entry_type="online",
        ),
        id="blog-is-online",
    ),
    pytest.param(
        Case(
            "[1] Ann Lee. Deep nets for cats. *Journal of Signal, Image, and Sound Analysis*, "
            "4:1\u20139, 2020.\n",
            1,
            {"journal": "Journal of Signal, Image, and Sound Analysis", "volume": "4"},
            label="1",
        ),
        id="venue-topic-list-with-commas",
    ),
    pytest.param(
        Case(
            '[2] A. Lee, "Deep nets for dogs," *2019 International Conference on Vision, Speech '
            "and Robotics (ICVSR)*, Lisbon, Portugal, 2019, pp. 1-9.\n",
            1,
            {
                "booktitle": "International Conference on Vision, Speech and Robotics (ICVSR)",
                "note": "Lisbon; Portugal",
                "pages": "1--9",
            },
            label="2",
        ),
        id="venue-topic-list-then-place",
    ),
    pytest.param(
        Case(
            '[3] A. Lee, "Deep nets for owls," in Proc. 12th Int. Symp. Comput. Vis. Robotics, '
            "2021, pp. 3\u20139.\n",
            1,
            {"booktitle": "Proc. 12th Int. Symp. Comput. Vis. Robotics", "year": "2021"},
            label="3",
            entry_type="inproceedings",
        ),
        id="venue-iso4-abbreviated-words",
    ),
    pytest.param(
        Case(
            "[4] Ann Lee. Deep nets for bats. *Journal of Feline Studies* 12, no. 3 (2019): "
            "45\u201367.\n",
            1,
            {
                "journal": "Journal of Feline Studies",
                "volume": "12",
                "number": "3",
                "pages": "45--67",
                "year": "2019",
            },
            label="4",
        ),
        id="chicago-volume-issue-date",
    ),
    pytest.param(
        Case(
            "[5] Bo Chan. Web of things. https://example.org/things, 2021. Accessed 2022-05-06.\n",
            1,
            {"title": "Web of things", "year": "2021"},
            label="5",
        ),
        id="access-date-is-not-the-year",
    ),
    pytest.param(
        Case(
            "[6] Quill, Mara and Fenwick, Tobias J. Sparse routers revisited. EMNLP 2022, "
            "pp. 1\u20139.\n",
            1,
            {
                "author": "Quill, Mara and Fenwick, Tobias J.",
                "title": "Sparse routers revisited",
                "booktitle": "EMNLP",
            },
            label="6",
        ),
        id="bibtex-and-authors-last-initial",
    ),
    pytest.param(
        Case(
            "- [Sparse Routers](https://arxiv.org/abs/2210.04411) - Quill & Fenwick, 2022. "
            "Demo at [x.github.io](https://x.github.io/).\n",
            1,
            {"title": "Sparse Routers", "author": "Quill and Fenwick", "year": "2022"},
            shape=Shape.LINK,
        ),
        id="link-note-family-names-year-then-sentence",
    ),
    pytest.param(
        Case(
            "- [Dense Routers](https://arxiv.org/abs/2210.04412) - Quill et al., ICML 2022\n",
            1,
            {"author": "Quill and others", "booktitle": "ICML", "year": "2022"},
            shape=Shape.LINK,
        ),
        id="link-note-et-al-then-venue",
    ),
    pytest.param(
        Case(
            "- [Tree Routers](https://arxiv.org/abs/2210.04413) - Quill, Fenwick, Achterberg, "
            "Bode; Annals of Modular Systems Research, 2021.\n",
            1,
            {
                "author": "Quill and Fenwick and Achterberg and Bode",
                "journal": "Annals of Modular Systems Research",
                "year": "2021",
            },
            shape=Shape.LINK,
        ),
        id="link-note-family-names-semicolon-venue",
    ),
    pytest.param(
        Case(
            "* [Graph Routers](https://example.org/book.html) - Mara J. Quill and Tobias K. "
            "Fenwick, Harbor Press, 3rd edition, 2019.\n",
            1,
            {
                "author": "Quill, Mara J. and Fenwick, Tobias K.",
                "publisher": "Harbor Press",
                "year": "2019",
            },
            shape=Shape.LINK,
        ),
        id="link-note-full-names-publisher",
    ),
    pytest.param(
        Case(
            "<table>\n<tr><th>Paper</th><th>Venue</th><th>Year</th></tr>\n"
            '<tr><td><a href="https://arxiv.org/abs/2101.00001">Sparse Mixers for Long Speech</a>'
            " (SpMix)</td><td>ICML</td><td>2021</td></tr>\n</table>\n",
            3,
            {"title": "Sparse Mixers for Long Speech", "booktitle": "ICML", "year": "2021"},
            shape=Shape.TABLE_ROW,
        ),
        id="html-table-linked-title-bracket-note",
    ),
    pytest.param(
        Case(
            "- https://arxiv.org/abs/2101.00002 (the routing benchmark report)\n",
            1,
            {"eprint": "2101.00002"},
            shape=Shape.BARE_URL,
            absent=("title",),
        ),
        id="bare-url-parenthesised-remark",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_shape_reads_as_one_record(case: Case) -> None:
    record = _only(case.text)
    assert record.source.line == case.line
    assert record.source.label == case.label
    assert record.shape is case.shape
    for name, value in case.fields.items():
        assert record.fields.get(name) == value, name
    if case.entry_type:
        assert record.entry_type == case.entry_type
    for flag in case.flags:
        assert flag in record.flags
    for name in case.absent:
        assert name not in record.fields, name
    assert record.raw in case.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# LIMA: Less Is More (2023)\n", id="heading"),
        pytest.param(
            "[![arXiv](https://img.shields.io/badge/arXiv-2305-b31b1b.svg)]"
            "(https://arxiv.org/abs/2305.11206)\n",
            id="badge",
        ),
        pytest.param("![overview](assets/overview.png)\n", id="image"),
        pytest.param("- [Datasets](#datasets)\n  - [Models](#models)\n", id="table-of-contents"),
        pytest.param(
            "| Model | Paper |\n|---|---|\n| Heron [3] | [paper](https://arxiv.org/abs/2306.1) |\n",
            id="catalog-pipe-table",
        ),
        pytest.param(
            '<table>\n<tr><th>Name</th><th>Paper</th></tr>\n<tr><td>Heron [<a href="#ref3">3</a>]'
            '</td><td><a href="https://arxiv.org/abs/2306.07777">paper</a></td></tr>\n</table>\n',
            id="catalog-html-table",
        ),
        pytest.param("1. Collect prompts from users (2023)\n2. Rank them\n", id="task-list"),
        pytest.param("* **[16 Oct, 2024]** We added new papers.\n", id="news-bullet"),
        pytest.param(
            "See [the paper](https://arxiv.org/abs/2305.11206) for details.\n",
            id="short-prose-link",
        ),
        pytest.param("- Licenses: [MIT](https://github.com/x/y/LICENSE)\n", id="non-paper-note"),
    ],
)
def test_not_a_reference(text: str) -> None:
    assert parse_document(text, "README.md").records == ()


def test_embedded_bibtex_is_passed_on_with_entry_lines() -> None:
    text = (
        "Cite us:\n```bibtex\n@article{quill2022sparse,\n  title={Sparse},\n}\n\n"
        "@misc{x, title={Y}}\n```\n"
    )
    result = parse_document(text, "README.md")
    assert result.records == ()
    assert [(b.line, b.text.splitlines()[0]) for b in result.bibtex] == [
        (3, "@article{quill2022sparse,"),
        (7, "@misc{x, title={Y}}"),
    ]


def test_reused_label_keeps_both_and_flags_both() -> None:
    text = "[3] A. Bee. **One**. 2020.\n\n[3] C. Dee. **Two**. 2021.\n"
    result = parse_document(text, "README.md")
    assert [r.source.line for r in result.records] == [1, 3]
    assert all("label-reused" in r.flags for r in result.records)
    assert {p.code for p in result.problems} == {"label-reused"}


def test_unreadable_entry_is_kept_raw_and_flagged() -> None:
    record = _only("[8] ???\n")
    assert record.raw == "[8] ???"
    assert "unparsed" in record.flags


def test_title_acronyms_are_brace_protected() -> None:
    record = _only("[1] Ann Lee. **LIMA: Less Is More with GPT-4 and LLaMA**. 2023.\n")
    assert record.fields["title"] == "{LIMA}: Less Is More with {GPT-4} and {LLaMA}"


def test_a_numbered_reference_list_loses_no_item() -> None:
    """In a numbered list of references, an item no shape rule recognises (here a
    ``Last, F.:`` style with no link, and an organisation author) is still an occurrence."""
    text = (
        "## References\n\n"
        "1. Mara Quill, Tobias Fenwick. Sparse Routers for Everyone. In EMNLP, 2022. "
        "https://arxiv.org/abs/2210.00001\n"
        "2. Ines Achterberg and Tobias Fenwick. Gradient Lanterns. ICLR 2023. "
        "[pdf](https://openreview.net/forum?id=abcDEF123)\n"
        "3. Quill, M., Achterberg, I.: Lanterns all the way down. In: Advances in Widget "
        "Processing 12, pp. 1-10 (2021)\n"
        "4. Widget Standards Board. Guidance on widgets for research use. Geneva: WSB; 2020.\n"
        "\n"
        "To reproduce our numbers:\n"
        "\n"
        "1. Train the model\n"
        "2. Evaluate it\n"
    )
    result = parse_document(text, "list.md")
    assert [r.source.line for r in result.records] == [3, 4, 5, 6]


def test_a_name_column_of_two_word_names_gives_short_names_not_titles() -> None:
    text = (
        "<table>\n"
        "  <tr><td>Model</td><td>Tools</td><td>Paper</td></tr>\n"
        "  <tr>\n"
        "    <td>Lantern Town</td><td>-</td>\n"
        '    <td><a href="https://arxiv.org/abs/2208.00001">Paper</a></td>\n'
        "  </tr>\n"
        "  <tr>\n"
        "    <td>GlowBot</td><td>web</td>\n"
        '    <td><a href="https://arxiv.org/abs/2208.00002">Paper</a></td>\n'
        "  </tr>\n"
        "</table>\n"
    )
    records = parse_document(text, "README.md").records
    assert [r.fields.get("shorttitle") for r in records] == ["Lantern Town", "GlowBot"]
    assert all("title" not in r.fields for r in records)
