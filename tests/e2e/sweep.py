"""Every page the sidebar lists, opened once per size for the whole test run and read once for all three page
sweeps: test_browser (each page opens cleanly, and a full-page screenshot), test_chart_text (each chart's words
inside it and apart, every section of a tabbed page too) and test_accessibility (axe-core, title, headings, names
and the focus indicator along the Tab key, and the same of the bare baseline app).

A page takes seconds to open and draw, and the three once opened every page five times between them, each module
on one xdist worker. Here the work is cut into units (a page at both sizes, a section at both sizes, two pages of
the bare app), and each unit is done once per test run by whichever worker asks for it first; its readings are
left as JSON in the run's temporary folder, which all of xdist's workers share, under a lock of its own. A worker
that finds a unit taken does the next free one, then waits for the rest: both workers sweep together when both
reach a sweep module, and a sweep module that comes later reads what was read before. The tests then judge the
readings as before, page by page: the same pages, sizes and checks, each page read as it was.

A worker keeps one tab per server and size and opens a page by navigating it there: a fresh document and a fresh
Streamlit session each time, as a new tab gives, at well under half the processor time (a new tab's renderer
costs more than the page's own drawing, and the whole suite waits on two busy cores). Each visit ends on
about:blank, so no page's session outlives its visit. A unit's tabs are opened at once, so that one draws while the
other is read. Each is then read in the order the checks always read a page: settled; its charts' words; its title,
headings and controls; then, the viewport grown to the content's height and settled, the screenshot, axe's scan
and the page's problems; then, back to its size and settled, the Tab key's walk (it moves focus and turns
transitions off, so it comes last).

What a unit reads depends on what the collected tests use: the accessibility readings only when a test asks for
`audits` (the bare app when one asks for `baseline`), the sections only when one asks for `chart_views`.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

from filelock import FileLock, Timeout

from loaders.paths import ROOT
from tests.e2e.audit import PageAudit, axe_source, read_names, scan, walk_focus, whole_page
from tests.e2e.baseline import write_baseline
from tests.e2e.server import ErrorLog, served, settle, sidebar_hrefs, tail, url_path
from tests.run_wide import run_folder

DESKTOP, PHONE = (1440, 1000), (390, 844)
SIZES = (DESKTOP, PHONE)
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
TABBED = {"social_care", "education"}  # pages that draw one section at a time (components.blocks.section_tabs)
CHARTS = "[data-testid='stPlotlyChart']"
# The bare app's pages differ only in their title and which sidebar link is the current one: its default page and
# the next stand for all of them (auditing all twenty-one took about 30 worker-seconds a run).
BASELINE_AUDITED = 2
UNIT_WAIT = 900.0  # s: the longest wait for a unit another worker is reading before giving up on it

# Each text outside its chart's box (a pixel's grace), and each pair of tick labels of one axis that overlap. Ticks
# are compared as the rectangles their words fill, turned as plotly turns them ("rotate(45, ...)"): a turned label's
# upright box takes in its neighbours' corners although no letters touch.
FIND_JS = """() => {
  const found = [];
  const angleOf = (text) => {
    const turned = /rotate\\((-?[\\d.]+)/.exec(text.getAttribute('transform') || '');
    return turned ? Number(turned[1]) * Math.PI / 180 : 0;
  };
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, number) => {
    const box = chart.getBoundingClientRect();
    chart.querySelectorAll('svg text').forEach((text) => {
      const r = text.getBoundingClientRect();
      if (!text.textContent.trim() || r.width === 0) return;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        found.push(`chart ${number + 1}: "${text.textContent}" runs outside the chart`);
    });
    chart.querySelectorAll('g.xaxislayer-above, g.yaxislayer-above').forEach((axis) => {
      const ticks = [...axis.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
        const r = t.getBoundingClientRect(), own = t.getBBox();
        return {words: t.textContent, angle: angleOf(t), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
                width: own.width, height: own.height, shown: r.width > 0};
      }).filter((t) => t.shown);
      for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++) {
        const [a, b] = [ticks[i], ticks[j]];
        const [dx, dy] = [b.x - a.x, b.y - a.y];
        const along = Math.abs(dx * Math.cos(a.angle) + dy * Math.sin(a.angle));
        const across = Math.abs(-dx * Math.sin(a.angle) + dy * Math.cos(a.angle));
        if (a.angle === b.angle && along < (a.width + b.width) / 2 - 1 && across < (a.height + b.height) / 2 - 1)
          found.push(`chart ${number + 1}: ticks "${a.words}" and "${b.words}" overlap`);
      }
    });
  });
  return found;
}"""


def size_name(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@dataclass
class View:
    """One page, or one section of a tabbed page, at one size, as the browser drew it."""

    name: str  # its path under the app ("home" for the default page), a section's with its "?section=..."
    url: str
    size: str  # "1440x1000"
    charts: int = 0  # plotly charts on it, once settled
    words: list[str] | None = None  # test_chart_text's findings (FIND_JS), or why the browser gave up first
    problems: list[str] | None = None  # test_browser's findings (problems_of), when read
    server: str = ""  # the server's output while it was open, kept when it has problems
    screenshot: str = ""


def problems_of(page, settled, errors: ErrorLog) -> list[str]:
    """What test_browser reports of a page: not settled, an exception box, a console or page error or a failed
    request (ErrorLog), no title."""
    found = []
    if settled.timed_out:
        found.append(f"did not settle within 60 s (last seen: {settled.last})")
    exceptions = page.locator("[data-testid='stException']")
    for i in range(exceptions.count()):
        message = exceptions.nth(i).inner_text().strip().splitlines()[0]  # then come its buttons: Copy, Ask ...
        found.append(f"exception box: {message[:500]}")
    found.extend(errors.errors)
    titles = [t.strip() for t in page.locator("h1").all_inner_texts() if t.strip()]
    if not titles:
        found.append("no title: the page shows no h1 (st.title)")
    return found


@dataclass
class Visit:
    """One tab of a unit: the view it reads and which checks' readings it takes."""

    view: View
    server: str  # "dashboard" or "baseline": a context per server and size (their cookies never mix)
    size: tuple[int, int]
    opened: bool = False  # test_browser's problems
    words: bool = True  # test_chart_text's charts and words
    shot: Path | None = None  # a full-page screenshot to write
    audit: PageAudit | None = None  # the accessibility readings, into this
    focus: bool = False  # and the Tab key's walk
    axe: str | None = None


