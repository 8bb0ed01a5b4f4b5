"""Read a page the way the accessibility tests judge it: axe-core's WCAG A and AA rules, the document title, the
main area's headings, the names of links and buttons, and the focus indicator of each stop along the Tab key.

`read_names`, `scan` (inside `whole_page`) and `walk_focus` do the browser's part, once per page, in that order
(tests/e2e/sweep.py opens the pages); the functions after them (new_violations, shared_titles, heading_skips,
ambiguous_names, weak_focus) are pure and say what is wrong, each as lines a developer can act on.

A node, control or element is located by where it sits: its region (sidebar, main, page), the nearest
`data-testid` of Streamlit's around it, and its tag. Streamlit's class names are hashes and its CSS paths carry
positions; this survives both, and the same thing drawn by the bare baseline app (tests/e2e/baseline.py) sits
in the same place, which is how what Streamlit draws is told apart from what the app adds.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from loaders.paths import ROOT
from tests.contrast import MINIMUM, focus_indicator
from tests.e2e.server import settle

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.0, 2.1 and 2.2, levels A and AA
FOCUS_STOPS = 30  # focusable elements of the main area to Tab through on each page
SIDEBAR_STOPS = 60  # Tab presses allowed on top of those: the skip link, the sidebar's links, repeats
NODES_SHOWN = 5

MAX_HEIGHT = 30_000  # px: the tallest viewport the whole-page scan asks Chromium for
SCROLLERS = "[data-testid='stMain'], [data-testid='stAppViewContainer'], [data-testid='stSidebarContent']"
CONTENT_HEIGHT_JS = f"""() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll("{SCROLLERS}")].map((e) => e.scrollHeight))"""

# Where an element sits, without positions or hashed class names (see the module's docstring).
WHERE_JS = """(el) => {
  const region = el.closest("[data-testid='stSidebar']") ? "sidebar"
    : el.closest("[data-testid='stMain']") ? "main" : "page";
  const owner = el.closest("[data-testid]");
  return `${region} ${owner ? owner.getAttribute("data-testid") : "-"} ${el.tagName.toLowerCase()}`;
}"""

AXE_RUN_JS = f"""async (tags) => {{
  const where = {WHERE_JS};
  const result = await axe.run(document, {{runOnly: {{type: "tag", values: tags}}, resultTypes: ["violations"]}});
  return result.violations.map((v) => ({{
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => {{
      let el = null;
      try {{ el = n.target.length === 1 && typeof n.target[0] === "string" ? document.querySelector(n.target[0]) : null; }}
      catch (e) {{ el = null; }}
      const target = n.target.map((t) => Array.isArray(t) ? t.join(" >> ") : String(t)).join(" >>> ");
      return {{target, html: n.html, summary: n.failureSummary || "", where: el ? where(el) : "at " + target}};
    }}),
  }}));
}}"""

TITLE_AND_HEADINGS_JS = """() => ({
  title: document.title,
  headings: [...document.querySelectorAll(
      "[data-testid='stMain'] :is(h1, h2, h3, h4, h5, h6, [role='heading'][aria-level])")]
    .filter((h) => !h.closest("[aria-hidden='true']"))
    .map((h) => ({
      level: h.hasAttribute("aria-level") ? Number(h.getAttribute("aria-level")) : Number(h.tagName.slice(1)),
      text: h.textContent.replace(/\\s+/g, " ").trim(),
    })),
})"""

# Links and buttons (expanders' summaries and popovers' buttons are buttons) that are drawn on the page as loaded,
# with their accessible names as axe-core computes them. Out: what is hidden from assistive technology, what is
# not drawn (inside a closed expander), and a button taken out of the Tab order (tabindex=-1), which belongs to a
# composite widget reached another way (a multiselect's "Open" arrow).
CONTROLS_JS = f"""() => {{
  const where = {WHERE_JS};
  axe.setup(document);
  try {{
    const controls = [];
    const selector = "a[href], [role='link'], button, summary, [role='button'], "
      + "input[type='button'], input[type='submit'], input[type='reset']";
    for (const el of document.querySelectorAll(selector)) {{
      if (!el.checkVisibility() || el.closest("[aria-hidden='true']")) continue;
      const link = el.matches("a[href], [role='link']");
      if (!link && el.getAttribute("tabindex") === "-1") continue;
      const name = axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el)).replace(/\\s+/g, " ").trim();
      controls.push({{
        role: link ? "link" : "button", name, href: link ? (el.href || el.getAttribute("href") || "") : null,
        where: where(el), html: el.outerHTML.slice(0, 160),
      }});
    }}
    return controls;
  }} finally {{
    axe.teardown();
  }}
}}"""

# Transitions off for the walk, so that a style read right after a key press is the settled one.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# One step of the Tab walk, run after each press. It finishes the record of the element focused before (its
# styles now that it has lost focus) and starts one for the element focused now: its styles and its nearest
# ancestors' (an indicator may be drawn on a wrapper), and the backgrounds behind each.
FOCUS_STEP_JS = f"""(ancestors) => {{
  const where = {WHERE_JS};
  const state = window.__focusWalk ??= {{seen: new Set(), open: null}};
  const props = ["outlineStyle", "outlineWidth", "outlineColor", "outlineOffset", "boxShadow", "backgroundColor"];
  for (const side of ["Top", "Right", "Bottom", "Left"]) {{
    props.push(`border${{side}}Color`, `border${{side}}Width`, `border${{side}}Style`);
  }}
  const read = (node) => {{
    const style = getComputedStyle(node);
    return Object.fromEntries(props.map((p) => [p, style[p]]));
  }};
  const textOf = (node) => {{  // its text, less the names of Material icons (drawn from ligatures: "download")
    const parts = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {{
      if (!t.parentElement.closest("[data-testid='stIconMaterial'], [aria-hidden='true']")) parts.push(t.textContent);
    }}
    return parts.join(" ").replace(/\\s+/g, " ").trim();
  }};
  const behind = (node) => {{
    const colours = [];
    for (let n = node.parentElement; n; n = n.parentElement) colours.push(getComputedStyle(n).backgroundColor);
    return colours;
  }};
  const el = document.activeElement;
  if (state.open && state.open.nodes[0] === el) return {{finished: null, inMain: true, repeat: true}};
  let finished = null;
  if (state.open) {{
    state.open.record.chain.forEach((entry, i) => {{ entry.unfocused = read(state.open.nodes[i]); }});
    finished = state.open.record;
    state.open = null;
  }}
  const main = document.querySelector("[data-testid='stMain']");
  const inMain = !!(el && main && main.contains(el) && el !== main);
  const repeat = inMain && state.seen.has(el);
  if (inMain && !repeat) {{
    state.seen.add(el);
    const nodes = [el];
    for (let n = el.parentElement; n && n !== main && nodes.length <= ancestors; n = n.parentElement) nodes.push(n);
    const label = (el.getAttribute("aria-label") || textOf(el) || el.getAttribute("title") || "").slice(0, 60);
    state.open = {{nodes, record: {{
      where: where(el), label, html: el.outerHTML.slice(0, 160), canvas: el.tagName === "CANVAS",
      chain: nodes.map((n) => ({{focused: read(n), behind: behind(n)}})),
    }}}};
  }}
  return {{finished, inMain, repeat}};
}}"""


@dataclass
class PageAudit:
    """What one page showed: its URL and name, and each check's raw reading (or the reason it could not be read)."""

    url: str
    name: str
    title: str = ""
    headings: list[dict] = field(default_factory=list)
    controls: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    focus: list[dict] = field(default_factory=list)
    problem: str | None = None  # the page did not settle, or the browser gave up


