"""Drive LibreOffice Calc through UNO, as a person at the keyboard would.

Run with the Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno`` for
``/usr/bin/python3``), not the project's virtual environment:

    /usr/bin/python3 tests/clients/calc_driver.py JOBS.json

JOBS.json holds ``{"jobs": [...]}``; each job opens ``source`` (an .xlsx file), applies its
``edits`` in order and saves the result as ``target`` in Excel 2007-365 format, or converts
``source`` to PDF in ``pdf_dir``. One LibreOffice process serves every job of the file and is
closed at the end. An edit is ``{"sheet", "cell", "value", "as"}`` where ``as`` says how the
value goes into the cell:

- ``typed``: the text a person types; Calc reads it (number, date, percent, formula or text)
  with the document's locale, as its input line does;
- ``text``: stored as text whatever it looks like (a number typed after an apostrophe);
- ``number``: a numeric value;
- ``unprotect``: removes the sheet's protection with the password in ``value`` (a person who
  knows it), so that a later edit may change a locked cell; ``protect`` puts it back.

The result of each job (``ok`` or the error) is written to the file named by ``--report``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

XLSX_FILTER = "Calc Office Open XML"
PDF_FILTER = "calc_pdf_Export"


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Calc:
    """One headless LibreOffice, started with its own profile and reached over a socket."""

    def __init__(self, soffice: str = "soffice", timeout: float = 60.0) -> None:
        self.profile = tempfile.mkdtemp(prefix="nsm-lo-profile-")
        port = _free_port()
        self.process = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation={Path(self.profile).as_uri()}",
                f"--accept=socket,host=127.0.0.1,port={port};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + timeout
        while True:
            try:
                context = resolver.resolve(url)
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.25)
        self.desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )

    def open(self, path: Path) -> Any:
        return self.desktop.loadComponentFromURL(
            path.resolve().as_uri(), "_blank", 0, _props(Hidden=True, ReadOnly=False)
        )

    def close(self) -> None:
        try:
            if hasattr(self, "desktop"):
                self.desktop.terminate()
        except Exception:  # the bridge goes away as the office ends
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        subprocess.run(["rm", "-rf", self.profile], check=False)


def _type_into(document: Any, cell: Any, text: str) -> None:
    """``text`` entered as Calc's input line takes it. Through UNO the line's reading of
    numbers, dates and formulas applies but not its formatting of a percent, which is added
    here: ``45%`` becomes 0.45 in a cell shown as a percent, as at the keyboard."""
    cell.setFormula(text)
    if text.strip().endswith("%") and cell.getType().value == "VALUE":
        percent = uno.getConstantByName("com.sun.star.util.NumberFormat.PERCENT")
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        cell.NumberFormat = document.NumberFormats.getStandardFormat(percent, locale)


def _edit(document: Any, edit: dict[str, Any]) -> None:
    sheet = document.Sheets.getByName(edit["sheet"])
    how = edit["as"]
    if how == "unprotect":
        sheet.unprotect(edit["value"])
        return
    if how == "protect":
        sheet.protect(edit["value"])
        return
    cell = sheet.getCellRangeByName(edit["cell"])
    if sheet.isProtected() and cell.CellProtection.IsLocked:
        raise PermissionError(f"{edit['sheet']}!{edit['cell']} is locked")
    if how == "typed":
        _type_into(document, cell, str(edit["value"]))
    elif how == "text":
        cell.setString(str(edit["value"]))
    elif how == "number":
        cell.setValue(float(edit["value"]))
    else:
        raise ValueError(f"unknown edit kind {how!r}")


def _run(calc: Calc, job: dict[str, Any]) -> None:
    source = Path(job["source"])
    document = calc.open(source)
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {source}")
    try:
        for edit in job.get("edits", []):
            _edit(document, edit)
        if "pdf_dir" in job:
            target = Path(job["pdf_dir"]) / (source.stem + ".pdf")
            document.storeToURL(target.resolve().as_uri(), _props(FilterName=PDF_FILTER))
        else:
            target = Path(job["target"])
            document.storeToURL(
                target.resolve().as_uri(), _props(FilterName=XLSX_FILTER, Overwrite=True)
            )
    finally:
        document.close(True)


def main(argv: list[str]) -> int:
    jobs_file = Path(argv[1])
    report_file = Path(argv[3]) if len(argv) > 3 and argv[2] == "--report" else None
    jobs = json.loads(jobs_file.read_text(encoding="utf-8"))["jobs"]
    results: list[str] = []
    calc = Calc(os.environ.get("NSM_SOFFICE", "soffice"))
    try:
        for job in jobs:
            try:
                _run(calc, job)
                results.append("ok")
            except Exception as error:  # reported per job; the others go on
                results.append(f"{type(error).__name__}: {error}")
    finally:
        calc.close()
    if report_file is not None:
        report_file.write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
