"""The styles part is streamed, and read exactly as its tree reads it."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree

from nsm_excel.demo import filler
from nsm_excel.intake.reading import cell_styles
from nsm_excel.intake.reading.safety import Limits, inspect
from nsm_excel.store.workspace import Workspace

MAIN = cell_styles.MAIN


def part(body: str, root: str = "") -> bytes:
    return f'<styleSheet xmlns="{MAIN}"{root}>{body}</styleSheet>'.encode()


FORMATS = (
    '<numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>'
    '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
)
CASES = {
    "plain": part(
        FORMATS + '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
        '<xf numFmtId="9"/><xf/><xf numFmtId="14"><alignment/></xf></cellXfs>'
    ),
    "prefixed": part(
        '<x:numFmts><x:numFmt numFmtId="164" formatCode="yyyy"/></x:numFmts>'
        '<x:cellXfs><x:xf numFmtId="164"/><x:xf numFmtId="10"/></x:cellXfs>',
        root=f' xmlns:x="{MAIN}"',
    ),
    "named styles first": part(
        FORMATS + '<cellStyleXfs><xf numFmtId="164"/></cellStyleXfs>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="165"/></cellXfs>'
    ),
    "two lists": part(
        FORMATS + '<cellXfs><xf numFmtId="164"/></cellXfs><cellXfs><xf numFmtId="0"/>'
        '<xf numFmtId="165"/></cellXfs>'
    ),
    "a list in a list": part(
        FORMATS + '<cellXfs><xf numFmtId="0"/><cellXfs><xf numFmtId="164"/></cellXfs>'
        '<xf numFmtId="165"/></cellXfs>'
    ),
    "another namespace": part(
        '<o:cellXfs xmlns:o="urn:other"><xf numFmtId="14"/></o:cellXfs>'
        '<cellXfs><xf numFmtId="22"/></cellXfs>'
    ),
}


def tree_reading(xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    formats = cell_styles._from_tree(xml)
    return (
        cell_styles._showing(formats, cell_styles._DATE_FORMAT_IDS, cell_styles._shows_a_date),
        cell_styles._showing(formats, cell_styles._PERCENT_FORMAT_IDS, lambda c: "%" in c),
    )


@pytest.mark.parametrize("name", list(CASES))
def test_a_styles_part_reads_as_its_tree_reads_it(name: str) -> None:
    xml = CASES[name]
    assert cell_styles.dates_and_percents(xml) == tree_reading(xml)
    assert cell_styles.date_styles(xml) == tree_reading(xml)[0]
    assert cell_styles.percent_styles(xml) == tree_reading(xml)[1]


def test_one_list_of_styles_is_streamed_and_more_are_read_as_a_tree() -> None:
    assert cell_styles._streamed(CASES["plain"]) is not None
    assert cell_styles.dates_and_percents(CASES["plain"]) == (
        frozenset({1, 5}),
        frozenset({2, 3}),
    )
    assert cell_styles._streamed(CASES["two lists"]) is None
    assert cell_styles._streamed(CASES["a list in a list"]) is None


def test_a_returns_styles_are_streamed(issued: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    template = next(issued.templates_dir(issued.current_period()).glob("*.xlsx"))
    data = filler.fill(
        template.read_bytes(), filler.Filling(seed=5, today=issued.current_period().last)
    )
    package, _ = inspect(data, "return.xlsx", Limits())
    assert package is not None
    xml = package.xml["xl/styles.xml"]
    expected = tree_reading(xml)
    assert expected[0]  # the template has date cells

    def no_tree(_xml: bytes) -> None:
        raise AssertionError("read as a tree")

    monkeypatch.setattr(cell_styles, "_from_tree", no_tree)
    assert cell_styles.dates_and_percents(xml) == expected


def test_damage_is_named_as_the_tree_names_it() -> None:
    with pytest.raises(ElementTree.ParseError):
        cell_styles.dates_and_percents(part('<cellXfs><xf numFmtId="14"></cellXfs>'))
    with pytest.raises(ElementTree.ParseError):
        cell_styles.date_styles(b"<styleSheet")


@pytest.mark.parametrize(
    "spelt", ["numFmtId='9'", 'numFmtId = "10"', 'numFmtId="&#57;"', 'numFmtId="9"']
)
def test_a_built_in_percent_is_found_however_its_attribute_is_spelt(spelt: str) -> None:
    xml = part(f'<cellXfs><xf numFmtId="0"/><xf {spelt}/></cellXfs>')
    assert cell_styles.percent_styles(xml) == frozenset({1})
    assert cell_styles.dates_and_percents(xml)[1] == frozenset({1})
