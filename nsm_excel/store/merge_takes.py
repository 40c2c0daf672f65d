"""The two copies a merged cell's value is taken from: apart from :mod:`.merges` so that the
command line offers them (``nsm decide merge --take``) without loading the records."""

from __future__ import annotations

FIRST, SECOND = "first", "second"
TAKES = (FIRST, SECOND)
