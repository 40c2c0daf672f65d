"""Protection hashes as Excel computes them."""

from __future__ import annotations

import base64

from nsm_excel.template.protection import hash_password, verify


def test_sha512_hash_matches_a_published_reference_vector() -> None:
    # Reference value from another spreadsheet library's test suite (password 12345).
    salt = base64.b64decode("aVvPw1DNH3evPqRAd/y3UQ==")
    hashed = hash_password("12345", salt, 100_000)
    assert hashed.hash_value == (
        "E+qAhyIg/HM0dUrPaENfimFOZp7wlOkJsf/sdG+AGHOA9grOv7VLb1ik2vuYohljI9G36e0ea9wnixCK0MMuyQ=="
    )
    assert hashed.algorithm == "SHA-512"


def test_a_fresh_salt_each_time_and_verify() -> None:
    first, second = hash_password("pass", spin_count=10), hash_password("pass", spin_count=10)
    assert first.salt_value != second.salt_value
    assert verify("pass", first) and not verify("Pass", first)
