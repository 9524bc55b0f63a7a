"""Fields read by their role: identifiers from every link, venue and year in the ways READMEs
print them, short names, authors in any printed form, plain-text citation styles.

Every input line here is written for this file in the style of real survey READMEs.
"""

from __future__ import annotations

import pytest

from refs.parsing import parse_document
from refs.parsing.identifiers import doi_from_url
from refs.parsing.markup import is_generic_link_text
from refs.parsing.names import parse_authors
from refs.parsing.venue import spell_venue_years, venue_year


def fields_of(line: str) -> dict[str, str]:
    records = parse_document(line, "README.md").records
    assert len(records) == 1, records
    return dict(records[0].fields)


# --- identifiers from every link -------------------------------------------------------------

DOI_LINKS = [
    pytest.param(
        "https://dl.acm.org/doi/10.1145/3290605.3300001", "10.1145/3290605.3300001", id="acm"
    ),
    pytest.param(
        "https://dl.acm.org/doi/abs/10.1145/3290605.3300001",
        "10.1145/3290605.3300001",
        id="acm-abs",
    ),
    pytest.param(
        "https://dl.acm.org/doi/pdf/10.5555/3000001.3000002?download=1",
        "10.5555/3000001.3000002",
        id="acm-pdf",
    ),
    pytest.param(
        "https://link.springer.com/chapter/10.1007/978-3-030-00001-1_7",
        "10.1007/978-3-030-00001-1_7",
        id="springer-chapter",
    ),
    pytest.param(
        "https://link.springer.com/article/10.1007/s11263-020-00001-x",
        "10.1007/s11263-020-00001-x",
        id="springer-article",
    ),
    pytest.param(
        "https://link.springer.com/content/pdf/10.1007%2F978-3-540-00001-2_3.pdf",
        "10.1007/978-3-540-00001-2_3",
        id="springer-encoded-pdf",
    ),
    pytest.param(
        "https://onlinelibrary.wiley.com/doi/full/10.1002/aisy.202000001",
        "10.1002/aisy.202000001",
        id="wiley",
    ),
    pytest.param(
        "https://www.tandfonline.com/doi/abs/10.1080/01621459.2020.0000001",
        "10.1080/01621459.2020.0000001",
        id="tandfonline",
    ),
    pytest.param(
        "https://pubs.acs.org/doi/10.1021/acs.jcim.0c00001", "10.1021/acs.jcim.0c00001", id="acs"
    ),
    pytest.param(
        "https://www.morganclaypool.com/doi/10.2200/S00001ED1V01Y202001AIM001",
        "10.2200/s00001ed1v01y202001aim001",
        id="morganclaypool",
    ),
    pytest.param(
        "https://doi.org/10.1016/j.example.2021.01.001",
        "10.1016/j.example.2021.01.001",
        id="doi.org",
    ),
    pytest.param("https://ieeexplore.ieee.org/document/9000001", None, id="ieeexplore-has-none"),
    pytest.param("https://dl.acm.org/citation.cfm?id=3000001", None, id="acm-numeric-is-no-doi"),
    pytest.param("https://github.com/someone/10.1234/tool", None, id="other-host-has-none"),
]


@pytest.mark.parametrize(("url", "doi"), DOI_LINKS)
def test_doi_from_url(url: str, doi: str | None) -> None:
    assert doi_from_url(url) == doi


def test_a_publisher_link_gives_the_entry_its_doi() -> None:
    line = (
        "1. Ann Lee, Bo Chan. (2020) Quiet Graphs for Loud Data. "
        "[In Proceedings of KDD '20](https://dl.acm.org/doi/10.1145/3394486.3400001)."
    )
    assert fields_of(line)["doi"] == "10.1145/3394486.3400001"


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        pytest.param(
            "https://openreview.net/forum?id=AbCdEf_123",
            "openreview.net/forum?id=AbCdEf_123",
            id="openreview-forum",
        ),
        pytest.param(
            "https://openreview.net/pdf?id=AbCdEf_123",
            "openreview.net/pdf?id=AbCdEf_123",
            id="openreview-pdf",
        ),
        pytest.param(
            "https://aclanthology.org/2021.findings-emnlp.999/",
            "aclanthology.org/2021.findings-emnlp.999",
            id="acl-new",
        ),
        pytest.param(
            "https://aclanthology.org/N19-1999/", "aclanthology.org/N19-1999", id="acl-old"
        ),
    ],
)
def test_a_link_with_an_acl_or_openreview_id_is_the_url(link: str, kept: str) -> None:
    line = (
        "3. Ann Lee, Bo Chan. (2021) Warm Starts for Cold Models. "
        f"[arXiv:2108.00001](https://arxiv.org/abs/2108.00001) and [NeurIPS 2022]({link})."
    )
    fields = fields_of(line)
    assert kept in fields["url"]
    assert fields["eprint"] == "2108.00001"
    assert fields["booktitle"] == "NeurIPS"


