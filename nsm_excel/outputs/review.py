"""The mid-term review of a range of periods: ``outbox/review/NSM_review_<FROM>_<TO>_<lang>.html``
and, where Chromium is installed, the same printed to PDF beside it.

The edge of :mod:`nsm_excel.outputs.review_content`: reads the history of the range
(:func:`nsm_excel.outputs.history_read.history`), the secretariat's optional notes, and writes
each language's file atomically. The review only reads the records: it never changes a period's
figures or its published outputs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nsm_excel.core import file_names
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period
from nsm_excel.outputs import review_report
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.reports import output_languages
from nsm_excel.outputs.review_content import review
from nsm_excel.store import atomic, write_journal
from nsm_excel.store.workspace import Workspace

FOLDER = "review"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PRINT_SECONDS = 180
NOT_INSTALLED = "not_installed"  # no Chromium on this computer
FAILED = "failed"  # Chromium ran but printed nothing


@dataclass(frozen=True)
class ReviewResult:
    first: str
    last: str
    has_returns: bool
    files: tuple[str, ...]  # each language's HTML, then its PDF when one was printed
    verdicts: dict[str, int]
    pdf_missing: str = ""  # why no PDF: NOT_INSTALLED or FAILED ('' when each was printed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.first,
            "to": self.last,
            "has_returns": self.has_returns,
            "files": list(self.files),
            "verdicts": dict(self.verdicts),
            "pdf_missing": self.pdf_missing,
        }


def file_name(first: str, last: str, lang: str, suffix: str = ".html") -> str:
    return f"NSM_review_{first}_{last}_{lang}{suffix}"


def build_review(
    workspace: Workspace,
    first: Period | None = None,
    last: Period | None = None,
    lang: str | None = None,
    notes: Path | None = None,
) -> ReviewResult:
    """Write the review of ``first`` to ``last`` (default: every period opened so far) in
    ``lang``, or in every language (the workspace's first). :class:`NsmError` for a range not
    in the calendar or never opened, or notes that cannot be read."""
    said = read_notes(notes)
    found = review(history(workspace, first, last))
    made = dt.datetime.now(dt.UTC)
    folder = workspace.outbox / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    missing = ""
    for one in output_languages(workspace, lang):
        page = file_names.check_openable(folder / file_name(found.first, found.last, one))
        text = review_report.render(found, one, workspace.config, made, said)
        with write_journal.journalled(workspace.root):  # the review takes no lock
            atomic.write_text(page, text)
            written.append(page)
            printed, missing = print_pdf(page)
        written.extend([printed] if printed else [])
    return ReviewResult(
        first=found.first,
        last=found.last,
        has_returns=found.history.has_returns,
        files=tuple(p.relative_to(workspace.root).as_posix() for p in written),
        verdicts=found.verdicts,
        pdf_missing=missing,
    )


def read_notes(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise NsmError(
            f"the notes file {path} cannot be read ({error}); give a plain text file saved "
            "as UTF-8."
        ) from error


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdf(page: Path) -> tuple[Path | None, str]:
    """``page`` printed to a PDF beside it by headless Chromium; (None, why) when it cannot."""
    binary = browser()
    if binary is None:
        return None, NOT_INSTALLED
    target = page.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        out = Path(profile) / "review.pdf"
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   f"--user-data-dir={profile}/p", f"--print-to-pdf={out}",
                   "--no-pdf-header-footer", page.resolve().as_uri()]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None, FAILED
        if done.returncode != 0 or not out.exists():
            return None, FAILED
        atomic.write_bytes(target, out.read_bytes())
    return target, ""
