"""The tool as the secretariat installs it: a wheel built from the source tree, installed into a
fresh virtual environment outside it, run from a folder outside it.

The wheel is installed without its dependencies (nothing is downloaded): a ``.pth`` file written
after the install lets the fresh environment see this environment's site-packages, where they are.
A plain folder named in a ``.pth`` file is put on ``sys.path`` without its own ``.pth`` files being
run, so the editable install of the source tree never loads there; each test that runs the
installed copy checks where ``nsm_excel`` was imported from.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

import nsm_excel
from nsm_excel.cli import main

SOURCE = Path(__file__).resolve().parent.parent
PACKAGE = SOURCE / "nsm_excel"
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
SCRIPTS = "Scripts" if os.name == "nt" else "bin"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    nsm: Path
    outside: Path  # a folder outside the source tree to run commands from

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.outside,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _copy_source(into: Path) -> Path:
    """The files a build reads, without caches or anything a build left in the tree."""
    into.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(SOURCE / name, into / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE, into / "nsm_excel", ignore=ignore)
    return into


def _build_wheel(source: Path, dist: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, source],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = dist.glob("*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=60)
    python = venv / SCRIPTS / ("python.exe" if os.name == "nt" else "python")
    pip = [sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--quiet", wheel],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # Only now, or pip would find the source tree's install and take it for this one.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (Path(site) / "dependencies.pth").write_text("".join(f"{p}\n" for p in ours), "utf-8")
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert SOURCE not in root.parents, "the installed copy must live outside the source tree"
    source = _copy_source(root.joinpath("source").resolve())
    wheel = _build_wheel(source, root / "dist")
    python = _install(wheel, root / "venv")
    outside = root / "elsewhere"
    outside.mkdir()
    return Installed(wheel, python, python.parent / "nsm", outside)


def _package_files() -> set[str]:
    """Every file of the package in the source tree, as the wheel names it."""
    return {
        p.relative_to(SOURCE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_wheel_holds_every_file_of_the_package(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    in_package = {n for n in names if n.startswith("nsm_excel/")}
    in_source = _package_files()
    assert (in_source - in_package, in_package - in_source) == (set(), set())  # missing, extra
    data = {n for n in in_package if not n.endswith(".py")}
    assert "nsm_excel/py.typed" in data
    assert "nsm_excel/outputs/report_templates/summary.html.j2" in data
    for lang in ("en", "sq"):
        for kind in ("po", "mo"):
            assert f"nsm_excel/locale/{lang}/LC_MESSAGES/issues.{kind}" in data
    assert "nsm_excel/demo/data/plan/measures.csv" in data
    assert "nsm_excel/demo/data/people.toml" in data


def test_the_installed_copy_is_the_one_that_runs(installed: Installed) -> None:
    where = installed.run(installed.python, "-c", "import nsm_excel; print(nsm_excel.__file__)")
    assert where.returncode == 0, where.stderr
    loaded = Path(where.stdout.strip()).resolve()
    assert installed.python.parent.parent in loaded.parents
    assert SOURCE not in loaded.parents


def test_nsm_version_prints_the_version_of_the_wheel(installed: Installed) -> None:
    version = installed.wheel.name.split("-")[1]
    assert version == nsm_excel.__version__
    for command in ([installed.nsm], [installed.python, "-m", "nsm_excel"]):
        shown = installed.run(*command, "--version")
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout == f"nsm, version {version}\n"


def test_nsm_demo_runs_the_cycle_from_the_installed_copy(installed: Installed) -> None:
    done = installed.run(installed.nsm, "demo", "cycle")
    assert done.returncode == 0, done.stderr
    folder = installed.outside / "cycle"
    assert (folder / "nsm.sqlite").is_file()
    assert (folder / "action_plan.xlsx").is_file()
    assert len(list((folder / "templates" / "xlsx").glob("*/*.xlsx"))) == 18
    (master,) = folder.glob("outbox/*/NSM_master_*_sq.xlsx")
    (report,) = folder.glob("outbox/*/NSM_summary_*_sq.html")
    assert master.stat().st_size > 0
    assert "<html" in report.read_text("utf-8")
    assert str(master) in done.stdout


def test_python_m_nsm_excel_is_the_nsm_command(tmp_path: Path) -> None:
    expected = CliRunner().invoke(main, ["codes"]).output
    ran = subprocess.run(
        [sys.executable, "-m", "nsm_excel", "codes"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == expected
    unknown = subprocess.run(
        [sys.executable, "-m", "nsm_excel", "no-such-command"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert unknown.returncode == 2
    assert "No such command" in unknown.stderr


def test_the_version_is_the_installed_distributions() -> None:
    assert metadata.version("nsm-excel") == nsm_excel.__version__
    shown = CliRunner().invoke(main, ["--version"])
    assert shown.exit_code == 0
    assert shown.output == f"nsm, version {nsm_excel.__version__}\n"