# --- venue and year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        pytest.param("CVPR'24", ("CVPR", "2024"), id="apostrophe"),
        pytest.param("ICLR'24", ("ICLR", "2024"), id="iclr"),
        pytest.param("[CVPR '24]", ("CVPR", "2024"), id="bracketed-spaced"),
        pytest.param("**[CVPR' 14]**", ("CVPR", "2014"), id="bold-space-after"),
        pytest.param("`ICLR'24`", ("ICLR", "2024"), id="code-span"),
        pytest.param("CVPR 2024", ("CVPR", "2024"), id="full-year"),
        pytest.param("ICCV'19", ("ICCV", "2019"), id="iccv"),
        pytest.param("NIPS'98", ("NIPS", "1998"), id="last-century"),
        pytest.param("ICLR23", ("ICLR", "2023"), id="joined-short"),
        pytest.param("ICML2023", ("ICML", "2023"), id="joined-full"),
        pytest.param("NeurIPS", ("NeurIPS", None), id="no-year"),
        pytest.param("GPT4", None, id="model-name-is-no-venue"),
    ],
)
def test_venue_year(printed: str, read: tuple[str, str | None] | None) -> None:
    assert venue_year(printed) == read


def test_short_years_are_spelt_out_in_running_text() -> None:
    said = "NeurIPS 2023 Workshop; Findings of EMNLP'23; ECCV'22 (Oral)"
    assert (
        spell_venue_years(said) == "NeurIPS 2023 Workshop; Findings of EMNLP 2023; ECCV 2022 (Oral)"
    )


def test_a_venue_with_a_short_year_after_the_authors() -> None:
    fields = fields_of(
        "- **Sparse Maps for Dense Scenes**. *Ann Lee, Bo Chan.* ICCV'19. "
        "[[paper](https://arxiv.org/abs/1904.00001)]"
    )
    assert (fields["booktitle"], fields["year"]) == ("ICCV", "2019")


def test_a_workshop_keeps_its_name() -> None:
    fields = fields_of(
        "- **Sparse Maps for Dense Scenes**. *Ann Lee, Bo Chan.* NeurIPS 2023 Workshop."
    )
    assert (fields["booktitle"], fields["year"]) == ("NeurIPS 2023 Workshop", "2023")


@pytest.mark.parametrize(
    ("opening", "year", "month"),
    [
        pytest.param("[2023/04]", "2023", "4", id="slash"),
        pytest.param("[2023.05]", "2023", "5", id="dot"),
        pytest.param("**[2022-11]**", "2022", "11", id="bold-dash"),
    ],
)
def test_a_leading_date_gives_year_and_month(opening: str, year: str, month: str) -> None:
    line = f"- {opening} **Tiny Agents at Work.** *Ann Lee et al. arXiv.* [[paper](https://arxiv.org/abs/2304.00001)]"
    fields = fields_of(line)
    assert (fields["year"], fields["month"]) == (year, month)


def test_a_venue_link_opens_the_entry_and_the_title_follows() -> None:
    line = (
        "- [[ECCV](https://arxiv.org/abs/1603.00001)] [2.1k:fire:] Bit-Net: Small Weights for "
        "Large Images. [**`bnn`**] [[torch](https://github.com/someone/bitnet)] [700:star:]"
    )
    fields = fields_of(line)
    assert fields["title"] == "Bit-Net: Small Weights for Large Images"
    assert fields["booktitle"] == "ECCV"
    assert "author" not in fields


@pytest.mark.parametrize(
    ("line", "field", "venue"),
    [
        pytest.param(
            "- [[ACL](https://aclanthology.org/2021.findings-acl.999)] On Quiet Attention "
            "Values in Small Transformers. [**`qnn`**]",
            "booktitle",
            "ACL",
            id="venue-word-that-is-also-a-link-word",
        ),
        pytest.param(
            "- [[MMM](https://link.springer.com/chapter/10.1007/978-3-031-00001-2_8)] Binary "
            "Networks for Video Actions. [__`bnn`__]",
            "journal",
            "MMM",
            id="unknown-venue-linking-the-paper",
        ),
    ],
)
def test_a_venue_link_names_the_venue_and_tags_are_no_venue(
    line: str, field: str, venue: str
) -> None:
    fields = fields_of(line)
    assert fields[field] == venue
    assert "shorttitle" not in fields
    assert "qnn" not in str(fields) and "bnn" not in str(fields)


def test_a_subtitle_after_a_question_is_no_author() -> None:
    line = (
        "- [[arXiv](https://arxiv.org/abs/2404.00001)] How Small Can Models Be? An Honest "
        "Study [[code](https://github.com/a/b)]"
    )
    fields = fields_of(line)
    assert fields["title"] == "How Small Can Models Be? An Honest Study"
    assert "author" not in fields


