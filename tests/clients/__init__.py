"""Real clients for the tests: LibreOffice Calc (driven through UNO), headless Chromium, poppler.

A test that needs a client asks for it with :func:`require`. Where the client is missing the
test is skipped with the reason and the Debian packages to install, except under ``CI=true``
(as ``.ci/run`` sets), where a missing client fails the test.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

DRIVER = Path(__file__).with_name("calc_driver.py")
PACKAGES = {
    "libreoffice": "libreoffice-calc-nogui python3-uno",
    "chromium": "chromium",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
}


def _uno_python() -> str:
    return os.environ.get("NSM_UNO_PYTHON", "/usr/bin/python3")


@functools.cache
def _has_uno(python: str) -> bool:
    if not Path(python).exists():
        return False
    probe = subprocess.run([python, "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _present(client: str) -> bool:
    if client == "libreoffice":
        return shutil.which("soffice") is not None and _has_uno(_uno_python())
    if client == "chromium":
        return chromium_path() is not None
    return shutil.which(client) is not None


def require(*clients: str) -> None:
    """Skip (or fail under CI=true) unless every one of ``clients`` is installed."""
    missing = [c for c in clients if not _present(c)]
    if not missing:
        return
    packages = " ".join(PACKAGES[c] for c in missing)
    reason = f"{', '.join(missing)} not installed (apt-get install -y {packages})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true needs the real clients: {reason}")
    pytest.skip(reason)


def calc(jobs: list[dict[str, Any]], work: Path, timeout: float = 600) -> list[str]:
    """Run the Calc driver on ``jobs`` (see calc_driver.py); one result per job, "ok" or error."""
    require("libreoffice")
    work.mkdir(parents=True, exist_ok=True)
    jobs_file = work / "jobs.json"
    report = work / "results.json"
    jobs_file.write_text(json.dumps({"jobs": jobs}, default=str), encoding="utf-8")
    done = subprocess.run(
        [_uno_python(), str(DRIVER), str(jobs_file), "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or not report.exists():
        print(done.stdout, done.stderr, file=sys.stderr)
        raise AssertionError(f"the Calc driver failed ({done.returncode}): {done.stderr[-2000:]}")
    results: list[str] = json.loads(report.read_text(encoding="utf-8"))
    return results
