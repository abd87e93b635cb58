"""Turn pydantic validation errors into friendly :class:`~planner.io.errors.Problem` objects.

The message says what is wrong in plain words (``must be greater than 0 (got -4)``), the hint
comes from the schema field's description and example (``give the agency effort in hours,
e.g. hours: 16``), and unknown keys get a "did you mean …?" suggestion.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from planner.io.errors import N_, Message, Path, Problem, did_you_mean, join
from planner.io.schema import ESTIMATE_TAGS

_MESSAGES: dict[str, Message] = {
    "missing": N_("is required but missing"),
    "string_type": N_("must be text (got {value})"),
    "string_too_short": N_("must not be empty"),
    "float_parsing": N_("must be a number (got {value})"),
    "float_type": N_("must be a number (got {value})"),
    "finite_number": N_("must be a finite number (got {value})"),
    "int_parsing": N_("must be a whole number (got {value})"),
    "int_type": N_("must be a whole number (got {value})"),
    "int_from_float": N_("must be a whole number (got {value})"),
    "bool_parsing": N_("must be true or false (got {value})"),
    "bool_type": N_("must be true or false (got {value})"),
    "greater_than": N_("must be greater than {gt} (got {value})"),
    "greater_than_equal": N_("must be at least {ge} (got {value})"),
    "less_than_equal": N_("must be at most {le} (got {value})"),
    "list_type": N_("must be a list (got {value})"),
    "tuple_type": N_("must be a list (got {value})"),
    "model_type": N_("must be a mapping of fields (got {value})"),
    "model_attributes_type": N_("must be a mapping of fields (got {value})"),
    "dict_type": N_("must be a mapping of fields (got {value})"),
    "literal_error": N_("must be one of {expected} (got {value})"),
}


def show(value: Any) -> str:
    """A short, readable rendering of a user-supplied value for error messages."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return N_("nothing")
    if isinstance(value, dict):
        return N_("a mapping")
    if isinstance(value, list | tuple):
        return N_("a list")
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``X | None``, ``list[X]`` or ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Annotated:
        return _model_in(get_args(annotation)[0])
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def model_at(root: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The model that describes the value at ``path`` (``None`` for a plain value)."""
    model: type[BaseModel] | None = root
    for key in path:
        if isinstance(key, int):
            continue
        if model is None or key not in _fields(model):
            return None
        model = _model_in(_fields(model)[key].annotation)
    return model


def field_hint(root: type[BaseModel], path: Path) -> str:
    """The fix for the field named last in ``path``: its description and an example."""
    keys = [index for index, key in enumerate(path) if isinstance(key, str)]
    if not keys:
        return ""
    owner = model_at(root, path[: keys[-1]])
    name = str(path[keys[-1]])
    info = _fields(owner).get(name) if owner is not None else None
    if info is None or not info.description:
        return ""
    sample = str(info.examples[0]) if info.examples else ""
    if sample and get_origin(info.annotation) is list and not sample.startswith("["):
        sample = f"[{sample}]"  # a list field's example is a list, even of one mapping
    fix = Message(info.description)
    return N_("{fix}, e.g. {name}: {sample}", fix=fix, name=name, sample=sample) if sample else fix


def explain(error: ErrorDetails, root: type[BaseModel]) -> Problem:
    """One pydantic error as a :class:`Problem` with a plain message and a hint."""
    path: Path = tuple(key for key in error["loc"] if key not in ESTIMATE_TAGS)
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    hint = field_hint(root, path)
    if kind == "extra_forbidden":
        owner = model_at(root, path[:-1])
        allowed = list(_fields(owner)) if owner is not None else []
        guess = did_you_mean(str(path[-1]), allowed)
        return Problem(
            path,
            N_("unknown field {field!r}", field=path[-1]),
            join([guess, N_("allowed here: {fields}", fields=", ".join(allowed))]),
        )
    if "hint" in ctx:  # our own validators already phrase message and hint
        return Problem(path, ctx.get("message", error["msg"]), ctx["hint"] or hint)
    if kind == "missing" and path == ("team",):
        hint = N_(
            "{hint}; no team yet? check the brief at market rates instead: planner check FILE "
            "--rate-card data/client/rate-card-fi.yaml (docs/client-mode.md)",
            hint=hint,
        )
    template = _MESSAGES.get(kind)
    if template is None:
        message = error["msg"][:1].lower() + error["msg"][1:]
    else:
        numbers = {key: _number(ctx.get(key)) for key in ("gt", "ge", "le")}
        values = {"value": show(value), "expected": ctx.get("expected", ""), **numbers}
        message = Message(template, values)
    return Problem(path, message, _kind_hint(kind, root, path, value, ctx, hint))


def _kind_hint(
    kind: str, root: type[BaseModel], path: Path, value: Any, ctx: dict[str, Any], hint: str
) -> str:
    """The fix for one kind of pydantic error, building on the field's own ``hint``."""
    if kind.startswith("model") or kind == "dict_type":
        expected = model_at(root, path)
        if expected:
            return N_("write it as key: value pairs, e.g. {example}", example=expected.example)
    elif kind == "literal_error":
        guess = did_you_mean(str(value), re.findall(r"'([^']*)'", str(ctx.get("expected"))))
        return join([guess, hint])
    elif kind == "string_type" and value is not None:
        return N_("put it in quotes; {hint}", hint=hint) if hint else N_("put it in quotes")
    elif kind == "float_parsing" and isinstance(value, str) and "," in value:
        return N_("use a dot as the decimal separator; {hint}", hint=hint)
    return hint


def explain_all(
    exc: ValidationError, root: type[BaseModel], limit: int | None = None
) -> list[Problem]:
    """The errors of ``exc`` (validated against ``root``), at most ``limit``, as problems."""
    return [explain(error, root) for error in exc.errors()[:limit]]