def read(page, visit: Visit, errors: ErrorLog, navigation: Exception | None = None) -> bool:
    """Read one tab whose navigation has begun (or failed: `navigation`), in the order the checks always read a
    page (the module's docstring); whether the browser saw it through. A browser error is reported as each check
    that had not finished reading reported it before."""
    from playwright.sync_api import Error as PlaywrightError

    view, audit = visit.view, visit.audit
    try:
        if navigation is not None:
            raise navigation
        page.wait_for_load_state("load")
        settled = settle(page)
        if visit.words:
            view.charts = page.locator(CHARTS).count()
            view.words = page.evaluate(FIND_JS)
        if audit is not None and settled.timed_out:
            audit.problem = f"did not settle within 60 s (last seen: {settled.last})"
            audit = None
        elif audit is not None and visit.axe is None:
            audit.problem = "axe-core is missing: run `npm ci`"
            audit = None
        if audit is not None:
            read_names(page, audit, visit.axe)
        if visit.shot or audit is not None:
            with whole_page(page, wait=not settled.timed_out, settle_back=audit is not None and visit.focus):
                if visit.shot:
                    page.screenshot(path=str(visit.shot), full_page=True)
                    view.screenshot = str(visit.shot)
                if audit is not None:
                    audit.violations = scan(page)
                if visit.opened:
                    view.problems = problems_of(page, settled, errors)
        elif visit.opened:
            view.problems = problems_of(page, settled, errors)
        if audit is not None and visit.focus:
            audit.focus = walk_focus(page)
    except PlaywrightError as exc:  # a navigation that times out, a crashed tab
        gave_up = f"the browser gave up: {str(exc).splitlines()[0]}"
        if visit.words and view.words is None:
            view.words = [gave_up]
        if visit.opened and view.problems is None:
            view.problems = [gave_up, *errors.errors]
        if audit is not None:
            audit.problem = gave_up
        return False
    return True


class ViewLog(ErrorLog):
    """The errors of one visit of a tab that goes on to other pages: attached when the visit begins, detached
    when it ends."""

    def detach(self, page) -> None:
        page.remove_listener("pageerror", self._on_pageerror)
        page.remove_listener("console", self._on_console)
        page.remove_listener("response", self._on_response)


def take(folder: Path, key: str, compute: Callable[[], dict]) -> dict:
    """The unit's readings as left in `folder`, or read now and left there (the caller holds its lock)."""
    path = folder / f"{quote(key, safe='')}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    result = compute()
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text(json.dumps(result), encoding="utf-8")
    partial.replace(path)
    return result


