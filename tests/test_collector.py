"""The cycle collector paused for the stages that build many objects that stay alive."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from nsm_excel.core import collector
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs import master_workbook
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store.workspace import Workspace


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()  # a test may leave it off: the rest of the run collects as before
    else:
        gc.disable()


def test_the_collector_is_set_back_however_the_block_ends() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector.paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_a_pause_inside_another_leaves_the_collector_to_the_outer_one() -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_paused_function_pauses_each_call_even_when_it_calls_itself() -> None:
    seen: list[bool] = []

    @collector.paused()
    def deep(n: int) -> None:
        seen.append(gc.isenabled())
        if n:
            deep(n - 1)

    deep(2)
    assert seen == [False, False, False]
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def _collecting_in(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[bool]:
    """Whether the collector ran at each call of ``owner.name``, noted as it is called."""
    seen: list[bool] = []
    wrapped = getattr(owner, name)

    def spy(*args: object, **kw: object) -> object:
        seen.append(gc.isenabled())
        return wrapped(*args, **kw)

    monkeypatch.setattr(owner, name, spy)
    return seen


def test_the_master_is_written_with_the_collector_paused_and_set_back_after(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _collecting_in(monkeypatch, master_workbook, "render")
    build_reports(issued, period_or_raise("2026-H1"), "en")
    assert seen == [False]
    assert gc.isenabled()


def test_a_history_is_read_with_the_collector_paused(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nsm_excel.outputs import history_read

    seen = _collecting_in(monkeypatch, history_read, "figures_for")
    history(issued)
    assert seen and not any(seen)
    assert gc.isenabled()


def test_each_template_is_written_with_the_collector_paused_and_set_back_between(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nsm_excel.template import generate as generating
    from nsm_excel.template.generate import generate

    seen = _collecting_in(monkeypatch, generating.template_writer, "render")
    between: list[bool] = []
    generate(space, progress=lambda *_: between.append(gc.isenabled()))
    assert len(seen) > 1 and not any(seen)
    assert all(between) and gc.isenabled()  # collected between two templates
