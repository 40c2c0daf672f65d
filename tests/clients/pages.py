"""Pages as a reader sees them: PDF pages rasterised by poppler, HTML in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.clients import chromium_path, require

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
_CONSOLE = re.compile(r":CONSOLE(?:\(\d+\))?:?\d*\] (.*)")


@dataclass(frozen=True)
class Page:
    """One page rendered in grey: its size and how much of it is ink."""

    number: int
    width: int
    height: int
    ink: float  # share of pixels darker than light grey


def pgm_ink(data: bytes) -> tuple[int, int, float]:
    """Width, height and ink share of a binary PGM (P5, 8-bit) image."""
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if match is None:
        raise ValueError("not a binary PGM image")
    width, height = int(match.group(1)), int(match.group(2))
    pixels = data[match.end() : match.end() + width * height]
    dark = sum(1 for value in pixels if value < 200)
    return width, height, dark / max(1, width * height)


def pdf_pages(pdf: Path, resolution: int = 30) -> list[Page]:
    """Every page of ``pdf`` rasterised by pdftoppm, in order."""
    require("pdftoppm")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(resolution), str(pdf), f"{folder}/page"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        files = sorted(Path(folder).glob("page*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        pages = []
        for number, file in enumerate(files, 1):
            width, height, ink = pgm_ink(file.read_bytes())
            pages.append(Page(number, width, height, ink))
    return pages


def pdf_page_png(pdf: Path, page: int, target: Path, resolution: int = 80) -> Path:
    """Page ``page`` of ``pdf`` as the PNG ``target``."""
    require("pdftoppm")
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page),
         "-singlefile", str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    return target


@dataclass(frozen=True)
class Browsed:
    """What headless Chromium made of a page: its console messages and the file it wrote."""

    console: list[str]
    output: Path


def chromium(url: str, output: Path, *, pdf: bool = False, size: str = "1200,1600") -> Browsed:
    """Load ``url`` in headless Chromium; take a screenshot (or print to PDF) into ``output``."""
    require("chromium")
    binary = chromium_path()
    assert binary is not None
    with tempfile.TemporaryDirectory() as profile:
        action = (
            [f"--print-to-pdf={output}", "--no-pdf-header-footer"]
            if pdf
            else [f"--screenshot={output}", f"--window-size={size}"]
        )
        done = subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *action, url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0 or not output.exists():
        raise AssertionError(f"Chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return Browsed([m.group(1) for m in _CONSOLE.finditer(done.stderr)], output)
