"""A period's consolidated figures as JSON values and back, exactly.

:func:`to_plain` writes a :class:`~nsm_excel.consolidate.model.Consolidated` as JSON values that
say what each value was: a record as ``{"c": "Name", "f": {field: value}}``, a tuple as
``{"t": [...]}``, a list as ``{"l": [...]}``, a mapping as ``{"d": [[key, value], ...]}`` and a
day as ``{"day": "2026-06-30"}``; numbers, texts, true, false and null as themselves, so an
integer comes back an integer and a float a float. :func:`from_plain` gives the same figures
back, equal and of the same types. It makes only the records a :class:`Consolidated` is made of
(the classes its fields name, found from their type hints): anything else, or any value out of
place, is a :class:`ValueError`, never an object of some other class.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any

from nsm_excel.consolidate.model import Consolidated


def to_plain(figures: Consolidated) -> Any:
    """``figures`` as JSON values."""
    return _plain(figures)


def from_plain(data: Any) -> Consolidated:
    """The figures :func:`to_plain` made; :class:`ValueError` for anything it did not make."""
    try:
        made = _made(data)
    except (TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not figures as kept: {exc}") from exc
    if not isinstance(made, Consolidated):
        raise ValueError("not figures as kept: the outer record is not a period's figures")
    return made


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple):
        return {"t": [_plain(v) for v in value]}
    if isinstance(value, list):
        return {"l": [_plain(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        raise TypeError(f"a moment is not kept in figures: {value!r}")
    if isinstance(value, dt.date):
        return {"day": value.isoformat()}
    name = type(value).__name__
    if _classes().get(name) is not type(value) or not dataclasses.is_dataclass(value):
        raise TypeError(f"{type(value)!r} is not one of the records of a period's figures")
    fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    return {"c": name, "f": fields}


def _made(data: Any) -> Any:
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, dict) and data.keys() == {"c", "f"}:
        return _record(data)
    if not isinstance(data, dict) or len(data) != 1:
        raise TypeError(f"a value out of place: a {type(data).__name__}")
    ((tag, inner),) = data.items()
    if tag == "t":
        return tuple(_made(v) for v in _list(inner))
    if tag == "l":
        return [_made(v) for v in _list(inner)]
    if tag == "d":
        return {_made(k): _made(v) for k, v in (_pair(p) for p in _list(inner))}
    if tag == "day" and isinstance(inner, str):
        return dt.date.fromisoformat(inner)
    raise TypeError(f"an unknown tag {tag!r}")


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list was expected")
    return value


def _pair(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("a key and a value were expected")
    return value[0], value[1]


def _record(data: dict[str, Any]) -> Any:
    cls, fields = _classes().get(str(data["c"])), data["f"]
    if cls is None or not isinstance(fields, dict):
        raise TypeError(f"not a record of a period's figures: {str(data['c'])[:40]!r}")
    hints = _hints(cls)
    values = {str(k): _made(v) for k, v in fields.items()}
    for name, value in values.items():
        if name not in hints or not _fits(value, hints[name]):
            raise TypeError(f"{cls.__name__}.{name[:40]}: a value of another kind")
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the kind ``hint`` names (records: their class; the values in
    them were checked as they were made)."""
    if hint is Any:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None:
        if hint is type(None):
            return value is None
        if hint in (int, float) and isinstance(value, bool):
            return False
        if hint is float:
            return isinstance(value, int | float)
        return isinstance(value, hint) if isinstance(hint, type) else True
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, one) for one in args)
    if origin is typing.Literal:
        return value in args
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return len(args) == len(value) and all(map(_fits, value, args))
    if isinstance(origin, type) and not isinstance(value, origin):
        return False
    if isinstance(value, dict) and len(args) == 2:
        return all(_fits(k, args[0]) and _fits(v, args[1]) for k, v in value.items())
    if isinstance(value, list) and len(args) == 1:
        return all(_fits(v, args[0]) for v in value)
    return True


@functools.cache
def _classes() -> dict[str, type]:
    """The records a :class:`Consolidated` is made of, by name: those its fields name, and
    theirs, found from the type hints."""
    found: dict[str, type] = {}
    waiting: list[Any] = [Consolidated]
    while waiting:
        hint = waiting.pop()
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if found.get(hint.__name__) is hint:
                continue
            if hint.__name__ in found:
                raise TypeError(f"two records named {hint.__name__} in a period's figures")
            found[hint.__name__] = hint
            waiting += typing.get_type_hints(hint).values()
        elif isinstance(hint, types.UnionType) or typing.get_origin(hint) is not None:
            waiting += [h for h in typing.get_args(hint) if h is not Ellipsis]
    return found