@pytest.mark.parametrize(
    ("line", "low"),
    [
        pytest.param(
            "- **Agents That Tidy Rooms.** *Ann Lee, Bo Chan.* ICLR 2024. "
            "[[paper](https://arxiv.org/abs/2401.00001)]",
            False,
            id="bold-title-italic-authors",
        ),
        pytest.param(
            "- Agents that tidy rooms. Ann Lee. Some place. "
            "[[paper](https://arxiv.org/abs/2401.00001)]",
            True,
            id="sentence-order-only",
        ),
    ],
)
def test_a_reading_on_weak_evidence_is_flagged(line: str, low: bool) -> None:
    records = parse_document(line, "README.md").records
    assert ("low-confidence" in records[0].flags) is low


@pytest.mark.parametrize(
    ("after_title", "venue"),
    [
        pytest.param("and will appear at IPDPS 2023.", ("booktitle", "IPDPS"), id="will-appear-at"),
        pytest.param(
            "and [ICML 2022](https://proceedings.mlr.press/v1/a.html).",
            ("booktitle", "ICML"),
            id="and-venue-link",
        ),
        pytest.param(
            "and [Sys Workshop at NeurIPS2023](https://example.org/).",
            ("booktitle", "Sys Workshop at NeurIPS"),
            id="and-workshop-link",
        ),
    ],
)
def test_a_venue_after_the_identifier_link_is_no_part_of_the_title(
    after_title: str, venue: tuple[str, str]
) -> None:
    line = (
        "7. Ann Lee, Bo Chan, Cy Dee. (2023) Quiet Runtimes for Loud Clusters "
        f"[arXiv:2303.00001](https://arxiv.org/abs/2303.00001) {after_title}"
    )
    fields = fields_of(line)
    assert fields["title"] == "Quiet Runtimes for Loud Clusters"
    assert fields[venue[0]] == venue[1]
    assert fields["year"] == "2023"


# --- roles, not positions ----------------------------------------------------------------------


def test_a_bracketed_short_name_is_the_shorttitle_not_an_author() -> None:
    fields = fields_of("- **[Fast-Det]** Quick boxes for slow cameras. Ann Lee et al. CVPR 2015.")
    assert fields["shorttitle"] == "Fast-Det"
    assert fields["title"] == "Quick boxes for slow cameras"
    assert fields["author"] == "Lee, Ann and others"


@pytest.mark.parametrize(
    ("line", "short", "author"),
    [
        pytest.param(
            '- <u>TidyBot</u>: **"Agents That Tidy Rooms"**. *Ann Lee et al.* arXiv 2023. '
            "[[paper](https://arxiv.org/abs/2307.00001)]",
            "TidyBot",
            "Lee, Ann and others",
            id="underlined-name-then-quoted-title",
        ),
        pytest.param(
            '- <u>TidyBot</u>: **"Agents That Tidy Rooms"**. *Quiet Lab Team*. arXiv 2023. '
            "[[paper](https://arxiv.org/abs/2307.00001)]",
            "TidyBot",
            "{Quiet Lab Team}",
            id="organisation-author-kept",
        ),
        pytest.param(
            "- Tidy 3.0: **Agents That Tidy Rooms**. Ann Lee, Bo Chan. ICLR 2024. "
            "[[paper](https://arxiv.org/abs/2307.00001)]",
            "Tidy 3.0",
            "Lee, Ann and Chan, Bo",
            id="versioned-name-before-colon",
        ),
    ],
)
def test_a_short_name_before_the_title_is_never_an_author(
    line: str, short: str, author: str
) -> None:
    fields = fields_of(line)
    assert fields["shorttitle"] == short
    assert fields["title"] == "Agents That Tidy Rooms"
    assert fields["author"] == author
    assert fields.get("journal", fields.get("booktitle")) in {"arXiv", "ICLR"}
    assert "note" not in fields


@pytest.mark.parametrize(
    ("span", "author", "venue"),
    [
        pytest.param(
            "*Ann Lee et al. arXiv.*",
            "Lee, Ann and others",
            ("journal", "arXiv"),
            id="et-al-then-venue",
        ),
        pytest.param(
            "*Ann Lee et al.arXiv.*", "Lee, Ann and others", ("journal", "arXiv"), id="run-on"
        ),
        pytest.param(
            "*Ann Lee (Some University) et al. EMNLP.*",
            "Lee, Ann and others",
            ("booktitle", "EMNLP"),
            id="affiliation-dropped",
        ),
        pytest.param(
            "*Bo Chan (North Institute). arXiv.*",
            "Chan, Bo",
            ("journal", "arXiv"),
            id="single-author",
        ),
        pytest.param(
            "*Quiet Lab (Some University) arXiv.*",
            "{Quiet Lab}",
            ("journal", "arXiv"),
            id="organisation",
        ),
        pytest.param(
            "*Ann Lee, Bo Chan, Cy Dee (Far College) et al. SIGMOD.*",
            "Lee, Ann and Chan, Bo and Dee, Cy and others",
            ("booktitle", "SIGMOD"),
            id="three-named",
        ),
    ],
)
def test_an_emphasised_span_of_authors_then_venue(
    span: str, author: str, venue: tuple[str, str]
) -> None:
    line = f"- [2023/07] **Agents That Tidy Rooms.** {span} [[paper](https://arxiv.org/abs/2307.00001)]"
    fields = fields_of(line)
    assert fields["author"] == author
    assert fields[venue[0]] == venue[1]
    assert "note" not in fields


