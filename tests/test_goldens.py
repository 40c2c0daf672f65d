"""The whole cycle's outputs equal the reviewed reference outputs in ``tests/goldens/``.

When a change means to alter an output, ``make goldens`` writes them again and the diff of
``tests/goldens/`` is part of that change's commit.
"""

from __future__ import annotations

import difflib

import pytest

from tests import golden_outputs


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return golden_outputs.build()


def test_the_same_outputs_are_made(made: dict[str, bytes]) -> None:
    assert sorted(made) == sorted(golden_outputs.recorded())


@pytest.mark.parametrize("name", sorted(golden_outputs.recorded()))
def test_output_equals_its_reference(made: dict[str, bytes], name: str) -> None:
    reference = golden_outputs.recorded()[name]
    if made.get(name) != reference:
        diff = difflib.unified_diff(
            reference.decode(errors="replace").splitlines(),
            made.get(name, b"").decode(errors="replace").splitlines(),
            f"goldens/{name}",
            "made now",
            lineterm="",
        )
        pytest.fail("\n".join(list(diff)[:60]) + "\n(make goldens writes the new outputs)")