def axe_source() -> str:
    """axe-core's browser build, installed by `npm ci` from package-lock.json."""
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `npm ci` in {ROOT}")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@contextlib.contextmanager
def whole_page(page, *, wait: bool = True, settle_back: bool = True):
    """The viewport grown to the content's height and the page settled again (`wait`), for a read of the whole
    page; back to its size on exit, and settled again (`settle_back`: when more of the page is read after).

    Streamlit scrolls its main area inside a container: axe skips the colour contrast of text scrolled out of that
    container's view, and a full-page screenshot stops at the fold. The width, and so the layout, stay as they are.
    """
    size = page.viewport_size
    height = min(page.evaluate(CONTENT_HEIGHT_JS), MAX_HEIGHT)
    grown = height > size["height"]
    if grown:
        page.set_viewport_size({"width": size["width"], "height": height})
        if wait:
            settle(page)
    try:
        yield
    finally:
        if grown:
            page.set_viewport_size(size)
            if wait and settle_back:
                settle(page)


def scan(page) -> list[dict]:
    """axe's violations of WCAG_TAGS over the page as it stands (inside `whole_page`: over all of it)."""
    return page.evaluate(AXE_RUN_JS, WCAG_TAGS)


def read_names(page, audit: PageAudit, axe: str) -> None:
    """The document title, the main area's headings and the links' and buttons' names, into `audit`; axe-core is
    injected into the page for this and for `scan`."""
    read = page.evaluate(TITLE_AND_HEADINGS_JS)
    audit.title, audit.headings = read["title"], read["headings"]
    page.evaluate(axe)
    audit.controls = page.evaluate(CONTROLS_JS)