def gather(folder: Path, units: dict[str, Callable[[], dict]]) -> dict[str, dict]:
    """Each unit's readings, each unit read once per test run whichever worker asks: the free units first (read
    here, or found read), then those another worker was reading, once it has done."""

    def lock(key: str) -> FileLock:
        return FileLock(folder / f"{quote(key, safe='')}.lock", preserve_lock_file=True)

    found, busy = {}, []
    for key, compute in units.items():
        held = lock(key)
        try:
            held.acquire(blocking=False)
        except Timeout:
            busy.append(key)
            continue
        try:
            found[key] = take(folder, key, compute)
        finally:
            held.release()
    for key in busy:
        try:
            with lock(key).acquire(timeout=UNIT_WAIT):
                found[key] = take(folder, key, units[key])
        except Timeout as exc:
            raise RuntimeError(f"another worker held the sweep's unit {key!r} for {UNIT_WAIT:.0f} s") from exc
    return {key: found[key] for key in units}


def shared_folder(tmp_path_factory) -> Path:
    """The sweep's folder in the run's temporary folder, which every xdist worker's own folder sits in."""
    folder = run_folder(tmp_path_factory) / "e2e-sweep"
    folder.mkdir(exist_ok=True)
    return folder


@dataclass
class Readings:
    """The sweep's readings: each view by (size, name), the dashboard's pages' audits and the bare app's."""

    views: dict[tuple[str, str], View] = field(default_factory=dict)
    audits: list[PageAudit] = field(default_factory=list)
    baseline: list[PageAudit] = field(default_factory=list)  # its first BASELINE_AUDITED pages
    baseline_listed: int = 0  # the pages its sidebar lists
    baseline_error: str | None = None  # the bare app did not start or could not be read


