"""Turn a policy text and its outline into a tree of clauses.

The parser works in three steps:

1. Headings from the metadata outline are located in the text, in order. They are matched
   case-sensitively and tolerate the letter-spaced small caps of some exports ("U SE OF").
2. Each heading's body is split into paragraphs and lettered / roman-numbered list items.
   A list marker is only accepted when it continues an open list or starts a new one, which
   is what tells "i)" after "h)" (a letter) from "i." under "d)" (a roman numeral), and
   "c. C-46" (a statute citation) from a list item.
3. Nodes become `Clause`s with stable ids, citation labels, lead-ins and kinds.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from knowledge import noise
from knowledge.clauses import Clause, ClauseKind

ALPHA = tuple("abcdefghijklmnopqrstuvwxyz")
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")

_MARKER = r"(?P<m>[a-z]|[ivx]{2,5}|\u0667)(?P<d>[.)])"
# A marker candidate anywhere in running text: not glued to a word, "(i.e." or "c.C".
INLINE_MARKER = re.compile(r"(?<![\w(.,’'])" + _MARKER + r"(?=\s)")
# In line-structured text a marker only counts at the start of a line, after an optional bullet.
LINE_MARKER = re.compile(r"(?m)^[ \t]*(?:-[ \t]+)?" + _MARKER + r"(?=\s)")
BULLET_WITHOUT_MARKER = re.compile(r"(?m)^(?P<lead>[ \t]*-[ \t]+)(?!" + _MARKER + r"\s)(?P<rest>.*)$")
DISPLACED_MARKER = re.compile(r"(?<=\s)" + _MARKER + r"[ \t]+")
TERM = re.compile(r'^\s*[“"](?P<term>[^”"]+)[”"](?:\s+or\s+[“"][^”"]+[”"])?\s+(?:means|includes|shall have)\b')
SENTENCE_END = re.compile(r"[.;:!?”\")]\s*$")
MIN_CLAUSE_WORDS = 8

PROHIBITION = re.compile(
    r"\b(do not|shall not|must not|will not|may not|no employee shall|prohibited|"
    r"does not authori[sz]e|does not condone|not permitted|avoid|misappropriation)\b",
    re.I,
)
PERMISSION = re.compile(r"\b(recogni[sz]es the right|encourages?|encouraged|is permitted|are permitted|may use)\b", re.I)
OBLIGATION = re.compile(
    r"\b(shall|must|are expected to|is expected to|is to be|are to|ensure|should|keep|use a|use only|fact-check)\b", re.I
)


class PolicyFormatError(ValueError):
    """The text does not match its metadata (a heading from the outline is missing)."""


@dataclass
class _Node:
    kind: str  # "section", "item" or "para"
    text: str = ""
    marker: str = ""
    restart: bool = False  # first item of a list that starts again beside an earlier one
    children: list["_Node"] = field(default_factory=list)
    heading: dict[str, Any] | None = None


@dataclass
class _OpenList:
    style: tuple[str, ...]
    delim: str
    next_index: int
    owner: _Node
    indent: int = 0


@dataclass(frozen=True)
class _Heading:
    spec: dict[str, Any]
    path: tuple[dict[str, Any], ...]  # ancestors then self
    start: int
    end: int


def slugify(value: str) -> str:
    value = re.sub(r"[()]", "", value.lower())
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


def doc_slug(doc_id: str) -> str:
    return slugify(doc_id)


def _flatten(outline: Iterable[dict[str, Any]], parents: tuple[dict[str, Any], ...] = ()) -> Iterator[tuple[dict[str, Any], ...]]:
    for spec in outline:
        path = parents + (spec,)
        yield path
        yield from _flatten(spec.get("children", ()), path)


def _heading_pattern(heading: str) -> re.Pattern[str]:
    words = heading.split()
    # Letter-spaced small caps put a space after a word's first capital ("U SE", "O FFICIAL").
    parts = [r"\s?".join(re.escape(ch) for ch in word) for word in words]
    return re.compile(r"(?<!\S)" + r"\s+".join(parts) + r"(?=\s|$)")


def _locate_headings(text: str, outline: list[dict[str, Any]], start: int) -> list[_Heading]:
    found: list[_Heading] = []
    pos = start
    for path in _flatten(outline):
        spec = path[-1]
        m = _heading_pattern(spec["heading"]).search(text, pos)
        if m is None:
            raise PolicyFormatError(f"heading {spec['heading']!r} from the outline is not in the text")
        found.append(_Heading(spec=spec, path=path, start=m.start(), end=m.end()))
        pos = m.end()
    return found


def _undisplace_markers(body: str) -> str:
    """Move a list marker that drifted into the middle of a bulleted line back to its front."""

    def fix(m: re.Match[str]) -> str:
        rest = m.group("rest")
        d = DISPLACED_MARKER.search(rest)
        if d is None:
            return m.group(0)
        moved = rest[: d.start()] + rest[d.end():]
        return f"{m.group('lead')}{d.group('m')}{d.group('d')} {moved}"

    return BULLET_WITHOUT_MARKER.sub(fix, body)


def _split_paragraphs(text: str, line_mode: bool) -> list[str]:
    """Split running text into paragraphs.

    In line-structured text a blank line ends a paragraph only when the text before it ends a
    sentence and the text after starts one: page breaks inside a sentence are joined again.
    In a flattened export the only paragraph signal left is a "Note:" sentence.
    """
    chunks: list[str] = []
    if line_mode:
        for part in re.split(r"\n[ \t]*\n", text):
            if not part.strip():
                continue
            if chunks and not (SENTENCE_END.search(chunks[-1]) and re.match(r"\s*[A-Z“\"0-9*]", part)):
                chunks[-1] = chunks[-1] + "\n" + part
            else:
                chunks.append(part)
    else:
        chunks = [text]
    out: list[str] = []
    for chunk in chunks:
        out.extend(p for p in re.split(r"(?<=[.;])\s+(?=Note:)", chunk) if p.strip())
    return [noise.fold_space(p) for p in out if noise.fold_space(p)]


def _style_for(value: str) -> tuple[str, ...]:
    return ROMAN if value == "i" else ALPHA


def _parse_body(body: str, root: _Node) -> None:
    line_mode = "\n" in body.strip()
    if line_mode:
        body = _undisplace_markers(body)
    finder = LINE_MARKER if line_mode else INLINE_MARKER
    stack: list[_OpenList] = []
    accepted: list[tuple[re.Match[str], _Node, _Node]] = []  # (marker, item, list owner)
    current: _Node = root

    for cand in finder.finditer(body):
        value = cand.group("m").translate(noise.MARKER_HOMOGLYPHS)
        delim = cand.group("d")
        indent = len(cand.group(0)) - len(cand.group(0).lstrip(" \t")) if line_mode else 0
        target = next(
            (
                k
                for k in range(len(stack) - 1, -1, -1)
                if stack[k].delim == delim
                and stack[k].next_index < len(stack[k].style)
                and stack[k].style[stack[k].next_index] == value
            ),
            None,
        )
        if target is not None:
            del stack[target + 1:]
            lst = stack[target]
        elif value in ("a", "i"):
            style = _style_for(value)
            # An indented list of the same kind is nested; at the same indent it starts again.
            same = next(
                (
                    k
                    for k in range(len(stack) - 1, -1, -1)
                    if stack[k].style == style and stack[k].delim == delim and indent <= stack[k].indent
                ),
                None,
            )
            restart = same is not None
            if restart:
                # The same kind of list starting again: a sibling list, not a nested one.
                owner = stack[same].owner
                del stack[same:]
            else:
                owner = current
            lst = _OpenList(style=style, delim=delim, next_index=0, owner=owner, indent=indent)
            stack.append(lst)
        else:
            continue  # "c. C-46", "RSNB. 2011": looks like a marker, continues no list
        node = _Node(kind="item", marker=value, restart=target is None and restart)
        lst.next_index += 1
        accepted.append((cand, node, lst.owner))
        current = node

    # Paragraphs before the first list item belong to the section itself.
    pre_text = body[: accepted[0][0].start()] if accepted else body
    pre_paras = [_Node(kind="para", text=p) for p in _split_paragraphs(pre_text, line_mode)]
    root.children.extend(pre_paras)
    # A list right after the preamble hangs off its last paragraph when that is a lead-in.
    root_owner = pre_paras[-1] if pre_paras and _is_lead_in(pre_paras[-1].text) else root

    for k, (cand, node, owner) in enumerate(accepted):
        end = accepted[k + 1][0].start() if k + 1 < len(accepted) else len(body)
        paras = _split_paragraphs(body[cand.end():end], line_mode)
        node.text = paras[0] if paras else ""
        owner = root_owner if owner is root else owner
        owner.children.append(node)
        # Text after a list's last item that starts a new sentence belongs to the list's
        # owner, or to the section when the owner is a plain paragraph.
        target = owner if owner.kind == "item" else root
        target.children.extend(_Node(kind="para", text=extra) for extra in paras[1:])
    _reparent_restarted_lists(root)


def _is_lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


def _reparent_restarted_lists(node: _Node, parent: _Node | None = None) -> None:
    """Give a restarted list ("a)" again) the lead-in sentence that precedes it.

    A flattened export runs "d) ... R-10.6. The following policies ... support this Policy: a)"
    together; the sentence ending in ":" belongs to the new list, not to item d).
    """
    children = node.children
    k = 0
    while k < len(children):
        child = children[k]
        if child.restart and k > 0 and children[k - 1].kind == "item":
            prev = children[k - 1]
            lead = _Node(kind="para")
            m = re.search(r"(?<=[.;])\s+(?=[A-Z][^.;]*:$)", prev.text)
            if m is not None:
                lead.text = prev.text[m.end():]
                prev.text = prev.text[: m.start()]
            run_end = k
            while run_end < len(children) and children[run_end].kind == "item":
                run_end += 1
            lead.children = children[k:run_end]
            children[k:run_end] = [lead]
        _reparent_restarted_lists(child, node)
        k += 1
    if node.kind == "para" and parent is not None:
        # Paragraphs never own paragraphs: hoist them next to this one.
        paras = [c for c in node.children if c.kind == "para"]
        if paras:
            node.children = [c for c in node.children if c.kind != "para"]
            at = parent.children.index(node) + 1
            parent.children[at:at] = paras


# --- nodes to clauses -------------------------------------------------------------------


@dataclass
class _Ctx:
    doc_id: str
    org_id: str
    slug: str
    label_style: str
    kinds: dict[str, Any]
    links: dict[str, Any]
    out: list[Clause]


def _term(text: str) -> str:
    m = TERM.match(text)
    return m.group("term") if m else ""


def _kind(text: str, heading: dict[str, Any], in_definitions: bool) -> ClauseKind:
    if in_definitions:
        return ClauseKind.DEFINITION
    if heading.get("kind"):
        return ClauseKind(heading["kind"])
    if PROHIBITION.search(text):
        return ClauseKind.PROHIBITION
    if PERMISSION.search(text):
        return ClauseKind.PERMISSION
    if OBLIGATION.search(text):
        return ClauseKind.OBLIGATION
    return ClauseKind.INFORMATION


def _label(ctx: _Ctx, heading_label: str, number: str, markers: list[str], term: str, para: str) -> str:
    parts = [ctx.doc_id, heading_label]
    tail = ""
    if markers:
        if ctx.label_style == "parens":
            tail = "".join(f"({m})" for m in markers)
        else:
            tail = ".".join(([number] if number else []) + markers)
    if term and not markers:
        tail = f"“{term}”"
    elif term and ctx.label_style == "parens":
        tail = f"{tail} “{term}”"
    elif term:
        tail = f"“{term}” {tail}"
    if para:
        tail = f"{tail} {para}".strip()
    if tail:
        parts.append(tail)
    return " › ".join(parts)


def _emit_section(ctx: _Ctx, heading: _Heading, root: _Node) -> None:
    spec = heading.spec
    heading_labels = tuple(h["label"] for h in heading.path)
    number = next((str(h["number"]) for h in reversed(heading.path) if h.get("number")), "")
    section_id = f"{ctx.slug}.{spec['slug']}"
    in_definitions = bool(spec.get("definitions"))
    section_lead = ""

    top_paras = [c for c in root.children if c.kind == "para"]
    single = len(root.children) == 1 and top_paras and not top_paras[0].children

    def walk(node: _Node, id_path: list[str], markers: list[str], leads: list[str], term_ctx: str, parent_id: str, depth: int) -> None:
        para_count = 0
        for child in node.children:
            if child.kind == "item":
                c_markers = markers + [child.marker]
                c_path = id_path + [child.marker]
                term = _term(child.text) if in_definitions else ""
                clause_id = ".".join([section_id] + c_path)
                label = _label(ctx, spec["label"], number, c_markers, term or "", "")
                if term_ctx and not term:
                    label = _label(ctx, spec["label"], number, c_markers, term_ctx, "")
                _add(ctx, clause_id, label, child.text, heading_labels, leads, c_markers, number, term, parent_id, depth, spec, in_definitions)
                walk(child, c_path, c_markers, leads + [child.text], term_ctx, clause_id, depth + 1)
            else:
                para_count += 1
                term = _term(child.text) if in_definitions else ""
                if term:
                    seg = slugify(term)
                elif single and not id_path:
                    seg = ""
                else:
                    seg = f"p{para_count}"
                c_path = id_path + ([seg] if seg else [])
                clause_id = ".".join([section_id] + c_path)
                is_clause = bool(term) or len(child.text.split()) >= MIN_CLAUSE_WORDS
                para_mark = "" if (term or single) else f"¶{para_count}"
                if is_clause:
                    label = _label(ctx, spec["label"], number, markers, term or "", para_mark)
                    _add(ctx, clause_id, label, child.text, heading_labels, leads, markers, number, term, parent_id, depth, spec, in_definitions)
                # Items under a paragraph are addressed by their markers only, unless a
                # second list in the section would collide with the first.
                child_path = id_path + ([slugify(term)] if term else ([seg] if para_count > 1 else []))
                child_leads = leads + [child.text]
                walk(child, child_path, markers, child_leads, term or term_ctx, clause_id if is_clause else parent_id, depth + 1)

    walk(root, [], [], [section_lead] if section_lead else [], "", "", 0)


def _add(
    ctx: _Ctx,
    clause_id: str,
    label: str,
    text: str,
    heading_labels: tuple[str, ...],
    leads: list[str],
    markers: list[str],
    number: str,
    term: str,
    parent_id: str,
    depth: int,
    spec: dict[str, Any],
    in_definitions: bool,
) -> None:
    if not text:
        return
    local_id = clause_id[len(ctx.slug) + 1:]
    kind = _kind(text, spec, in_definitions)
    override = _match_pattern_map(ctx.kinds, local_id)
    if override:
        kind = ClauseKind(override[0])
    refs: list[str] = []
    if markers:
        dotted = ".".join(markers)
        if number:
            refs.append(f"{number}.{dotted}")
        refs.append(dotted)
    related = tuple(f"{ctx.slug}.{r}" for r in _match_pattern_map(ctx.links, local_id))
    if clause_id in {c.clause_id for c in ctx.out}:
        raise PolicyFormatError(f"two clauses would share the id {clause_id!r}")
    ctx.out.append(
        Clause(
            clause_id=clause_id,
            doc_id=ctx.doc_id,
            org_id=ctx.org_id,
            label=label,
            text=text,
            kind=kind,
            heading_path=heading_labels,
            lead_in=" … ".join(lead for lead in leads if lead),
            ref=refs[0] if refs else "",
            refs=tuple(refs),
            term=term,
            parent_id=parent_id,
            related=related,
            ordinal=len(ctx.out),
            depth=depth,
        )
    )


def _match_pattern_map(mapping: dict[str, Any], local_id: str) -> list[str]:
    """Values of every key (a clause id, or a glob such as "definitions.d.*") matching the id."""
    out: list[str] = []
    for pattern, value in mapping.items():
        if fnmatch.fnmatchcase(local_id, pattern):
            out.extend(value if isinstance(value, list) else [value])
    return out


def _remove_displaced_fragments(clauses: list[Clause]) -> list[Clause]:
    """Cut a list item's text that a PDF export also dropped into an unrelated paragraph.

    (The Mission export repeats item xi inside the PURPOSE sentence.) Only whole items of
    six words or more count, so ordinary shared phrases are left alone.
    """
    items = [c for c in clauses if c.ref and len(c.text.split()) >= 6]
    out: list[Clause] = []
    for c in clauses:
        text = c.text
        if not c.ref:
            for item in items:
                frag = item.text.rstrip(".;, ")
                if frag in text and frag != text.rstrip(".;, "):
                    text = noise.fold_space(text.replace(frag, " "))
        out.append(c if text == c.text else _replace_text(c, text))
    return out


def _replace_text(c: Clause, text: str) -> Clause:
    from dataclasses import replace

    return replace(c, text=text)


def parse_policy(text: str, meta: dict[str, Any]) -> list[Clause]:
    """Parse one policy text with its metadata into clauses in document order."""
    end_marker = meta.get("end_marker")
    if end_marker and end_marker in text:
        text = text[: text.index(end_marker)]
    headings = _locate_headings(text, meta["outline"], noise.toc_end(text))
    ctx = _Ctx(
        doc_id=meta["doc_id"],
        org_id=meta["org_id"],
        slug=doc_slug(meta["doc_id"]),
        label_style=meta.get("label_style", "parens"),
        kinds=dict(meta.get("kinds") or {}),
        links=dict(meta.get("links") or {}),
        out=[],
    )
    for k, heading in enumerate(headings):
        end = headings[k + 1].start if k + 1 < len(headings) else len(text)
        body = noise.strip_noise(text[heading.end:end])
        root = _Node(kind="section", heading=heading.spec)
        _parse_body(body, root)
        _emit_section(ctx, heading, root)
    return _remove_displaced_fragments(ctx.out)