def walk_focus(page, stops: int = FOCUS_STOPS, ancestors: int = 3) -> list[dict]:
    """Press Tab from the top of the page until `stops` elements of the main area have had focus (or focus has
    left it again), and return each one's record: where it is, its label, and its chain of styles."""
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate("() => { window.__focusWalk = undefined; }")
    records: list[dict] = []
    entered = False
    for _ in range(stops + SIDEBAR_STOPS):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP_JS, ancestors)
        if step["finished"]:
            records.append(step["finished"])
        if len(records) >= stops or (entered and not step["inMain"]):
            break
        entered = entered or step["inMain"]
    if len(records) < stops:  # the last element focused still waits for its unfocused styles
        page.evaluate("() => document.activeElement?.blur()")
        step = page.evaluate(FOCUS_STEP_JS, ancestors)
        if step["finished"]:
            records.append(step["finished"])
    return records[:stops]


# --- what is wrong: pure functions over the readings -------------------------------------------------------------


def _short(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def new_violations(found: list[dict], baseline: list[dict]) -> list[dict]:
    """The violations of `found` that the baseline does not have: a rule the baseline does not break at all, or,
    for a rule it does break, only the nodes that sit where none of the baseline's failing nodes do."""
    excused = {(v["id"], n["where"]) for v in baseline for n in v["nodes"]}
    fresh = []
    for violation in found:
        nodes = [n for n in violation["nodes"] if (violation["id"], n["where"]) not in excused]
        if nodes:
            fresh.append({**violation, "nodes": nodes})
    return fresh


def describe_violations(violations: list[dict], shown: int = NODES_SHOWN) -> list[str]:
    """Per rule: id, impact, help and link, then up to `shown` nodes' CSS targets, HTML and first failure reason."""
    lines = []
    for v in violations:
        count = len(v["nodes"])
        lines.append(f"{v['id']} ({v['impact'] or 'no impact given'}): {v['help']}. {count} node(s). {v['helpUrl']}")
        for node in v["nodes"][:shown]:
            reason = next((line.strip() for line in node["summary"].splitlines()[1:] if line.strip()), "")
            lines.append(f"    at {node['target']}")
            lines.append(f"       {_short(node['html'])}")
            if reason:
                lines.append(f"       {_short(reason, 240)}")
        if count > shown:
            lines.append(f"    ... and {count - shown} more")
    return lines


def shared_titles(titles: dict[str, str]) -> list[str]:
    """Each document title that more than one page shows, with the pages (page name -> its title)."""
    pages_of: dict[str, list[str]] = defaultdict(list)
    for page, title in titles.items():
        pages_of[title].append(page)
    lines = []
    for title, pages in pages_of.items():
        if len(pages) > 1:
            lines.append(f"{len(pages)} pages are all titled {title!r}: {', '.join(pages)}")
        if not title.strip():
            lines.append(f"no document title: {', '.join(pages)}")
    return lines


def heading_skips(headings: list[dict]) -> list[str]:
    """Every place the heading levels skip one going down (h1 then h3), and a first heading that is not h1."""
    lines, previous = [], None
    for heading in headings:
        level, last = heading["level"], previous["level"] if previous else 0
        if level > last + 1:
            before = f"h{last} {_short(previous['text'], 60)!r}" if previous else "the start of the main area"
            lines.append(f"h{level} {_short(heading['text'], 60)!r} follows {before}: h{last + 1} is skipped")
        previous = heading
    return lines


def _place(href: str) -> str:
    """A link's target as a path on the app ("/population", "/#stMain"), or the whole URL if it leaves the app."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.hostname in ("127.0.0.1", "localhost"):
        return (
            (parts.path or "/")
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
    return href


def ambiguous_names(controls: list[dict], excused: set[tuple[str, str, str]] = frozenset()) -> list[str]:
    """Links of one accessible name that go to different places, and buttons that share a name.

    `excused` holds (role, where, name) of the controls the bare baseline app draws too (a heading's "Link to
    heading", a chart toolbar's "Zoom"): named by Streamlit and plotly, not by the app. Nameless controls are left
    to axe's link-name and button-name rules.
    """
    links: dict[str, list[dict]] = defaultdict(list)
    buttons: dict[str, list[dict]] = defaultdict(list)
    for control in controls:
        if not control["name"] or (control["role"], control["where"], control["name"]) in excused:
            continue
        (links if control["role"] == "link" else buttons)[control["name"]].append(control)
    lines = []
    for name, same in links.items():
        places = list(dict.fromkeys(c["href"] for c in same))
        if len(places) > 1:
            shown = ", ".join(_place(href) for href in places)
            lines.append(f"{len(same)} links named {name!r} go to {len(places)} different places: {shown}")
    for name, same in buttons.items():
        if len(same) > 1:
            kinds = ", ".join(sorted({c["where"] for c in same}))
            lines.append(f"{len(same)} buttons named {name!r} ({kinds})")
    return lines


def _numbers(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def weak_focus(records: list[dict]) -> tuple[list[str], int, int]:
    """The focus stops whose indicator is missing or under 3:1, one line per kind of element and finding (with the
    stops' numbers along the Tab key and their labels); how many stops fell short; how many were measured.

    A canvas (a data grid) draws its focus inside itself, where styles cannot see it: it is not counted.
    """
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    measured = 0
    for number, record in enumerate(records, start=1):
        if record.get("canvas") or any("unfocused" not in entry for entry in record["chain"]):
            continue
        measured += 1
        try:
            indicator = focus_indicator(record["chain"])
        except ValueError as exc:  # a colour the helper cannot read: say so rather than pass or crash
            groups[(record["where"], f"could not read the indicator: {exc}")].append((number, record["label"]))
            continue
        if indicator is None:
            finding = "no focus indicator: no outline, box-shadow, border or background changes on focus"
        elif indicator.ratio < MINIMUM:
            finding = indicator.describe()
        else:
            continue
        groups[(record["where"], finding)].append((number, record["label"]))
    lines = []
    for (where, finding), stops in groups.items():
        labels = ", ".join(repr(label) for label in list(dict.fromkeys(label for _, label in stops))[:3])
        numbers = _numbers([n for n, _ in stops])
        lines.append(f"{where} ({len(stops)} stop(s): {numbers}; {labels}): {finding}")
    return lines, sum(len(stops) for stops in groups.values()), measured
