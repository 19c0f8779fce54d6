"""Option values turned into their types by zx itself, not by typer's pydantic adapters.

typer (0.29) builds a pydantic TypeAdapter for each parameter of the command being run,
and importing pydantic to do it costs about 0.1 s on every run: a third of checking one
dossier, a seventh of a tally. zx's options are few and plain (text, paths, integers with
bounds, choices from an Enum, lists of these, each possibly optional), so each is given a
converter here instead; a parameter of any other type keeps typer's own way.

The refusals are click's `BadParameter`, as typer's are: cli.py words them (choices and
ranges from the parameter itself), whichever converter raised them.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin

Convert = Callable[[Any], Any]


def install_command(command: Any) -> None:
    """Converters for every parameter of a click command typer built, -h/--help too
    (click makes that option only when a context asks for it)."""
    for param in command.params:
        install(param)
    make_help = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make_help(ctx)
        if option is not None:
            install(option)
        return option

    command.get_help_option = get_help_option


def install(param: Any) -> None:
    """Give a typer parameter zx's converter, when its type is one zx knows."""
    desc = getattr(param, "type_descriptor", None)
    if (desc is None or desc.file_annotation is not None
            or getattr(param, "_runtime_param", "absent") is not None):
        return  # not typer's, a file, or converted already
    convert = converter(desc.annotation, desc.parameter_info)
    if convert is not None:
        param._runtime_param = _runtime_param(desc, convert)


def converter(annotation: Any, info: Any) -> Convert | None:
    """A function from the parsed command-line value to `annotation`, or None if zx has
    none for that type. Raises ValueError for a value the type refuses."""
    inner = _optional_inner(annotation)
    if inner is not None:
        return converter(inner, info)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (str,)
        each = converter(item, info)
        return None if each is None else (lambda value: [each(v) for v in value])
    if annotation is bool:
        return _boolean
    if annotation is str:
        return str
    if annotation is Path:
        return Path
    if annotation is int:
        return lambda value: _integer(value, getattr(info, "min", None), getattr(info, "max", None))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return lambda value: value if isinstance(value, annotation) else annotation(value)
    return None


def _optional_inner(annotation: Any) -> Any | None:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0]
    return None


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not a flag value")


def _integer(value: Any, low: int | None, high: int | None) -> int:
    if isinstance(value, bool):
        raise ValueError("not an integer")
    number = value if isinstance(value, int) else int(str(value).strip(), 10)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{number} out of range")
    return number


def _runtime_param(desc: Any, convert: Convert) -> Any:
    param = _plain_class()(parameter_info=desc.parameter_info, annotation=desc.annotation)
    object.__setattr__(param, "convert", convert)  # a frozen dataclass, as typer's own
    return param


@cache
def _plain_class() -> type:
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam

    class PlainRuntimeParam(RuntimeParam):
        """typer's runtime parameter with zx's converter (None and lists of values are
        handled by typer's `coerce` before this is called)."""

        convert: Convert

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except (ValueError, TypeError) as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    return PlainRuntimeParam