@pytest.mark.parametrize(
    ("printed", "bibtex"),
    [
        pytest.param(
            "Ann Lee, Bo Chan, and Cy Dee",
            "Lee, Ann and Chan, Bo and Dee, Cy",
            id="first-last-oxford-and",
        ),
        pytest.param(
            "Lee, Ann and Chan, Bo and others",
            "Lee, Ann and Chan, Bo and others",
            id="bibtex-order",
        ),
        pytest.param(
            "Ann Lee (Some University) et al.", "Lee, Ann and others", id="affiliation-et-al"
        ),
        pytest.param("A. B. Lee", "Lee, A. B.", id="initials"),
        pytest.param(
            "Ludo van der Berg, Anne de Wit", "van der Berg, Ludo and de Wit, Anne", id="particles"
        ),
        pytest.param("Some Lab Team", "{Some Lab Team}", id="organisation"),
    ],
)
def test_author_strings_in_any_printed_form(printed: str, bibtex: str) -> None:
    assert parse_authors(printed).bibtex() == bibtex


@pytest.mark.parametrize(
    "text",
    ["Collection", "Source", "paper (soon)", "📄 Paper", "Code (soon)", "Project Page", "[pdf]"],
)
def test_generic_link_words(text: str) -> None:
    assert is_generic_link_text(text)


def test_generic_link_words_never_reach_note() -> None:
    line = (
        "- **Maps of Meaning in Small Models.** *Ann Lee, Bo Chan.* ICLR 2024. "
        "[[Collection](https://example.org/c)] [[Source](https://github.com/a/b)] "
        "[[paper (soon)](https://example.org/p)]"
    )
    assert "note" not in fields_of(line)


def test_a_badge_then_the_linked_title_in_a_table_cell() -> None:
    table = (
        "| Title | Venue | Date |\n"
        "|---|---|---|\n"
        "| ![Star](https://img.shields.io/github/stars/a/b.svg) <br> "
        "[**Small Coders, Big Tests**](https://arxiv.org/abs/2401.00001) <br> "
        "| `ICLR'24` | `2024.01` |\n"
    )
    fields = fields_of(table)
    assert fields["title"] == "Small Coders, Big Tests"
    assert (fields["booktitle"], fields["year"]) == ("ICLR", "2024")


# --- plain-text citation styles, field by field -------------------------------------------------


def test_acl_style() -> None:
    fields = fields_of(
        "[1] Ann Lee and Bo Chan. 2021. Quiet tokens in loud models. In *Proceedings of the "
        "59th Annual Meeting of the Association for Computational Linguistics*, pages 10--20."
    )
    assert fields["author"] == "Lee, Ann and Chan, Bo"
    assert fields["title"] == "Quiet tokens in loud models"
    assert fields["year"] == "2021"
    assert fields["pages"] == "10--20"
    assert fields["booktitle"].startswith("Proceedings of the 59th Annual Meeting")


def test_apa_style() -> None:
    fields = fields_of(
        "[2] Lee, A., & Chan, B. (2020). Quiet tokens in loud models. "
        "Journal of Small Data, 12, 1-9."
    )
    assert fields["author"] == "Lee, A. and Chan, B."
    assert fields["title"] == "Quiet tokens in loud models"
    assert fields["year"] == "2020"
    assert fields["journal"] == "Journal of Small Data"


def test_ieee_style() -> None:
    fields = fields_of(
        '[3] A. Lee and B. Chan, "Quiet tokens in loud models," in Proc. CVPR, 2020, pp. 1-9.'
    )
    assert fields["author"] == "Lee, A. and Chan, B."
    assert fields["title"] == "Quiet tokens in loud models"
    assert fields["year"] == "2020"
    assert fields["pages"] == "1--9"


def test_chicago_style() -> None:
    fields = fields_of(
        '[4] Lee, Ann, and Bo Chan. "Quiet Tokens in Loud Models." Journal of Small Data (2019).'
    )
    assert fields["author"] == "Lee, Ann and Chan, Bo"
    assert fields["title"] == "Quiet Tokens in Loud Models"
    assert fields["year"] == "2019"
    assert fields["journal"] == "Journal of Small Data"


