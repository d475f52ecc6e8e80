"""Small edits to a hand-written dataset file that keep every other byte as it was.

The review workflow adds records, evidence and aliases to files people edit by hand, with their
comments and layout. PyYAML can only dump a whole file (losing comments), and ruamel.yaml is not
a dependency, so the edits here are textual, placed with PyYAML's composer (each node knows
where it starts and ends in the text): insert a list item after the last one, or before a flow
list's closing bracket, or add a key. New values are dumped by PyYAML, so they are valid YAML;
the caller re-loads and validates the result before anything is written.
"""

from __future__ import annotations

from typing import Any

import yaml

from usmx.dataset import _Loader


class EditError(Exception):
    """The file is not shaped as expected for the edit (the message says where)."""


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise EditError(f"not valid YAML: {exc}") from None


def _get(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def flow(value: Any) -> str:
    """`value` as one line of flow YAML: {source: wire, exact: "…"}."""
    out = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**9
    )
    return out.removesuffix("...\n").strip()


class _Dumper(yaml.SafeDumper):
    """Lists inside mappings indented under their key, as the dataset files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def block_item(value: Any, dash_column: int) -> str:
    """`value` as one block-list item ("- id: …" and its fields) indented to `dash_column`."""
    dumped = yaml.dump(
        [value],
        Dumper=_Dumper,
        default_flow_style=False,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    pad = " " * dash_column
    return "".join(pad + line if line.strip() else line for line in dumped.splitlines(True))


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _content_end(text: str, node: yaml.Node) -> int:
    """Just past the last character a node's text has (its end mark may lie further on, at the
    next token: after a block mapping's last value comes the next key's indentation)."""
    while (
        isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
        and node.value
        and not (node.flow_style)
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    index = node.end_mark.index
    while index > 0 and text[index - 1] in " \t\r\n":
        index -= 1
    return index


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or `index` if it starts a line)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def _append_to_sequence(text: str, seq: yaml.Node, value: Any, item_column: int) -> str:
    if not isinstance(seq, yaml.SequenceNode):
        raise EditError(f"line {seq.start_mark.line + 1}: expected a list")
    if seq.flow_style or not seq.value:
        close = seq.end_mark.index - 1
        if text[close] != "]":
            raise EditError(f"line {seq.start_mark.line + 1}: cannot find the list's closing ]")
        sep = ", " if seq.value else ""
        return text[:close] + sep + flow(value) + text[close:]
    at = _after_line(text, _content_end(text, seq.value[-1]))
    dash = seq.value[0].start_mark.column - 2
    if dash < 0 or text[_line_start(text, seq.value[0].start_mark.index) + dash] != "-":
        dash = item_column
    chunk = block_item(value, dash)
    prefix = "" if at == 0 or text[at - 1] == "\n" else "\n"
    return text[:at] + prefix + chunk + text[at:]


def append_top_item(text: str, key: str, value: Any) -> str:
    """Add `value` to the top-level list `key` (created at the end of the file if missing)."""
    root = _compose(text)
    found = _get(root, key) if root is not None else None
    if found is None or (isinstance(found[1], yaml.ScalarNode) and found[1].value in ("", "~")):
        if found is not None:  # `claims:` with nothing after it
            raise EditError(
                f"line {found[0].start_mark.line + 1}: {key} is empty; write `{key}: []`"
            )
        tail = "" if not text or text.endswith("\n") else "\n"
        return text + tail + f"{key}:\n" + block_item(value, 2)
    seq = found[1]
    if isinstance(seq, yaml.SequenceNode) and not seq.value:  # `claims: []` becomes a block
        start, end = seq.start_mark.index, seq.end_mark.index
        return text[:start].rstrip(" ") + "\n" + block_item(value, 2).rstrip("\n") + text[end:]
    return _append_to_sequence(text, seq, value, 2)


def _record(root: yaml.Node, table: str, record_id: str) -> yaml.MappingNode:
    found = _get(root, table)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        raise EditError(f"no list {table!r} in the file")
    for item in found[1].value:
        id_node = _get(item, "id")
        if id_node is not None and id_node[1].value == record_id:
            assert isinstance(item, yaml.MappingNode)
            return item
    raise EditError(f"no {table} record with id {record_id!r} in the file")


def append_record_item(text: str, table: str, record_id: str, field: str, value: Any) -> str:
    """Add `value` to the list `field` of record `record_id` of `table` (adding the field)."""
    root = _compose(text)
    if root is None:
        raise EditError("the file is empty")
    record = _record(root, table, record_id)
    found = _get(record, field)
    column = record.start_mark.column
    if found is None:  # a new key, on the line after the record's first field (its id)
        at = _after_line(text, _content_end(text, record.value[0][1]))
        line = " " * column + f"{field}: [{flow(value)}]\n"
        return text[:at] + line + text[at:]
    return _append_to_sequence(text, found[1], value, column + 2)


def record_ids(text: str, table: str) -> list[str]:
    """The ids of the records of `table` in the file (empty if it has none)."""
    root = _compose(text)
    found = _get(root, table) if root is not None else None
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return []
    out = []
    for item in found[1].value:
        id_node = _get(item, "id")
        if id_node is not None and isinstance(id_node[1], yaml.ScalarNode):
            out.append(id_node[1].value)
    return out
