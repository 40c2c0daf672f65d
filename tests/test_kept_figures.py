"""A closed period's figures kept between commands: exact, refused when crafted, never published."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.consolidate import plain_figures
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core.errors import WorkspaceError
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs import frozen, kept_figures, publishing
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.period_figures import figures_and_plan, figures_for
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store.workspace import Workspace
from tests.test_changes import resent

P = "2026-H1"


@pytest.fixture
def closed(issued: Workspace) -> Workspace:
    resent(issued)  # an accepted return and its resend: changes, warnings, a counted return
    publishing.close_period(issued, P)
    return issued


def _kept(space: Workspace, changes: bool = False) -> Path:
    return kept_figures.kept_path(space.root, P, changes)


def test_figures_come_back_from_their_kept_form_equal_and_of_the_same_types(
    closed: Workspace,
) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    assert made.changes and made.institutions and made.indicators
    back = plain_figures.from_plain(json.loads(json.dumps(plain_figures.to_plain(made))))
    assert back == made
    assert repr(back) == repr(made)  # an integer stays an integer, a tuple a tuple


@pytest.mark.parametrize(
    "crafted",
    [
        {"c": "Popen", "f": {"args": "calc.exe"}},  # not a record of the figures
        {"c": "Consolidated", "f": {"period": None}},  # fields missing
        {"t": {"not": "a list"}},
        {"x": 1},
        [1, 2],
        "text",
    ],
)
def test_what_was_not_kept_by_it_is_refused(crafted: object) -> None:
    with pytest.raises(ValueError):
        plain_figures.from_plain(crafted)


def test_a_history_keeps_a_closed_periods_figures_and_reads_them_next_time(
    closed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = history(closed).moments[0].figures
    assert _kept(closed).is_file()

    def not_made(*_args: object, **_kw: object) -> None:
        raise AssertionError("made again")

    monkeypatch.setattr(frozen, "figures", not_made)
    assert history(closed).moments[0].figures == first


@pytest.mark.parametrize("damage", ["garbage", "other key", "crafted class", "empty"])
def test_a_kept_file_that_does_not_match_is_made_again_without_a_traceback(
    closed: Workspace, damage: str
) -> None:
    made = figures_for(closed, period_or_raise(P), changes=False)
    path = _kept(closed)
    kept = json.loads(path.read_text(encoding="utf-8"))
    if damage == "garbage":
        path.write_bytes(b"\x00\xff{not json")
    elif damage == "other key":
        kept["key"]["facts"] = "0" * 64
        kept["figures"]["f"]["measures"] = {"t": []}
        path.write_text(json.dumps(kept), encoding="utf-8")
    elif damage == "crafted class":
        kept["figures"] = {"c": "Workspace", "f": {"root": "/"}}
        path.write_text(json.dumps(kept), encoding="utf-8")
    else:
        path.write_text("", encoding="utf-8")
    assert figures_for(closed, period_or_raise(P), changes=False) == made
    again = json.loads(path.read_text(encoding="utf-8"))  # kept again, as made
    assert plain_figures.from_plain(again["figures"]) == made


def test_a_kept_file_too_large_is_not_read(
    closed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures_for(closed, period_or_raise(P), changes=False)  # kept, and matching
    made: list[object] = []
    real = frozen.figures

    def counted(*args: Any, **kw: Any) -> Consolidated:
        made.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(frozen, "figures", counted)
    figures_for(closed, period_or_raise(P), changes=False)
    assert made == []  # read
    monkeypatch.setattr(kept_figures, "LARGEST", _kept(closed).stat().st_size - 1)
    figures_for(closed, period_or_raise(P), changes=False)
    assert len(made) == 1  # larger than a kept file may be: made again, never read


def test_a_release_is_made_from_the_records_never_from_kept_figures(closed: Workspace) -> None:
    figures_for(closed, period_or_raise(P))  # kept, with the changes
    history(closed)  # kept, without
    for changes in (True, False):
        path = _kept(closed, changes)
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept["figures"]["f"]["measures"] = {"t": []}  # the key still matches
        path.write_text(json.dumps(kept), encoding="utf-8")
    assert figures_for(closed, period_or_raise(P)).measures == ()  # what is kept is read
    result = build_reports(closed, period_or_raise(P))  # the recheck of the release
    assert result.frozen is not None and result.frozen.identical


def _crafted(space: Workspace, change: Any) -> None:
    path = _kept(space)
    kept = json.loads(path.read_text(encoding="utf-8"))
    change(kept["figures"]["f"])  # the key still matches
    path.write_text(json.dumps(kept), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.update(period=1),  # a number where a period is
        lambda f: f.update(measures={"t": ["text"]}),  # a text where measure lines are
        lambda f: f["period"]["f"].update(code="2026-H2"),  # another period's figures
    ],
)
def test_kept_figures_of_another_kind_or_period_are_made_again(
    closed: Workspace, change: Any
) -> None:
    made = figures_for(closed, period_or_raise(P), changes=False)
    _crafted(closed, change)
    assert figures_for(closed, period_or_raise(P), changes=False) == made


def test_a_link_in_place_of_a_kept_file_is_never_followed(closed: Workspace) -> None:
    made = figures_for(closed, period_or_raise(P), changes=False)
    path = _kept(closed)
    outside = path.parent.parent.parent.parent / "elsewhere.json"
    path.replace(outside)
    kept = json.loads(outside.read_text(encoding="utf-8"))
    kept["figures"]["f"]["measures"] = {"t": []}
    outside.write_text(json.dumps(kept), encoding="utf-8")
    path.symlink_to(outside)
    assert figures_for(closed, period_or_raise(P), changes=False) == made


def test_accepted_values_settled_again_make_the_figures_again(closed: Workspace) -> None:
    made = figures_for(closed, period_or_raise(P), changes=False)
    with contextlib.closing(sqlite3.connect(closed.database)) as db, db:
        (record, values) = db.execute(
            "SELECT id, accepted_values FROM received WHERE accepted_values IS NOT NULL "
            "AND superseded_by IS NULL ORDER BY id DESC"
        ).fetchone()
        same_length = values.replace("Done by June.", "Done by July.")
        assert same_length != values and len(same_length) == len(values)
        db.execute("UPDATE received SET accepted_values = ? WHERE id = ?", (same_length, record))
    again = figures_for(closed, period_or_raise(P), changes=False)
    assert again != made
    assert "Done by July." in {m.progress for m in again.measures}


def test_a_missing_plan_copy_is_said_even_when_figures_are_kept(closed: Workspace) -> None:
    figures_for(closed, period_or_raise(P), changes=False)  # kept
    for copy in (closed.root / "plans").glob("*.xlsx"):
        copy.rename(copy.with_suffix(".moved"))
    with pytest.raises(WorkspaceError, match="restore"):
        figures_for(closed, period_or_raise(P), changes=False)


def test_figures_kept_by_other_code_are_made_again(
    closed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures_for(closed, period_or_raise(P), changes=False)  # kept
    _crafted(closed, lambda f: f.update(measures={"t": []}))  # readable, and wrong
    assert figures_for(closed, period_or_raise(P), changes=False).measures == ()
    monkeypatch.setattr(kept_figures, "_code", lambda: "another release")
    assert figures_for(closed, period_or_raise(P), changes=False).measures != ()


def test_figures_made_as_the_json_is_parsed_are_those_made_from_its_values(
    closed: Workspace,
) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    text = json.dumps({"key": {"k": 1}, "figures": plain_figures.to_plain(made)})
    kept = plain_figures.loads(text)
    assert kept["key"] == {"k": 1}
    assert kept["figures"] == made == plain_figures.from_plain(json.loads(text)["figures"])
    assert repr(kept["figures"]) == repr(made)


def _first_change_before(f: dict[str, Any], value: Any) -> None:
    change = f["changes"]["t"][0]["f"]["change"]["f"]  # a ChangeLine's Change
    change["before"] = value


@pytest.mark.parametrize(
    "where",
    [
        lambda f: f.update(overview={"x": 1}),  # an object where a record is
        lambda f: f["overview"]["f"].update(statuses={"done": 1}),  # a bare object as a mapping
        lambda f: _first_change_before(f, {"x": 1}),  # where any value may be
        lambda f: _first_change_before(f, {"t": [{"x": 1}]}),  # inside a value of any kind
    ],
)
def test_a_json_object_that_is_no_tag_is_refused_wherever_a_value_is(
    closed: Workspace, where: Any
) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    plain = plain_figures.to_plain(made)
    where(plain["f"])
    with pytest.raises(ValueError):
        plain_figures.loads(json.dumps(plain))
    with pytest.raises(ValueError):
        plain_figures.from_plain(plain)


def test_a_json_object_that_is_no_tag_is_no_mapping_in_a_list_of_them() -> None:
    fits = plain_figures._check(tuple[dict[str, int], ...])
    assert fits(({"a": 1},))
    assert not fits((plain_figures._Object({"a": 1}),))


def test_a_record_whose_fields_would_read_as_a_tag_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Tagged:
        t: int

    @dataclasses.dataclass(frozen=True)
    class Plain:
        t: int
        other: int

    assert plain_figures._reads_as_a_tag(Tagged)
    assert not plain_figures._reads_as_a_tag(Plain)


@pytest.mark.parametrize(
    "where",
    [
        lambda f: f["overview"]["f"].update(statuses={"d": [[1, 2], [3, 4]]}),  # number keys
        lambda f: f["overview"]["f"].update(expected=10**30),  # more than any count
        lambda f: f["overview"]["f"].update(spent=float("nan")),
        lambda f: f["overview"]["f"].update(planned=2**60),  # no float holds it exactly
    ],
)
def test_keys_and_numbers_no_figure_holds_are_refused(closed: Workspace, where: Any) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    plain = plain_figures.to_plain(made)
    where(plain["f"])
    with pytest.raises(ValueError):
        plain_figures.loads(json.dumps(plain))


def test_a_mapping_with_keys_other_than_texts_is_not_kept() -> None:
    with pytest.raises(TypeError):
        plain_figures._plain({1: "one"})


def test_a_record_whose_fields_come_in_another_order_or_not_all_is_made_as_its_init_makes_it(
    closed: Workspace,
) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    plain = plain_figures.to_plain(made)
    overview = plain["f"]["overview"]
    overview["f"] = dict(reversed(list(overview["f"].items())))  # not as to_plain writes it
    assert plain_figures.loads(json.dumps(plain)) == made
    del plain["f"]["warnings"]  # a field made by a default factory, left out: made by it
    back = plain_figures.loads(json.dumps(plain))
    assert back == dataclasses.replace(made, warnings=())
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.overview.expected = 0  # type: ignore[misc]


def test_a_record_class_that_does_more_than_set_its_fields_is_built_by_its_init() -> None:
    @dataclasses.dataclass(frozen=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            raise AssertionError

    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Plain:
        a: int
        b: str = ""

    assert plain_figures._names(Checked) is None
    assert plain_figures._names(Slotted) is None
    assert plain_figures._names(Plain) == ("a", "b")


def test_a_text_or_flag_field_given_another_kind_is_refused(closed: Workspace) -> None:
    made = figures_and_plan(closed, period_or_raise(P))[0]
    for field, value in (("code", 7), ("due", "yes"), ("status", 1.5), ("title_en", None)):
        plain = plain_figures.to_plain(made)
        plain["f"]["measures"]["t"][0]["f"][field] = value
        with pytest.raises(ValueError):
            plain_figures.loads(json.dumps(plain))


def test_a_record_with_no_values_is_told_from_one_with_empty_values(closed: Workspace) -> None:
    with contextlib.closing(sqlite3.connect(closed.database)) as db, db:
        ids = [i for (i,) in db.execute("SELECT id FROM received")]
        before = kept_figures._fingerprint(db, ids)
        (record, values) = db.execute("SELECT id, accepted_values FROM received").fetchone()
        seen = {before}
        for other in (None, "", "NULL"):
            db.execute("UPDATE received SET accepted_values = ? WHERE id = ?", (other, record))
            seen.add(kept_figures._fingerprint(db, ids))
        assert len(seen) == 4  # each of them told apart
        db.execute("UPDATE received SET accepted_values = ? WHERE id = ?", (values, record))
        assert kept_figures._fingerprint(db, ids) == before


def test_a_history_reads_the_closed_periods_on_its_own_connection(
    closed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nsm_excel.store import database

    first = history(closed)
    opened: list[object] = []
    connect = database.connect

    def counted(*args: Any, **kw: Any) -> Any:
        opened.append(args)
        return connect(*args, **kw)

    monkeypatch.setattr(database, "connect", counted)
    assert history(closed) == first
    assert len(opened) == 1 + sum(1 for m in first.moments if m.state == "open")
