"""A period's consolidated figures as JSON values and back, exactly.

:func:`to_plain` writes a :class:`~nsm_excel.consolidate.model.Consolidated` as JSON values that
say what each value was: a record as ``{"c": "Name", "f": {field: value}}``, a tuple as
``{"t": [...]}``, a list as ``{"l": [...]}``, a mapping (text keys only) as
``{"d": [[key, value], ...]}`` and a day as ``{"day": "2026-06-30"}``; numbers, texts, true,
false and null as themselves, so an integer comes back an integer and a float a float.
:func:`from_plain` gives the same figures back, equal and of the same types. It makes only the
records a :class:`Consolidated` is made of (the classes its fields name, found from their type
hints): anything else, or any value out of place, is a :class:`ValueError`, never an object of
some other class. Every field's value is checked against its type hint, with a check worked out
once per field.

:func:`loads` makes the figures while :func:`json.loads` parses the text (its object hook makes
each JSON object, inside out, as soon as it is read): numbers and texts never pass through
Python code of ours. A JSON object that is no tag can only be a record's fields; anywhere else
it is refused, and no record may have fields that would read as a tag.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
import types
import typing
from collections.abc import Callable
from typing import Any

from nsm_excel.consolidate.model import Consolidated

Check = Callable[[Any], bool]
_LARGEST_INT = 2**63 - 1
_EXACT_INT = 2**53
_EXACT = (str, bool, type(None))  # kinds a value fits by its type alone
_TAGS = ({"t"}, {"l"}, {"d"}, {"day"}, {"c", "f"})  # what a record's fields may not be


def to_plain(figures: Consolidated) -> Any:
    """``figures`` as JSON values."""
    return _plain(figures)


def from_plain(data: Any) -> Consolidated:
    """The figures :func:`to_plain` made; :class:`ValueError` for anything it did not make."""
    made = _refused(lambda: json.loads(json.dumps(data), object_hook=_hook))  # as kept
    if not isinstance(made, Consolidated):
        raise ValueError("not figures as kept: the outer record is not a period's figures")
    return made


def loads(text: str) -> Any:
    """The JSON document ``text`` with the figures in it made as it is parsed (each JSON
    object is made as soon as it is read: no second walk over the values), as
    :func:`from_plain` makes them; its other objects as mappings. :class:`ValueError` for a
    value out of place."""
    return _refused(lambda: json.loads(text, object_hook=_hook))


def _refused(make: Callable[[], Any]) -> Any:
    try:
        return make()
    except (TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not figures as kept: {exc}") from exc


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple):
        return {"t": [_plain(v) for v in value]}
    if isinstance(value, list):
        return {"l": [_plain(v) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("a mapping whose keys are not all texts is not kept in figures")
        return {"d": [[k, _plain(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        raise TypeError(f"a moment is not kept in figures: {value!r}")
    if isinstance(value, dt.date):
        return {"day": value.isoformat()}
    name = type(value).__name__
    if _classes().get(name) is not type(value) or not dataclasses.is_dataclass(value):
        raise TypeError(f"{type(value)!r} is not one of the records of a period's figures")
    fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    return {"c": name, "f": fields}


class _Object(dict[str, Any]):
    """A JSON object that is no tag: the fields of the record around it, or a document's own
    object; never a value of the figures."""


def _hook(data: dict[str, Any]) -> Any:
    """One JSON object, its values already made: a tag, a record, or an :class:`_Object`."""
    if len(data) == 1:
        ((tag, inner),) = data.items()
        if tag == "t":
            return tuple(_list(inner))
        if tag == "l":
            return _list(inner)
        if tag == "d":  # texts as keys only: their hashes are salted, no file makes it slow
            return dict(_text_pair(p) for p in _list(inner))
        if tag == "day" and isinstance(inner, str):
            return dt.date.fromisoformat(inner)
    elif len(data) == 2 and "c" in data and "f" in data:
        return _record(data)
    return _Object(data)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list was expected")
    return value


def _text_pair(value: Any) -> tuple[str, Any]:
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        raise TypeError("a text key and a value were expected")
    return value[0], value[1]


def _record(data: dict[str, Any]) -> Any:
    cls, fields = _classes().get(str(data["c"])), data["f"]
    if cls is None or type(fields) is not _Object:
        raise TypeError(f"not a record of a period's figures: {str(data['c'])[:40]!r}")
    checks, exact = _checks(cls), _exact(cls)
    for name, value in fields.items():
        if type(value) in exact.get(name, ()):
            continue  # a text, a flag or null where the field takes it: nothing more to see
        fits = checks.get(name)
        if fits is None or type(value) is _Object or not fits(value):
            raise TypeError(f"{cls.__name__}.{name[:40]}: a value of another kind")
    if tuple(fields) == _names(cls):  # every field, in order, as to_plain writes them
        made: Any = object.__new__(cls)
        made.__dict__.update(fields)  # what the frozen __init__ sets, without its setattr
        return made
    return cls(**fields)


@functools.cache
def _names(cls: type) -> tuple[str, ...] | None:
    """The fields of record class ``cls`` its ``__init__`` sets, in order; ``None`` when its
    ``__init__`` does more than set them (slots, ``__post_init__``), so it must be called."""
    if hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


@functools.cache
def _checks(cls: type) -> dict[str, Check]:
    """For each field of ``cls``, whether a value is of the kind its type hint names."""
    return {name: _check(hint) for name, hint in typing.get_type_hints(cls).items()}


@functools.cache
def _exact(cls: type) -> dict[str, frozenset[type]]:
    """For the fields of ``cls`` that take texts, flags or null only: the types that fit as
    they are (the check of :func:`_checks` would say yes to them, with a call)."""
    found = {}
    for name, hint in typing.get_type_hints(cls).items():
        union = typing.get_origin(hint) in (types.UnionType, typing.Union)
        ones = typing.get_args(hint) if union else (hint,)
        if all(one in _EXACT for one in ones):
            found[name] = frozenset(ones)
    return found


def _check(hint: Any) -> Check:
    """Whether a value is of the kind ``hint`` names (records: their class; the values in them
    were checked as they were made), worked out once per field from the hint."""
    if hint is Any:
        return _anything
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None:
        return _plain_check(hint)
    if origin in (types.UnionType, typing.Union):
        ones = tuple(_check(one) for one in args)
        return lambda value: any(fits(value) for fits in ones)
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is tuple:
        return _tuple_check(args)
    kind = origin if isinstance(origin, type) else object
    if len(args) == 2:  # a mapping: its keys and values
        key, item = _check(args[0]), _check(args[1])
        return lambda value: (
            isinstance(value, kind)
            and type(value) is not _Object
            and (not isinstance(value, dict) or all(key(k) and item(v) for k, v in value.items()))
        )
    if len(args) == 1:  # a list: its items
        each = _check(args[0])
        return lambda value: (
            isinstance(value, kind) and (not isinstance(value, list) or all(map(each, value)))
        )
    return lambda value: isinstance(value, kind)


def _plain_check(hint: Any) -> Check:
    if hint is type(None):
        return lambda value: value is None
    if hint is int:  # a count: within what any figure holds
        return lambda value: type(value) is int and abs(value) <= _LARGEST_INT
    if hint is float:  # finite, and an integer only where a float holds it exactly
        return lambda value: (
            (type(value) is float and math.isfinite(value))
            or (type(value) is int and abs(value) <= _EXACT_INT)
        )
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return _anything


def _tuple_check(args: tuple[Any, ...]) -> Check:
    if len(args) == 2 and args[1] is Ellipsis:
        each = _check(args[0])
        return lambda value: isinstance(value, tuple) and all(map(each, value))
    every = tuple(_check(one) for one in args)
    return lambda value: (
        isinstance(value, tuple)
        and len(value) == len(every)
        and all(fits(one) for fits, one in zip(every, value, strict=True))
    )


def _anything(value: Any) -> bool:
    """Any value the kept form makes: none holds a JSON object that is no tag."""
    if isinstance(value, tuple | list):
        return all(map(_anything, value))
    if isinstance(value, dict):
        return type(value) is not _Object and all(map(_anything, value.values()))
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
            if _reads_as_a_tag(hint):
                raise TypeError(f"the fields of {hint.__name__} would read as a tag")
            found[hint.__name__] = hint
            waiting += typing.get_type_hints(hint).values()
        elif isinstance(hint, types.UnionType) or typing.get_origin(hint) is not None:
            waiting += [h for h in typing.get_args(hint) if h is not Ellipsis]
    return found


def _reads_as_a_tag(cls: Any) -> bool:
    """Whether the fields of record ``cls`` are spelt as one of the tags."""
    return {f.name for f in dataclasses.fields(cls) if f.init} in _TAGS
