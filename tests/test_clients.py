"""The rule for tests that need a real client: skipped where it is missing, failed under CI."""

from __future__ import annotations

import pytest

import tests.clients as clients
from tests.clients.pages import pgm_ink


def test_a_missing_client_skips_with_the_packages_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clients, "_present", lambda client: client != "chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        clients.require("libreoffice", "chromium")
    clients.require("libreoffice", "pdftoppm")  # present: nothing happens


def test_under_ci_a_missing_client_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clients, "_present", lambda client: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="libreoffice-calc-nogui python3-uno"):
        clients.require("libreoffice")


def test_ink_is_the_share_of_dark_pixels() -> None:
    white, black = bytes([255]), bytes([0])
    image = b"P5\n4 2\n255\n" + white * 6 + black * 2
    assert pgm_ink(image) == (4, 2, 0.25)
    with pytest.raises(ValueError, match="PGM"):
        pgm_ink(b"P6\n1 1\n255\n\x00\x00\x00")