def test_google_scholar_mla_style_with_a_bold_title_in_quotes() -> None:
    """``Last, First, First Last, and First Last. "**Title**." Journal Vol.Issue (Year): pages.``
    as Google Scholar's MLA export prints it, the title made bold inside its quotes."""
    fields = fields_of(
        '**[3]** Quill, Mara, Tobias Fenwick, and Ines Achterberg. "**Quiet tokens in loud '
        'models**." Journal of Small Data 15.1 (2014): 1929-1958. [[pdf]](http://example.org/q.pdf)'
        " **(Tokens)** :star::star:"
    )
    assert fields["author"] == "Quill, Mara and Fenwick, Tobias and Achterberg, Ines"
    assert fields["title"] == "Quiet tokens in loud models"
    assert fields["journal"] == "Journal of Small Data"
    assert (fields["volume"], fields["number"], fields["pages"]) == ("15", "1", "1929--1958")
    assert fields["year"] == "2014"


def test_a_bold_remark_in_parentheses_is_no_title() -> None:
    fields = fields_of(
        '**[7]** Quill, Mara, et al. "Lantern nets for widgets." arXiv preprint arXiv:1603.01670 '
        "(2016). [[pdf]](https://arxiv.org/abs/1603.01670) **(Grow a trained net)** :star:"
    )
    assert fields["title"] == "Lantern nets for widgets"
    assert fields["author"] == "Quill, Mara and others"
    assert fields["year"] == "2016"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "- **Lantern nets for widgets** (2016), M. Quill et al. [[pdf]](http://arxiv.org/pdf/1603.01670)",
            id="bold-title",
        ),
        pytest.param(
            "- Lantern Nets: Widgets for Everyone (2016), M. Quill et al. [[pdf]](http://arxiv.org/pdf/1603.01670)",
            id="plain-title",
        ),
    ],
)
def test_title_then_year_then_authors(line: str) -> None:
    fields = fields_of(line)
    assert fields["author"] == "Quill, M. and others"
    assert fields["year"] == "2016"
    assert "Quill" not in fields["title"] and "2016" not in fields["title"]


@pytest.mark.parametrize(
    ("tag", "venue", "year"),
    [
        pytest.param("**[ESANN' 15]**", "ESANN", "2015", id="apostrophe-year"),
        pytest.param("**[ACM CCS '18]**", "ACM CCS", "2018", id="two-words"),
        pytest.param("**[NIPS 2018]**", "NIPS", "2018", id="full-year"),
        pytest.param("**[IJCAI 19]**", "IJCAI", "2019", id="known-acronym-bare-year"),
    ],
)
def test_a_list_item_printed_as_cells_with_a_venue_tag(tag: str, venue: str, year: str) -> None:
    fields = fields_of(
        f"- Lantern Nets for Widget Anomalies | {tag} | [`[pdf]`](http://example.org/l.pdf)"
    )
    assert fields["title"] == "Lantern Nets for Widget Anomalies"
    assert venue in (fields.get("booktitle"), fields.get("journal"))
    assert fields["year"] == year


def test_a_bracketed_number_is_no_venue_tag() -> None:
    fields = fields_of(
        "- Lantern Nets for Widget Anomalies | [Figure 12] | [pdf](http://example.org/l.pdf)"
    )
    assert "booktitle" not in fields and "journal" not in fields


# --- model zoos and changelogs: works named by their short names ---------------------------------


def test_a_model_zoo_table_lists_works_in_its_cells() -> None:
    text = (
        "## Model Zoo\n\n"
        "<table>\n"
        "  <tr><td><b>Backbones</b></td><td><b>Heads</b></td></tr>\n"
        '  <tr valign="top">\n'
        "    <td>\n"
        "    <ul>\n"
        '      <li><a href="configs/lantern">LanternNet (CVPR\'2019)</a></li>\n'
        "      <li>Widget-3D (NeurIPS'2021)</li>\n"
        "    </ul>\n"
        "    </td>\n"
        "    <td>\n"
        "      <li><b>Outdoor</b></li>\n"
        "      <ul>\n"
        '        <li><a href="configs/glow">Glow Voxels (CoRL 2020)</a></li>\n'
        "      </ul>\n"
        "    </td>\n"
        "  </tr>\n"
        "</table>\n"
    )
    records = parse_document(text, "README.md").records
    read = [(r.source.line, r.fields.get("shorttitle"), r.fields.get("year")) for r in records]
    assert read == [
        (8, "LanternNet", "2019"),
        (9, "Widget-3D", "2021"),
        (15, "Glow Voxels", "2020"),
    ]
    assert "title" not in records[0].fields
    assert records[0].fields["booktitle"] == "CVPR"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "- Support [Glow-Det](https://arxiv.org/abs/2307.00001) in `projects`", id="plain"
        ),
        pytest.param(
            "- Training [Glow-Det](<(https://arxiv.org/abs/2307.00001)>) in `projects`",
            id="target-in-parentheses",
        ),
    ],
)
def test_a_changelog_link_on_a_short_name_is_that_work(line: str) -> None:
    fields = fields_of(line)
    assert fields["shorttitle"] == "Glow-Det"
    assert fields["eprint"] == "2307.00001"
    assert "title" not in fields