class Sweep:
    """One worker's part in the run's sweep (a session fixture: tests/e2e/conftest.py). `readings()` gathers it."""

    def __init__(self, browser, base_url: str, server_log: Path, sidebar_links: list[str], *, folder: Path,
                 scratch: Path, stack: contextlib.ExitStack, audit: bool, baseline: bool, sections: bool):  # fmt: skip
        self.browser, self.base_url, self.server_log = browser, base_url, server_log
        self.sidebar_links, self.pages = sidebar_links, sidebar_links or [base_url]
        self.folder, self.scratch, self.stack = folder, scratch, stack
        self.audit, self.baseline, self.sections = audit, audit and baseline, sections
        self._tabs: dict[tuple[str, tuple[int, int]], object] = {}
        self._bare: str | None = None
        self._readings: Readings | None = None
        self._axe: str | None = None
        if audit:
            with contextlib.suppress(FileNotFoundError):  # test_accessibility's `axe` fixture says so
                self._axe = axe_source()

    # ---- what the tests ask for ----------------------------------------------------------------------------------

    def name(self, url: str) -> str:
        return url_path(url, self.base_url) or "home"

    def page_names(self) -> list[str]:
        """Every page the sidebar lists (the default page alone if it lists none), in its order."""
        return [self.name(url) for url in self.pages]

    def section_urls(self) -> dict[str, str]:
        """Each section of the tabbed pages: its name ("education?section=The+gaps") and URL."""
        import definitions  # the app's own: imported when asked for, not by every e2e module's conftest

        found = {}
        for url in self.sidebar_links:
            name = url_path(url, self.base_url)
            if name in TABBED:
                sections = dict.fromkeys(
                    c.section for c in definitions.of_page(name) if isinstance(c, definitions.Chart)
                )
                for section in sections:
                    query = f"?section={section.replace(' ', '+')}"
                    found[name + query] = url + query
        return found

    def chart_view_names(self) -> list[str]:
        """test_chart_text's views: every page, and every section of the pages drawn a section at a time."""
        names = []
        for url in self.sidebar_links:
            name = url_path(url, self.base_url)
            names += [s for s in self.section_urls() if s.split("?")[0] == name] if name in TABBED else [name]
        return names

    def readings(self) -> Readings:
        if self._readings is None:
            self._readings = self._gather()
        return self._readings

    # ---- the units ---------------------------------------------------------------------------------------------

    def _gather(self) -> Readings:
        units: dict[str, Callable[[], dict]] = {}
        if self.baseline:
            units["baseline pages"] = self._baseline_pages
        for number, url in enumerate(self.pages):
            units[f"page {self.name(url)}"] = lambda number=number, url=url: self._page(number, url)
        if self.sections:
            for name, url in self.section_urls().items():
                units[f"section {name}"] = lambda name=name, url=url: self._section(name, url)
        found = gather(self.folder, units)

        readings = Readings()
        for key, result in found.items():
            for view in result.get("views", []):
                readings.views[(view["size"], view["name"])] = View(**view)
            if key.startswith("page ") and result.get("audit"):
                readings.audits.append(PageAudit(**result["audit"]))
        if self.baseline:
            listed = found["baseline pages"]
            readings.baseline_error = listed["error"]
            readings.baseline_listed = len(listed["paths"])
            paths = listed["paths"][:BASELINE_AUDITED]
            pairs = {f"baseline {' '.join(pair)}": pair for pair in (paths[i : i + 2] for i in range(0, len(paths), 2))}
            bare = gather(self.folder, {key: lambda pair=pair: self._baseline(pair) for key, pair in pairs.items()})
            readings.baseline = [PageAudit(**audit) for result in bare.values() for audit in result["audits"]]
        return readings

    def _page(self, number: int, url: str) -> dict:
        name = self.name(url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        audit = PageAudit(url, name) if self.audit else None
        visits = [
            Visit(View(name, url, size_name(size)), "dashboard", size, opened=True,
                  shot=SCREENSHOTS / f"{number:02d}-{name}-{size_name(size)}.png",
                  audit=audit if size == DESKTOP else None, focus=True, axe=self._axe)
            for size in SIZES
        ]  # fmt: skip
        self._visit(visits)
        return {"views": [asdict(v.view) for v in visits], "audit": asdict(audit) if audit else None}

    def _section(self, name: str, url: str) -> dict:
        visits = [Visit(View(name, url, size_name(size)), "dashboard", size) for size in SIZES]
        self._visit(visits)
        return {"views": [asdict(v.view) for v in visits]}

    def _baseline_pages(self) -> dict:
        """The bare app's sidebar, read from its landing page as a person finds its pages: their paths."""
        try:
            url = self._bare_url()
        except RuntimeError as exc:
            return {"paths": [], "error": str(exc)}
        page = self._tab("baseline", DESKTOP)
        try:
            page.goto(url)
            settle(page)
            links = sidebar_hrefs(page, url)
        finally:
            page.goto("about:blank")
        return {"paths": [url_path(link, url) for link in links or [url]], "error": None}

    def _baseline(self, paths: list[str]) -> dict:
        """Pages of the bare app, read as the dashboard's desktop pages are for the audit (no Tab walk: unused)."""
        try:
            url = self._bare_url()
        except RuntimeError as exc:
            return {"audits": [asdict(PageAudit(path, path or "home", problem=str(exc))) for path in paths]}
        visits = [
            Visit(View(path or "home", url + path, size_name(DESKTOP)), "baseline", DESKTOP, words=False,
                  audit=PageAudit(url + path, path or "home"), axe=self._axe)
            for path in paths
        ]  # fmt: skip
        self._visit(visits)
        return {"audits": [asdict(v.audit) for v in visits]}

    # ---- the browser -------------------------------------------------------------------------------------------

    def _bare_url(self) -> str:
        """The bare app (tests/e2e/baseline.py), served by this worker from the first time it is asked for."""
        if self._bare is None:
            script = write_baseline(self.scratch)
            try:
                self._bare = self.stack.enter_context(
                    served(script.name, cwd=self.scratch, log=self.scratch / "server.log")
                )
            except RuntimeError as exc:
                raise RuntimeError(f"the baseline app ({script}) did not start: {exc}") from exc
        return self._bare

    def _tab(self, server: str, size: tuple[int, int]):
        """The worker's tab for a server and size, in a context (an HTTP cache) of its own, for the session: pages
        are opened in it one after another (the module's docstring)."""
        key = (server, size)
        if key not in self._tabs:
            context = self.browser.new_context(viewport={"width": size[0], "height": size[1]})
            self.stack.callback(context.close)
            self._tabs[key] = context.new_page()
        return self._tabs[key]

    def _visit(self, visits: list[Visit]) -> None:
        """Begin every visit at once, each in its own tab, then read them one by one; the server's output meanwhile
        is kept for a view with problems. Each visit ends on about:blank: its errors stop being recorded first, and
        then the page goes, so that its Streamlit session ends with the visit (as a closed tab's would: a test of
        the server's session count, test_load_client, waits for none to be left). A tab the browser gave up on is
        closed, and another opened for the next visit."""
        from playwright.sync_api import Error as PlaywrightError

        log_start = self.server_log.stat().st_size if self.server_log.exists() else 0
        begun = []
        try:
            for visit in visits:
                page, errors, navigation = self._tab(visit.server, visit.size), ViewLog(), None
                errors.attach(page)
                try:
                    page.goto(visit.view.url, wait_until="commit")
                except PlaywrightError as exc:  # read() reports it
                    navigation = exc
                begun.append((visit, page, errors, navigation))
            for visit, page, errors, navigation in begun:
                if not read(page, visit, errors, navigation):
                    self._tabs.pop((visit.server, visit.size), None)
                if visit.view.problems and visit.server == "dashboard":
                    log = tail(self.server_log, 4000, start=log_start)
                    visit.view.server = "\n".join(line.rstrip() for line in log.splitlines())
        finally:
            for visit, page, errors, _ in begun:
                with contextlib.suppress(PlaywrightError):
                    errors.detach(page)
                    if self._tabs.get((visit.server, visit.size)) is page:
                        page.goto("about:blank")
                    else:
                        page.close()
