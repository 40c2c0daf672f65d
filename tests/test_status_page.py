"""`outbox/<PERIOD>/status.html`: every expected institution with its state, links to feedback
workbooks that exist, both languages, and every text from a file or the plan escaped."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from nsm_excel.outputs import status_page
from nsm_excel.outputs.status import submission_status
from nsm_excel.store.workspace import Workspace
from tests import returns

TODAY = dt.date(2026, 7, 20)
NOW = dt.datetime(2026, 7, 20, 9, 30, tzinfo=dt.UTC)


def _rows(html: str, lang: str) -> dict[str, tuple[str, str]]:
    """Each institution's state class and feedback link in the section of ``lang``."""
    section = html.split(f'<section id="{lang}"', 1)[1].split("</section>", 1)[0]
    found = {}
    for row in re.findall(r"<tr>\n(.*?)</tr>", section, re.S):
        code = re.search(r"<strong>(.*?)</strong>", row)
        state = re.search(r'class="state ([a-z_]+)"', row)
        link = re.search(r'href="([^"]*)"', row)
        assert code and state
        found[code.group(1)] = (state.group(1), link.group(1) if link else "")
    return found


def test_the_page_lists_every_institution_with_its_state_and_feedback_link(
    issued: Workspace,
) -> None:
    returns.drop(issued, "MB.xlsx", returns.filled(issued, "MB"))
    broken = returns.filled(issued, "AKPA", mistakes=("ambiguous-amount",))
    returns.drop(issued, "AKPA.xlsx", broken)
    returns.run(issued)
    [page] = status_page.write_pages(issued, TODAY, NOW)
    assert page == issued.outbox / "2026-H1" / "status.html"
    html = page.read_text(encoding="utf-8")
    expected = {
        line.code for p in submission_status(issued, today=TODAY).periods for line in p.institutions
    }
    for lang in ("sq", "en"):
        rows = _rows(html, lang)
        assert set(rows) == expected
        assert rows["MB"] == ("on_time", "")  # accepted without a remark: no feedback
        state, link = rows["AKPA"]
        assert state == "rejected" and link == "feedback/AKPA_2026-H1_feedback.xlsx"
        assert (page.parent / link).is_file()
        assert {rows[c][0] for c in expected - {"MB", "AKPA"}} == {"pending"}
    assert "Days left: 11." in html and "Ditë të mbetura: 11." in html
    assert "20.07.2026 11:30" in html  # the time of the page, in the workspace's zone
    assert "<script" not in html


def test_after_the_deadline_silence_is_overdue(issued: Workspace) -> None:
    [page] = status_page.write_pages(issued, dt.date(2026, 8, 3), NOW)
    html = page.read_text(encoding="utf-8")
    assert {state for state, _ in _rows(html, "en").values()} == {"overdue"}
    assert "The deadline passed 3 days ago." in html


def test_text_from_files_and_the_plan_is_escaped(issued: Workspace) -> None:
    [entry] = submission_status(issued, today=TODAY).periods
    hostile = '<img src=x onerror="alert(1)">'
    line = replace(
        entry.institutions[0],
        name_en=hostile,
        name_sq=hostile,
        state="rejected",
        problems=(hostile,),
    )
    entry = replace(entry, institutions=(line,))
    links = {line.code: "feedback/" + "a%22b.xlsx"}
    html = status_page.render(entry, TODAY, "now", links, "Europe/Tirane")
    assert hostile not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert 'href="feedback/a%22b.xlsx"' in html


def test_a_link_is_made_from_the_code_never_from_a_file_name(
    tmp_path: Path, issued: Workspace
) -> None:
    [entry] = submission_status(issued, today=TODAY).periods
    folder = issued.outbox / "2026-H1" / "feedback"
    folder.mkdir(parents=True)
    code = entry.institutions[0].code
    (folder / f"{code}_2026-H1_feedback.xlsx").write_bytes(b"x")
    (folder / 'x" onclick="y.xlsx').write_bytes(b"x")  # a stray file: never linked
    links = status_page.feedback_links(issued.root, entry)
    assert links == {code: f"feedback/{code}_2026-H1_feedback.xlsx"}