def test_a_venue_link_opening_an_item_is_no_short_name() -> None:
    fields = fields_of(
        "- [[ECCV](https://arxiv.org/abs/1603.00001)] [2.7k:fire:] Lantern-Net: Widgets for "
        "Everyone. [**`bnn`**]"
    )
    assert fields["title"] == "Lantern-Net: Widgets for Everyone"
    assert "shorttitle" not in fields


def test_a_year_heading_dates_the_entries_under_it() -> None:
    """``### 2016`` over a list: its entries appeared that year, whatever their arXiv ids say;
    a year the entry prints itself still wins."""
    text = (
        "## Papers\n\n### 2016\n\n"
        "- [[ICASSP](https://arxiv.org/abs/1512.00001)] Lantern Nets for Widget Speech.\n"
        "- [[ICML 2015](https://arxiv.org/abs/1601.00002)] Glow Voxels for Everyone.\n"
    )
    years = [r.fields.get("year") for r in parse_document(text, "README.md").records]
    assert years == ["2016", "2015"]


# --- year and venue before the title; authors on a sub-bullet ------------------------------------


@pytest.mark.parametrize(
    ("line", "venue"),
    [
        pytest.param(
            "* 2015-CVPR - Lantern Nets for Noisy Widgets. [[Paper]](http://example.org/l.pdf)",
            "CVPR",
            id="year-venue",
        ),
        pytest.param(
            "* 2015-ICLR_W - Lantern Nets for Noisy Widgets. [[Paper]](http://example.org/l.pdf)",
            "ICLR\\_W",
            id="workshop-mark",
        ),
    ],
)
def test_a_year_and_a_venue_before_the_title(line: str, venue: str) -> None:
    fields = fields_of(line)
    assert fields["title"] == "Lantern Nets for Noisy Widgets"
    assert fields["year"] == "2015"
    assert venue in (fields.get("booktitle"), fields.get("journal"))


@pytest.mark.parametrize(
    ("names", "author"),
    [
        pytest.param(
            "Mara Quill, Tobias Fenwick. *ICML 2020*",
            "Quill, Mara and Fenwick, Tobias",
            id="names-then-venue",
        ),
        pytest.param(
            "Quill, Mara and Fenwick, Tobias A. *ICML 2020*",
            "Quill, Mara and Fenwick, Tobias A",
            id="bibtex-order-initial-before-venue",
        ),
        pytest.param(
            "Mara Quill, and Tobias Fenwick *ICML 2020*",
            "Quill, Mara and Fenwick, Tobias",
            id="no-period",
        ),
    ],
)
def test_authors_and_venue_on_a_sub_bullet_belong_to_the_item(names: str, author: str) -> None:
    text = (
        "- Lantern Nets for Noisy Widgets\n"
        "  [[pdf]](https://arxiv.org/pdf/2005.10242)\n"
        f"  - {names}\n"
    )
    (record,) = parse_document(text, "README.md").records
    assert record.fields["title"] == "Lantern Nets for Noisy Widgets"
    assert record.fields["author"] == author
    assert (record.fields["booktitle"], record.fields["year"]) == ("ICML", "2020")


def test_a_description_sub_bullet_gives_no_authors() -> None:
    text = (
        "- Lantern Nets for Noisy Widgets.\n"
        "  [[pdf]](https://arxiv.org/pdf/2005.10242)\n"
        "  - A strong baseline for widget detection in the wild.\n"
    )
    (record,) = parse_document(text, "README.md").records
    assert "author" not in record.fields


@pytest.mark.parametrize(
    ("line", "short", "title"),
    [
        pytest.param(
            "* 3D-Lantern - [Shape Inpainting with Lantern Nets](https://arxiv.org/abs/1711.06375)",
            "3D-Lantern",
            "Shape Inpainting with Lantern Nets",
            id="coined-name",
        ),
        pytest.param(
            "* Glow GAN - [Glow GAN](https://arxiv.org/abs/1705.09558) ([github](https://github.com/x/y))",
            "Glow GAN",
            "Glow {GAN}",
            id="name-equals-title",
        ),
    ],
)
def test_a_name_and_a_dash_before_the_linked_title_is_its_short_name(
    line: str, short: str, title: str
) -> None:
    fields = fields_of(line)
    assert (fields["shorttitle"], fields["title"]) == (short, title)


def test_a_persons_name_before_the_dash_is_no_short_name() -> None:
    fields = fields_of(
        "- Mara Quill - [Lantern nets for widgets](https://arxiv.org/abs/1705.09558)"
    )
    assert "shorttitle" not in fields


# --- a repository's own PDFs; two works on one line; notes under a bold title -------------------


