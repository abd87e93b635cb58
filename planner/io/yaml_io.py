"""Reading and writing the YAML scenario format, safely.

Reading uses a safe loader only (no Python object tags), takes ``true``/``false`` as the only
booleans (so ``country: NO`` stays Norway), rejects anchors/aliases outright (so a
"billion laughs" document fails at once instead of expanding), caps the nesting depth, reports
duplicate keys and remembers the line of every key for error messages.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, ClassVar

import yaml

from planner.io.document import build_scenario, scenario_to_dict, yaml_locator
from planner.io.errors import N_, Issue, Path, ScenarioError, dotted, file_issue
from planner.model import Scenario

try:  # libyaml is much faster on large files; the behaviour is the same
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 40
"""Deepest nesting accepted; real scenarios need about 6 levels."""

MAX_VALUES = 40_000
"""Most keys and list items (counted generously as ``:``, ``,`` and ``- `` in the text) a
YAML scenario may hold; YAML parsing costs about 0.1 ms per value, so this bounds a parse to a
few seconds. A 3,000-task brief has about 20,000."""

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TOO_DEEP = (
    N_("the document is nested too deeply"),
    N_("a scenario needs about six levels; check brackets"),
)
_SYNTAX_HINT = N_("check the indentation and the ':' after each key around that line")


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2 booleans (``yes``/``no``/``on``/``off`` stay text)."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _or_text(construct: Any) -> Any:
    """``construct``, except that a value it cannot build stays text for the checks: dates
    that do not exist (2027-02-30) and integers too long for Python (over 4,300 digits)."""

    def build(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    return build


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _or_text(yaml.SafeLoader.construct_yaml_timestamp)
)
_Loader.add_constructor("tag:yaml.org,2002:int", _or_text(yaml.SafeLoader.construct_yaml_int))


def _refuse(source: str, message: str, hint: str = "", line: int | None = None) -> ScenarioError:
    return ScenarioError([file_issue(source, message, hint, line)])


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _refuse(
            source,
            N_("this is a zip file (e.g. an Excel workbook), not YAML text"),
            N_("give a workbook the .xlsx extension"),
        )
    utf32 = data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
    utf16 = not utf32 and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    encoding = "utf-32" if utf32 else "utf-16" if utf16 else "utf-8-sig"
    if encoding == "utf-8-sig" and b"\x00" in data[:65536]:
        raise _refuse(
            source,
            N_("the file contains binary data, not YAML text"),
            N_("choose the scenario's .yaml file, saved as plain UTF-8 text"),
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _refuse(
            source,
            N_(
                "the file is not {encoding} text (bad byte at position {position})",
                encoding=encoding.upper().removesuffix("-SIG"),
                position=exc.start,
            ),
            N_("save the file as UTF-8 text"),
        ) from None
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _refuse(
            source,
            N_("the file is empty"),
            N_("start from a template (planner template scenario.yaml)"),
        )
    return text


def _walk(root: yaml.Node, source: str) -> tuple[dict[Path, int], list[Issue]]:
    """Line of every key/item; issues for aliases, excessive depth and duplicate keys."""
    lines: dict[Path, int] = {(): root.start_mark.line + 1}
    issues: list[Issue] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:  # a node reached twice is an alias; name the key holding it
            line = lines.get(path[:-1] if path and isinstance(path[-1], int) else path, line)
            return lines, [
                file_issue(
                    source,
                    N_("YAML aliases (*name) are not supported"),
                    N_("write the values out in full instead of using &anchors and *aliases"),
                    line,
                )
            ]
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            return lines, [file_issue(source, *_TOO_DEEP, line)]
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in node.value:
                stack.append((key_node, path))
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None:
                    continue
                if key in keys:
                    issues.append(
                        Issue(
                            source,
                            dotted((*path, key)),
                            N_("the key {key!r} appears twice here", key=key),
                            N_("keep only one of them"),
                            key_node.start_mark.line + 1,
                        )
                    )
                keys.add(key)
                lines[(*path, key)] = key_node.start_mark.line + 1
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                stack.append((item, (*path, index)))
    return lines, issues


def _hint_for(problem: str) -> str:
    """The fix for a YAML syntax problem; indentation only when that is what is wrong."""
    if "\\t" in problem or "tab character" in problem:
        return N_("indent with spaces, not tabs (replace each tab at the start of a line)")
    if "could not determine a constructor for the tag" in problem:
        return N_(
            "remove the '!' tag: a scenario holds plain values only (text, numbers, dates, "
            "lists and mappings)"
        )
    if "nesting depth" in problem:  # the parser's own depth limit (thousands of brackets)
        return _TOO_DEEP[1]
    if "control characters are not allowed" in problem:
        return N_(
            "remove the control character (e.g. ESC or BEL) from that line; if the whole file "
            "looks garbled, save it as UTF-8 text"
        )
    return _SYNTAX_HINT


def _character_at(text: str, mark: yaml.Mark) -> str:
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _syntax_issue(source: str, exc: yaml.YAMLError, text: str = "") -> Issue:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or N_("syntax error")
        hint = _hint_for(problem)
        if _character_at(text, mark) == "\t":
            hint = _hint_for("tab character")
        if "single document" in f"{exc.context} {problem}":
            problem = N_("the file holds more than one YAML document")
            hint = N_("keep one scenario per file (remove the '---' separator)")
        message = N_(
            "invalid YAML: {problem} (column {column})", problem=problem, column=mark.column + 1
        )
        return file_issue(source, message, hint, mark.line + 1)
    return file_issue(source, N_("invalid YAML: {problem}", problem=exc), _hint_for(str(exc)))


def parse_yaml(data: bytes, source: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML bytes safely into plain data plus the line number of every path.

    Raises
    ------
    ScenarioError
        For binary or non-UTF-8 data, empty files, syntax errors, aliases, duplicate keys.
    """
    text = _decode(data, source)
    values = text.count(":") + text.count(",") + text.count("- ")
    if values > MAX_VALUES:
        raise _refuse(
            source,
            N_(
                "the file holds about {values:,} values (keys and list items), more than the "
                "{limit:,} a scenario may have",
                values=values,
                limit=MAX_VALUES,
            ),
            N_("split the brief into several scenarios"),
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _refuse(source, N_("the file is empty"), N_("add a scenario"))
        lines, issues = _walk(node, source)
        if issues:
            raise ScenarioError(issues)
        return loader.construct_document(node), lines
    except yaml.YAMLError as exc:
        raise ScenarioError([_syntax_issue(source, exc, text)]) from None
    except RecursionError:
        raise _refuse(source, *_TOO_DEEP) from None
    finally:
        loader.dispose()


def read_yaml(data: bytes, source: str) -> Scenario:
    """The scenario in YAML ``data`` (bytes of a file called ``source``).

    Raises
    ------
    ScenarioError
        With every problem found, located by path and line (``brief.tasks[3].hours``).
    """
    document, lines = parse_yaml(data, source)
    return build_scenario(document, source, yaml_locator(lines))


# ----------------------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents list items and writes short lists/records in flow style.

    It never writes anchors and aliases (``&id001``/``*id001``) for values that appear twice
    (e.g. one list shared after an applied alternative): the reader refuses them.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _FlowList(list[Any]):
    pass


class _FlowMap(dict[str, Any]):
    pass


_Dumper.add_representer(
    _FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)
_Dumper.add_representer(
    _FlowMap, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, True)
)
_FLOW_ITEMS = frozenset({"time_off", "commitments", "after", "fixed_costs"})


def _styled(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        styled = {k: _styled(v, k) for k, v in value.items()}
        return _FlowMap(styled) if key == "repeat" else styled
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return _FlowList(value)
        if key in _FLOW_ITEMS:
            return [_FlowMap(item) if isinstance(item, dict) else item for item in value]
        return [_styled(item) for item in value]
    return value


def dump_yaml(scenario: Scenario) -> str:
    """The scenario as YAML text in the documented format.

    Parameters
    ----------
    scenario:
        The scenario to write.

    Returns
    -------
    str
        YAML that :func:`planner.io.load_scenario` reads back into an equal scenario.
    """
    body = yaml.dump(
        _styled(scenario_to_dict(scenario)),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=120,
    )
    return "# sla-planner scenario; format: docs/scenario-format.md\n" + body
