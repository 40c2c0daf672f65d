"""The words the filler types: pools of sentences in every language, names and contacts.

The sentences are words of the ``demo`` catalogues (``locale/<lang>/LC_MESSAGES/demo.po``): the
pool ``progress`` is the keys ``demo.progress.1``, ``demo.progress.2``... with the same numbers in
every language, so one choice gives the same sentence in either. Placeholders: ``{n}`` a small
count (2-9), ``{m}`` a larger one (12-240), ``{year}``, ``{start}`` and ``{date}`` as the caller
passes them. Names and how contacts are written are in ``demo/data/people.toml``.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from nsm_excel.core import words


@cache
def pool(name: str) -> tuple[str, ...]:
    """The keys of the pool ``name``, in number order; a pool with no sentence is an error."""
    keys: list[str] = []
    while words.has(key := f"demo.{name}.{len(keys) + 1}"):
        keys.append(key)
    if not keys:
        raise words.MissingWord(f"no sentences demo.{name}.1, .2... in the catalogues")
    return tuple(keys)


@cache
def people() -> dict[str, Any]:
    """Names and contacts, as ``people.toml`` gives them."""
    data = resources.files("nsm_excel.demo").joinpath("data", "people.toml").read_text("utf-8")
    return tomllib.loads(data)


def say(rng: random.Random, name: str, lang: str, **values: object) -> str:
    """One sentence of the pool ``name`` in ``lang``, its placeholders filled."""
    return _format(rng.choice(pool(name)), lang, rng, values)


def sentences(rng: random.Random, name: str, lang: str, most: int = 2) -> str:
    """One to ``most`` different sentences of the pool ``name``, joined by a space."""
    keys = pool(name)
    count = rng.randint(1, min(most, len(keys)))
    return " ".join(_format(key, lang, rng, {}) for key in rng.sample(keys, count))


def progress(rng: random.Random, lang: str, status: str | None, lead: bool) -> str | None:
    """What was done, by status; a supporting institution's contribution; None if not started."""
    if status == "not_started":
        return None
    if status == "cancelled":
        return say(rng, "cancelled", lang)
    if not lead:
        return sentences(rng, "support_progress", lang)
    done = say(rng, "completed", lang) + " " if status == "completed" else ""
    return done + sentences(rng, "progress", lang)


def delay_reason(rng: random.Random, lang: str, not_yet_due: bool, start: object) -> str:
    """Why the measure is late; for one not due yet, when it is to start."""
    return say(rng, "not_yet_due" if not_yet_due else "delay_reason", lang, start=start)


def evidence(rng: random.Random, lang: str, day: dt.date) -> str:
    """A document, decision or link proving completion on ``day``."""
    return say(rng, "evidence", lang, date=day.strftime("%d.%m.%Y"))


def remark(rng: random.Random, lang: str) -> str | None:
    """A remark for the Cover about one time in three, else None."""
    return say(rng, "remark", lang) if rng.random() < 0.35 else None


def _format(key: str, lang: str, rng: random.Random, values: dict[str, object]) -> str:
    numbers = {"n": rng.randint(2, 9), "m": rng.randint(12, 240)}
    return words.word(key, lang).format(**numbers, **values)


def person(rng: random.Random) -> str:
    """A plausible Albanian first name and surname."""
    return f"{rng.choice(people()['first_names'])} {rng.choice(people()['surnames'])}"


def email(name: str) -> str:
    """``name.surname@<domain>`` from a person's name, without accents or spaces."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    found = "".join(c if c.isalnum() else " " for c in folded).split()
    local = ".".join([found[0], found[-1]] if len(found) > 1 else found)
    return f"{local or people()['email']['nameless']}@{people()['email']['domain']}"


def phone(rng: random.Random) -> str:
    """A Tirana landline (``+355 4 222 3333``) or a mobile number (``+355 69 123 4567``)."""
    formats = people()["phone"]
    if rng.random() < 0.5:
        return str(formats["landline"]).format(
            area=rng.randint(10, 99), line=rng.randint(1000, 9999)
        )
    network, block = rng.choice("789"), rng.randint(100, 999)
    return str(formats["mobile"]).format(network=network, block=block, line=rng.randint(1000, 9999))