def test_a_link_to_the_repositorys_own_pdf_is_a_paper_link() -> None:
    """``* [Title](papers/x.pdf) (1997): comment``: a relative PDF link is the paper; the
    comment after the colon names no authors."""
    fields = fields_of(
        "* [Lantern Rules for Widget Storage](papers/lantern.pdf) (1997): This paper shows, "
        "in practice, however small the cache, how widgets should be kept."
    )
    assert fields["title"] == "Lantern Rules for Widget Storage"
    assert fields["year"] == "1997"
    assert fields["url"] == "papers/lantern.pdf"
    assert "author" not in fields


def test_a_relative_link_that_is_no_pdf_is_no_paper() -> None:
    records = parse_document("- [Lantern configs](configs/lantern) for the model\n", "README.md")
    assert [r.fields.get("url") for r in records.records] == []


def test_a_second_titled_paper_link_on_one_line_is_a_work_of_its_own() -> None:
    text = (
        "## Readings\n\n"
        "* [Efficient Widgets for Concurrent Lanterns](papers/a.pdf) (1981) and The "
        "[Glow-Tree: A Robust Access Method for Voxels](papers/b.pdf) (1990): two classics.\n"
    )
    records = parse_document(text, "README.md").records
    read = [(r.source.line, r.fields["title"], r.fields.get("year")) for r in records]
    assert read == [
        (3, "Efficient Widgets for Concurrent Lanterns", "1981"),
        (3, "Glow-Tree: A Robust Access Method for Voxels", "1990"),
    ]


def test_note_bullets_under_a_bold_title_give_its_venue_and_links() -> None:
    """``**Title**`` / ``- intro: ICCV 2017. Some University`` / ``- arxiv: <url>``: the note
    states the venue; affiliations and remarks are no authors; the next bold title is the next
    work, not this one's authors."""
    text = (
        "## Lantern-Net\n\n"
        "**《Lantern-Net: Widgets from Scratch》**\n\n"
        "![img](https://example.org/figure.png)\n\n"
        "- intro: ICCV 2017. Fenwick University & Quill Labs\n"
        "- arxiv: <https://arxiv.org/abs/1708.00001>\n"
        "- github: https://github.com/example/lantern\n\n"
        "**Glow R-CNN**\n\n"
        "- intro：Fenwick University & Quill Labs\n"
        "- arXiv：<https://arxiv.org/abs/1811.00002>\n"
    )
    records = parse_document(text, "README.md").records
    first, second = (r.fields for r in records)
    assert (first["title"], first["booktitle"], first["year"]) == (
        "Lantern-Net: Widgets from Scratch",
        "ICCV",
        "2017",
    )
    assert first["eprint"] == "1708.00001"
    assert "author" not in first and "author" not in second
    assert (second["title"], second["eprint"]) == ("Glow {R-CNN}", "1811.00002")


# --- plain-text citations on sub-bullets, and after names -----------------------------------------


def test_a_work_name_over_its_citation_bullet_is_one_occurrence() -> None:
    """``* Glow-RNN [[Paper](…)]`` / ``  * Names, *Title*, Venue Year``: the name is the work's
    short name, the sub-bullet its citation, read at the bullet's line."""
    text = (
        "## Structure\n\n"
        "* Glow-RNN [[Paper-arXiv](https://arxiv.org/pdf/1502.00001)]\n"
        "  * Mara Quill, Tobias Fenwick, Ines Achterberg, *Gated Glow Recurrent Networks*, "
        "arXiv:1502.00001 / ICML 2015\n"
    )
    (record,) = parse_document(text, "README.md").records
    fields = record.fields
    assert record.source.line == 3
    assert fields["title"] == "Gated Glow Recurrent Networks"
    assert fields["author"] == "Quill, Mara and Fenwick, Tobias and Achterberg, Ines"
    assert (fields["booktitle"], fields["year"]) == ("ICML", "2015")
    assert fields["shorttitle"] == "Glow-RNN"
    assert fields["eprint"] == "1502.00001"


def test_names_and_a_year_over_a_titled_link_are_one_occurrence() -> None:
    text = (
        "### Books / Thesis\n"
        "* Mara Quill (2008)\n"
        "  * [Supervised Widget Labelling with Lanterns](https://example.org/quill.pdf)\n"
        "* Tobias Fenwick (2012)\n"
        "  * [Statistical Widget Models](https://example.org/fenwick.pdf)\n"
    )
    records = parse_document(text, "README.md").records
    read = [
        (r.source.line, r.fields["author"], r.fields["title"], r.fields["year"]) for r in records
    ]
    assert read == [
        (2, "Quill, Mara", "Supervised Widget Labelling with Lanterns", "2008"),
        (4, "Fenwick, Tobias", "Statistical Widget Models", "2012"),
    ]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param(
            "* Mara Quill, Tobias Fenwick, and Ines Achterberg, *Lantern Networks for Widgets*, "
            "Nature 2015 [[Paper](https://example.org/l.pdf)]",
            "Lantern Networks for Widgets",
            id="emphasised-title",
        ),
        pytest.param(
            "* Mara Quill, Tobias Fenwick, and Ines Achterberg, "
            "[Lantern Networks](https://example.org/l.pdf), Nature 2015",
            "Lantern Networks",
            id="linked-title",
        ),
    ],
)
def test_names_then_a_marked_title_then_the_venue(line: str, title: str) -> None:
    fields = fields_of(line)
    assert fields["title"] == title
    assert fields["author"] == "Quill, Mara and Fenwick, Tobias and Achterberg, Ines"
    assert (fields["journal"], fields["year"]) == ("Nature", "2015")


def test_of_two_versions_printed_apart_the_published_one_is_the_venue() -> None:
    fields = fields_of(
        "* A.Quill, T. Fenwick, and I. Achterberg., *Lantern Turing Machines,* "
        "arXiv:1410.00001 / NIPS 2015 [[Paper](https://arxiv.org/pdf/1410.00001)]"
    )
    assert fields["author"] == "Quill, A. and Fenwick, T. and Achterberg, I."
    assert (fields["booktitle"], fields["year"]) == ("NIPS", "2015")
    assert fields["eprint"] == "1410.00001"


# --- venue links, tag groups, names with bracketed links and years --------------------------------


def test_a_venue_link_opening_an_item_is_the_paper_on_any_host() -> None:
    fields = fields_of(
        "- [[ICCV](https://drive.example.org/file/d/abc/view)] Lantern-Net: Self-Organizing "
        "Widgets for 3D Pose. [[code](https://github.com/example/lantern)] [__`pos.`__]"
    )
    assert fields["title"] == "Lantern-Net: Self-Organizing Widgets for {3D} Pose"
    assert fields["booktitle"] == "ICCV"


def test_a_group_of_keyword_tags_is_no_title() -> None:
    fields = fields_of(
        "- [[CVPR](https://openaccess.example.org/lantern.pdf)] Lantern Nets for Point Sets. "
        "[[code](https://github.com/example/lantern)] [__`cls.`__ __`seg.`__ __`det.`__] :star:"
    )
    assert fields["title"] == "Lantern Nets for Point Sets"
    assert "author" not in fields


@pytest.mark.parametrize(
    ("line", "short", "year"),
    [
        pytest.param(
            "- Glow-Net [https://arxiv.org/pdf/1606.00001.pdf] [2017]",
            "Glow-Net",
            "2017",
            id="year-in-brackets-wins",
        ),
        pytest.param(
            "- GlowNet [https://arxiv.org/pdf/1612.00001.pdf,https://example.org/glow] [2017]",
            "GlowNet",
            "2017",
            id="two-urls",
        ),
        pytest.param(
            "- LanternNet [https://arxiv.org/pdf/1606.00002.pdf] [?]",
            "LanternNet",
            "2016",
            id="unknown-year",
        ),
    ],
)
def test_a_name_with_bracketed_urls_and_year_is_a_named_work(
    line: str, short: str, year: str
) -> None:
    fields = fields_of(line)
    assert fields["shorttitle"] == short
    assert fields["year"] == year
    assert "title" not in fields


def test_a_title_bullet_over_link_only_sub_bullets_is_an_occurrence() -> None:
    text = (
        "## Medical image segmentation\n\n"
        "- Lantern-Net: Convolutional Widgets for Biomedical Image Segmentation\n"
        "  + http://lab.example.org/people/quill/lantern-net/\n"
        "  + https://github.com/example/lantern-net\n"
    )
    (record,) = parse_document(text, "README.md").records
    assert record.source.line == 3
    assert record.fields["title"] == (
        "Lantern-Net: Convolutional Widgets for Biomedical Image Segmentation"
    )


def test_a_weekly_table_row_gives_its_title_not_its_summary() -> None:
    """``| 1) **Title** - summary | [Paper](…) |`` and ``| 2) Title  Summary … | [Paper](…) |``
    (two spaces end the title), and a row that only names the work (``3) Glow-7B  It …``)."""
    text = (
        "## Top Papers of the Week\n"
        "| **Paper**  | **Links** |\n"
        "| ------------- | ------------- |\n"
        "| 1) **Lantern Widgets at Scale** - proposes lanterns; shows widgets scale. "
        "| [Paper](https://arxiv.org/abs/2404.00001), [Tweet](https://x.com/a/status/1) |\n"
        "| 2) Reinforcement-Learned Glow Teachers  This paper introduces glow teachers, small "
        "models. | [Paper](https://arxiv.org/abs/2506.00002) |\n"
        "| 3) Glow-7B  It is a new open model that outperforms others. "
        "| [Paper](https://arxiv.org/abs/2403.00003) |\n"
    )
    records = parse_document(text, "README.md").records
    read = [(r.source.line, r.fields.get("title"), r.fields.get("shorttitle")) for r in records]
    assert read == [
        (4, "Lantern Widgets at Scale", None),
        (5, "Reinforcement-Learned Glow Teachers", None),
        (6, None, "Glow-7B"),
    ]
