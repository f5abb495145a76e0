"""The curated notebooks, clicked in a real JupyterLab in headless Chromium.

For each ``notebooks/*.ipynb`` (collected at import time): start ``jupyter lab`` on 127.0.0.1
(random port, random token, isolated config/runtime dirs, corpus built into a temp dir and passed
as ``KOMPASKIT_PROCESSED``), open the notebook, Run -> Run All Cells, poll until every code cell
has run and each `filtered_view` (``.kk-filter`` controls, ``.kk-view-output``) has rendered,
change one filter per view, and require the view's output to change with no ``.kk-error`` and no
traceback in any cell. A screenshot per notebook is saved under the test's tmp dir and its path
printed. Two generated notebooks prove the harness: one whose callback works, one whose
callback raises on the second dropdown option (the driver must fail on it).

Needs /usr/bin/chromium (``.ci/install-browser.sh``; ``KOMPASKIT_CHROMIUM`` names another
binary) and the ``playwright`` package (no Playwright browser download); skips with the reason
otherwise.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("KOMPASKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

SERVER_START_TIMEOUT = 90  # s until /api/status answers
NOTEBOOK_OPEN_TIMEOUT = 60_000  # ms until the notebook's cells are in the DOM
RUN_ALL_TIMEOUT = 300  # s for Run All Cells to finish one notebook
WIDGET_TIMEOUT = 60  # s for a widget to render / a view to re-render after a change
MAX_VIEWS = 8  # views exercised per notebook (one filter changed in each)
VIEWPORT = {"width": 1280, "height": 1800}  # a laptop screen: every table column must fit in it

BROWSER_TEST_TIMEOUT = 900  # s, pytest-timeout's outer guard for one notebook in the browser
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(BROWSER_TEST_TIMEOUT)]


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: install Debian's chromium (.ci/install-browser.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"python playwright package not importable ({exc}); pip install playwright"
    return None


SKIP = _skip_reason()
if SKIP and os.environ.get("KOMPASKIT_REQUIRE_BROWSER"):
    # CI sets this: there the browser test must run, never skip quietly
    raise RuntimeError(f"KOMPASKIT_REQUIRE_BROWSER is set but the browser test cannot run: {SKIP}")
if SKIP:
    pytestmark.append(pytest.mark.skip(reason=SKIP))


class NotebookUIError(AssertionError):
    """The notebook, as seen in the browser, failed: an error shown, or a filter did nothing."""


# --------------------------------------------------------------------------- jupyter lab server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Server config for the isolated lab: never write into the checkout (a save, even an
# accidental one, would put outputs into the shared notebooks), no language-server side files.
_SERVER_CONFIG = """\
def _refuse_save(model, path, contents_manager, **kwargs):
    raise RuntimeError("kompaskit browser test: saving is disabled (read-only run)")

c.FileContentsManager.pre_save_hook = _refuse_save
c.FileCheckpoints.checkpoint_dir = {checkpoints!r}  # absolute: keeps .ipynb_checkpoints out
c.ServerApp.jpserver_extensions = {{"jupyter_lsp": False}}
"""


def _write_lab_settings(config_dir: Path, checkpoints: Path) -> None:
    """Config for the isolated JupyterLab: all cells in the DOM, no autosave, no news checks."""
    (config_dir / "jupyter_server_config.py").write_text(
        _SERVER_CONFIG.format(checkpoints=str(checkpoints)), encoding="utf-8")
    settings = config_dir / "lab" / "user-settings" / "@jupyterlab"
    (settings / "docmanager-extension").mkdir(parents=True, exist_ok=True)
    (settings / "docmanager-extension" / "plugin.jupyterlab-settings").write_text(
        json.dumps({"autosave": False}), encoding="utf-8")
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}), encoding="utf-8")
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")


class LabServer:
    """A `jupyter lab` subprocess serving `root_dir` on 127.0.0.1 with a random port and token."""

    def __init__(self, root_dir: Path, work: Path, env_extra: dict[str, str]):
        self.root_dir = root_dir
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        dirs = {name: work / name for name in ("config", "runtime", "data", "ipython", "checkpoints")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        _write_lab_settings(dirs["config"], dirs["checkpoints"])
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "KOMPASKIT_"))}
        env.update({
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "JUPYTER_DATA_DIR": str(dirs["data"]),
            "JUPYTER_PLATFORM_DIRS": "1",
            "IPYTHONDIR": str(dirs["ipython"]),
            "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYTHONUNBUFFERED": "1",
            **env_extra,
        })
        self.log_path = work / "jupyter-lab.log"
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root_dir}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(cmd, cwd=str(root_dir), env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def api(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{self.log_tail()}")

    def notebook_url(self, rel_path: str) -> str:
        return f"{self.base}/lab/tree/{quote(rel_path)}?token={self.token}&reset"

    def shutdown_sessions(self) -> None:
        """Stop every kernel this server started (between notebooks, to spare the CPU)."""
        try:
            for session in self.api("/api/sessions") or []:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, n: int = 40) -> str:
        try:
            self._log.flush()
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        self.shutdown_sessions()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # our own session: lab + its kernels
                self.proc.wait(timeout=10)
        self._log.close()


def _start_lab(root_dir: Path, work: Path, env_extra: dict[str, str]) -> LabServer:
    last: Exception | None = None
    for _ in range(3):  # the random port may be taken between probing and binding
        server = LabServer(root_dir, work, env_extra)
        try:
            server.wait_ready()
            return server
        except RuntimeError as exc:
            last = exc
            server.stop()
    raise RuntimeError(f"could not start jupyter lab: {last}")


# --------------------------------------------------------------------------- browser driving

_STATE_JS = r"""
() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell')];
  let pending = 0, unrun = 0, nonempty = 0;
  for (const cell of cells) {
    const src = (cell.querySelector('.jp-InputArea-editor')?.innerText || '').trim();
    const prompt = (cell.querySelector('.jp-InputPrompt')?.innerText || '').trim();
    if (src) nonempty++;
    if (prompt.includes('*')) pending++;
    else if (src && !/\[\d+\]/.test(prompt)) unrun++;
  }
  const errors = [];
  const outs = document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], ' +
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]');
  for (const o of outs) {
    const t = o.innerText || '';
    if (/Traceback|\w+Error\b/.test(t)) errors.push(t.slice(0, 1500));
  }
  for (const e of document.querySelectorAll('.kk-error')) errors.push((e.innerText || '').slice(0, 1500));
  for (const e of document.querySelectorAll('.jp-OutputArea-output')) {
    const t = e.innerText || '';
    if (/^(Error displaying widget|Model not found|Failed to load model)/.test(t.trim()))
      errors.push(t.slice(0, 500));
  }
  const widgetOuts = [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')];
  return {
    cells: cells.length, nonempty, pending, unrun, errors,
    widgetOutputs: widgetOuts.length,
    widgetsRendered: widgetOuts.filter(o => o.querySelector('.jupyter-widgets')).length,
    filters: document.querySelectorAll('.kk-filter').length,
    views: document.querySelectorAll('.kk-view-output').length,
  };
}
"""

# The rendered HTML of the i-th view output (what a filter change must alter).
_VIEW_HTML_JS = r"""
(i) => {
  const out = document.querySelectorAll('.kk-view-output')[i];
  return out ? out.innerHTML : null;
}
"""


def _state(page) -> dict:
    return page.evaluate(_STATE_JS)


def _fail(page, shot: Path, message: str) -> None:
    try:
        page.screenshot(path=str(shot), full_page=True)
        message += f"\nscreenshot: {shot}"
    except Exception:  # the screenshot is a courtesy; the failure is the message
        pass
    raise NotebookUIError(message)


def _clear_outputs(page) -> None:
    """Edit -> Clear Outputs of All Cells, so outputs and counts saved in the file can't pass
    for a fresh run."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Edit$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Clear Outputs of All Cells$")).first.click()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
        ".jp-CodeCell .jp-InputPrompt')].some(p => /\\[\\d+\\]/.test(p.innerText))",
        timeout=30_000)


def _run_all(page) -> None:
    """Run -> Run All Cells from the menu bar (what a researcher clicks)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).first.click()


def _accept_kernel_dialog(page) -> None:
    """Accept a 'Select Kernel' dialog (notebook saved without kernelspec), if one is shown."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        page.locator(".jp-Dialog .jp-mod-accept").first.click()


def _wait_kernel(server: "LabServer", page, rel_path: str, shot: Path) -> None:
    """Wait until the server reports this notebook's kernel started and idle.

    The toolbar indicator reads "idle" before any kernel exists, so ask the server instead.
    """
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        _accept_kernel_dialog(page)
        try:
            sessions = server.api("/api/sessions") or []
        except (urllib.error.URLError, OSError):
            sessions = []
        for session in sessions:
            if session.get("path") == rel_path and (session.get("kernel") or {}).get(
                    "execution_state") == "idle":
                return
        page.wait_for_timeout(500)
    _fail(page, shot, f"no kernel for {rel_path} within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")


def _wait_until_run(page, shot: Path) -> dict:
    """Run all cells and poll until every non-empty code cell has an execution count.

    Fails on any error shown. If nothing at all started (the kernel connection raced the
    click), Run All Cells is clicked again, at most twice more.
    """
    _run_all(page)
    started = time.monotonic()
    deadline = started + RUN_ALL_TIMEOUT
    reruns = 0
    state: dict = {}
    while time.monotonic() < deadline:
        _accept_kernel_dialog(page)
        state = _state(page)
        if state["errors"]:
            _fail(page, shot, "error shown in the notebook:\n" + "\n---\n".join(state["errors"]))
        if not state["pending"] and not state["unrun"]:
            return state  # (a notebook without code cells is trivially done)
        if (not state["pending"] and state["unrun"] == state["nonempty"]
                and time.monotonic() - started > 15 and reruns < 2):
            reruns += 1
            started = time.monotonic()
            _run_all(page)
        page.wait_for_timeout(500)
    _fail(page, shot, f"Run All Cells did not finish within {RUN_ALL_TIMEOUT} s: {state}")
    return state


def _wait_widgets(page, shot: Path) -> dict:
    """Poll until each widget output has rendered (and views have their controls)."""
    deadline = time.monotonic() + WIDGET_TIMEOUT
    state = _state(page)
    while time.monotonic() < deadline:
        state = _state(page)
        if state["errors"]:
            _fail(page, shot, "error shown in the notebook:\n" + "\n---\n".join(state["errors"]))
        if state["widgetsRendered"] == state["widgetOutputs"] and (state["views"] == 0 or state["filters"]):
            return state
        page.wait_for_timeout(500)
    _fail(page, shot, f"widgets did not render within {WIDGET_TIMEOUT} s: {state}")
    return state


def _change_candidates(control):
    """Ways to change one filter control, as callables; each returns a description."""
    tag_select = control.locator("select")
    if tag_select.count():
        select = tag_select.first
        options = select.locator("option")
        n = options.count()
        multiple = select.get_attribute("multiple") is not None
        current = select.evaluate("s => s.selectedIndex")
        order = [(current + k) % n for k in range(1, n)] if n > 1 else []
        for idx in order:
            label = " ".join(options.nth(idx).inner_text().split())
            if multiple:
                yield lambda idx=idx: select.select_option(index=[idx]), f"select [{label}]"
            else:
                yield lambda idx=idx: select.select_option(index=idx), f"select {label!r}"
        return
    checkbox = control.locator("input[type=checkbox]")
    if checkbox.count():
        yield (lambda: checkbox.first.click()), "toggle checkbox"
        return
    buttons = control.locator("button:not(.mod-active)")
    if buttons.count():
        for k in range(min(buttons.count(), 4)):
            yield (lambda k=k: buttons.nth(k).click()), f"click {buttons.nth(k).inner_text()!r}"
        return
    text = control.locator("input[type=text], input:not([type]), textarea")
    if text.count():
        def type_text():
            text.first.fill("korea")
            text.first.press("Enter")
        yield type_text, "type 'korea'"
        return
    number = control.locator("input[type=number]")
    if number.count():
        def bump():
            value = number.first.input_value() or "0"
            number.first.fill(str(float(value) + 1))
            number.first.press("Enter")
        yield bump, "number + 1"
        return
    handle = control.locator(".noUi-handle, .ui-slider-handle")
    if handle.count():
        yield (lambda: (handle.first.focus(), handle.first.press("ArrowRight"))), "slider ->"
        yield (lambda: (handle.last.focus(), handle.last.press("ArrowLeft"))), "slider <-"


def _settle(page, view_index: int, quiet_ms: int = 1000) -> None:
    """Wait until the view's output stops changing for `quiet_ms` (it re-renders in steps)."""
    deadline = time.monotonic() + WIDGET_TIMEOUT
    last = page.evaluate(_VIEW_HTML_JS, view_index)
    while time.monotonic() < deadline:
        page.wait_for_timeout(quiet_ms)
        now = page.evaluate(_VIEW_HTML_JS, view_index)
        if now == last:
            return
        last = now


def _exercise_view(page, view_index: int, shot: Path) -> str:
    """Change one filter of view `view_index` until its output changes; fail on errors."""
    outputs = page.locator(".kk-view-output")
    out = outputs.nth(view_index)
    out.scroll_into_view_if_needed()
    # Controls of this view: the .kk-filter elements in the same filtered_view box.
    box = out.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), "
                      "' widget-vbox ')][1]")
    controls = box.locator(".kk-filter")
    if controls.count() == 0:
        _fail(page, shot, f"view {view_index} has an output but no .kk-filter control")
    _settle(page, view_index)  # the first render may still be arriving
    tried: list[str] = []
    for c in range(controls.count()):
        control = controls.nth(c)
        for change, what in _change_candidates(control):
            before = page.evaluate(_VIEW_HTML_JS, view_index)
            control.scroll_into_view_if_needed()
            change()
            tried.append(what)
            deadline = time.monotonic() + WIDGET_TIMEOUT
            while time.monotonic() < deadline:
                state = _state(page)
                if state["errors"]:
                    _fail(page, shot, f"after {what} in view {view_index}, error shown:\n"
                          + "\n---\n".join(state["errors"]))
                now = page.evaluate(_VIEW_HTML_JS, view_index)
                if now is not None and now != before and now.strip():
                    _settle(page, view_index)
                    state = _state(page)
                    if state["errors"]:
                        _fail(page, shot, f"after {what} in view {view_index}, error shown:\n"
                              + "\n---\n".join(state["errors"]))
                    return what
                page.wait_for_timeout(250)
            if len(tried) >= 6:
                break
        if len(tried) >= 6:
            break
    _fail(page, shot, f"view {view_index}: output did not change after {tried or 'no usable control'}")
    return ""


# Geometry of every widget table as rendered: `kompaskit.widgets.table_html` (class kk-table) and
# any raw pandas table shown inside a view (what the views displayed before table_html).
_TABLES_JS = r"""
() => [...document.querySelectorAll('.kk-table, .kk-view-output table.dataframe')].map(t => {
  const out = t.closest('.jp-OutputArea-output') || t.parentElement;
  const heads = [...t.querySelectorAll('th')].map(th => th.getBoundingClientRect());
  const firstCell = t.querySelector('td') || t.querySelector('th');
  const cells = [...t.querySelectorAll('td')].map(td => (td.innerText || '').trim());
  return {
    columns: heads.length,
    outputScroll: out.scrollWidth - out.clientWidth,
    wrapScroll: t.parentElement.scrollWidth - t.parentElement.clientWidth,
    tableRight: t.getBoundingClientRect().right,
    outputRight: out.getBoundingClientRect().right,
    lastColumnRight: heads.length ? Math.max(...heads.map(b => b.right)) : 0,
    narrowestColumn: heads.length ? Math.min(...heads.map(b => b.width)) : 0,
    align: firstCell ? getComputedStyle(firstCell).textAlign : 'left',
    wraps: firstCell ? getComputedStyle(firstCell).whiteSpace : 'normal',
    missingShown: cells.filter(c => /^(nan|NaN|None|NaT|<NA>)$/.test(c)).length,
    viewport: window.innerWidth,
  };
})
"""


def check_tables(page, shot: Path) -> list[dict]:
    """Every widget table fits the output at this viewport (no horizontal scroll, last column
    inside it, no column under 24 px), wraps left-aligned text and shows no `nan`."""
    tables = page.evaluate(_TABLES_JS)
    for i, t in enumerate(tables):
        problems = []
        if t["outputScroll"] > 1 or t["wrapScroll"] > 1:
            problems.append(f"scrolls horizontally by {max(t['outputScroll'], t['wrapScroll'])} px")
        if t["lastColumnRight"] > min(t["outputRight"], t["viewport"]) + 1:
            problems.append(f"last column ends at {t['lastColumnRight']:.0f} px, beyond the output "
                            f"({t['outputRight']:.0f} px) or the {t['viewport']} px window")
        if t["columns"] and t["narrowestColumn"] < 24:
            problems.append(f"a column is only {t['narrowestColumn']:.0f} px wide")
        if t["align"] not in ("left", "start") or t["wraps"] not in ("normal", "pre-wrap", "break-spaces"):
            problems.append(f"cells are {t['align']}-aligned, white-space {t['wraps']}")
        if t["missingShown"]:
            problems.append(f"{t['missingShown']} cell(s) show nan/None instead of nothing")
        if problems:
            _fail(page, shot, f"widget table {i} at {t['viewport']} px: " + "; ".join(problems))
    return tables


def drive_notebook(page, server: "LabServer", rel_path: str, shot: Path) -> list[str]:
    """Open notebook `rel_path` on `server`, run all cells, change one filter per view.

    Returns what was changed, one entry per view. Raises `NotebookUIError` (an AssertionError)
    on any error shown, a widget that does not render or a filter that changes nothing.
    """
    page.goto(server.notebook_url(rel_path), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=NOTEBOOK_OPEN_TIMEOUT)
    _wait_kernel(server, page, rel_path, shot)
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
    _clear_outputs(page)
    _wait_until_run(page, shot)
    state = _wait_widgets(page, shot)
    changed = [_exercise_view(page, i, shot) for i in range(min(state["views"], MAX_VIEWS))]
    state = _state(page)
    if state["errors"]:
        _fail(page, shot, "error shown in the notebook:\n" + "\n---\n".join(state["errors"]))
    check_tables(page, shot)
    if changed:
        page.locator(".kk-view-output").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)
    return changed


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="module")
def processed_dir(tmp_path_factory) -> Path:
    """The corpus built from data/raw into a temp dir (what the notebooks load)."""
    from kompaskit import build

    out = tmp_path_factory.mktemp("processed")
    build(ROOT / "data" / "raw", out, progress=False)
    return out


@pytest.fixture(scope="module")
def repo_lab(tmp_path_factory, processed_dir):
    work = tmp_path_factory.mktemp("lab-repo")
    figures = work / "figures"
    figures.mkdir()
    server = _start_lab(ROOT, work, {"KOMPASKIT_PROCESSED": str(processed_dir),
                                     "KOMPASKIT_FIGURES": str(figures),
                                     "KOMPASKIT_TABLES": str(work / "tables")})
    try:
        yield server
    finally:
        server.stop()


def _notebook(cells: list[str], stale_outputs: bool = False) -> dict:
    """A notebook of code `cells`; `stale_outputs` saves fake counts/outputs in it, as a
    notebook committed after a run would have (the driver must not mistake them for a run)."""
    def cell(i: int, src: str) -> dict:
        outputs = ([{"output_type": "stream", "name": "stdout", "text": "keluaran lama\n"}]
                   if stale_outputs else [])
        return {"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": src,
                "outputs": outputs, "execution_count": 40 + i if stale_outputs else None}

    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python"}},
        "cells": [cell(i, src) for i, src in enumerate(cells)],
    }


_VIEW_CELL = '''\
import ipywidgets as w
import matplotlib.pyplot as plt
from kompaskit.widgets import filtered_view

JUMLAH = {"Rusia": 7, "Korea Utara": 4, "Indonesia": 2}
negara = w.Dropdown(options=list(JUMLAH), description="negara")
teks = w.Text(value="", description="kata")

def render(negara, kata):
    if RAISE_ON and negara == RAISE_ON:
        raise ValueError(f"gagal menggambar {negara}")
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.bar([negara], [JUMLAH[negara]])
    ax.set_title(f"Berita tentang {negara} {kata}")
    plt.show()
    print(f"{JUMLAH[negara]} berita tentang {negara}")

view = filtered_view({"negara": negara, "kata": teks}, render, title="Contoh")
view
'''


# a table as pandas would show it: one unbreakable 3000 px column, right-aligned, nan in a cell
_WIDE_TABLE_CELL = """\
from IPython.display import HTML
HTML('<table class="kk-table" style="width:3000px"><tr><th>ringkasan</th><th>bukti</th></tr>'
     '<tr><td style="text-align:right;white-space:nowrap">' + 'Korea Utara mengirim pasukan ' * 40 +
     '</td><td>nan</td></tr></table>')
"""


@pytest.fixture(scope="module")
def generated_lab(tmp_path_factory):
    """A lab serving a temp dir of generated notebooks: view ok, callback raises, cell raises."""
    root = tmp_path_factory.mktemp("generated-notebooks")
    for name, raise_on in (("ok.ipynb", "None"), ("raises.ipynb", "'Korea Utara'")):
        nb = _notebook([f"RAISE_ON = {raise_on}", _VIEW_CELL, "print('sel terakhir selesai')"],
                       stale_outputs=name == "ok.ipynb")
        (root / name).write_text(json.dumps(nb, indent=1), encoding="utf-8")
    broken = _notebook(["jumlah_berita = 3", "rata_rata = jumlah_berita / 0", "print('tidak sampai')"])
    (root / "cell-raises.ipynb").write_text(json.dumps(broken, indent=1), encoding="utf-8")
    wide = _notebook([_WIDE_TABLE_CELL])
    (root / "wide-table.ipynb").write_text(json.dumps(wide, indent=1), encoding="utf-8")
    work = tmp_path_factory.mktemp("lab-generated")
    server = _start_lab(root, work, {})
    try:
        yield server
    finally:
        server.stop()


def _report(capsys, shot: Path, changed: list[str]) -> None:
    with capsys.disabled():
        print(f"\n  screenshot: {shot}  (filters changed: {changed or 'none, no widget'})")


# --------------------------------------------------------------------------- tests

@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_widgets_work_in_jupyterlab(notebook: Path, repo_lab, page, tmp_path, capsys,
                                             record_property):
    shot = tmp_path / f"{notebook.stem}.png"
    original = notebook.read_bytes()
    had_checkpoints = (notebook.parent / ".ipynb_checkpoints").exists()
    try:
        changed = drive_notebook(page, repo_lab, f"notebooks/{notebook.name}", shot)
    finally:
        repo_lab.shutdown_sessions()
    record_property("screenshot", str(shot))
    _report(capsys, shot, changed)
    assert shot.exists()
    assert notebook.read_bytes() == original, "the browser run must not save the notebook"
    assert had_checkpoints or not (notebook.parent / ".ipynb_checkpoints").exists()
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size[0] == VIEWPORT["width"], f"the page scrolls sideways: screenshot {im.size} px"
    source = notebook.read_text(encoding="utf-8")
    if "filtered_view" in source or "kompaskit.widgets" in source:
        assert changed, f"{notebook.name} uses widgets but no filter view rendered"


def test_generated_view_changes_output(generated_lab, page, tmp_path, capsys):
    shot = tmp_path / "generated-ok.png"
    try:
        changed = drive_notebook(page, generated_lab, "ok.ipynb", shot)
    finally:
        generated_lab.shutdown_sessions()
    _report(capsys, shot, changed)
    assert changed == ["select 'Korea Utara'"]
    assert shot.exists() and shot.stat().st_size > 10_000
    text = page.inner_text(".jp-NotebookPanel .jp-Notebook")
    assert "keluaran lama" not in text, "outputs saved in the file were cleared before the run"
    assert "sel terakhir selesai" in text, "the last cell really ran"
    assert "4 berita tentang Korea Utara" in text, "the view re-rendered for the new option"


def test_callback_error_fails_the_browser_check(generated_lab, page, tmp_path, capsys):
    shot = tmp_path / "generated-raises.png"
    try:
        with pytest.raises(NotebookUIError, match=r"ValueError: gagal menggambar Korea Utara"):
            drive_notebook(page, generated_lab, "raises.ipynb", shot)
    finally:
        generated_lab.shutdown_sessions()
    _report(capsys, shot, ["select 'Korea Utara' (raised, as intended)"])
    assert shot.exists(), "a screenshot of the failure is kept"


def test_cell_error_fails_the_browser_check(generated_lab, page, tmp_path):
    shot = tmp_path / "generated-cell-raises.png"
    try:
        with pytest.raises(NotebookUIError, match=r"ZeroDivisionError"):
            drive_notebook(page, generated_lab, "cell-raises.ipynb", shot)
    finally:
        generated_lab.shutdown_sessions()
    outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
    assert "ZeroDivisionError" in outputs and "tidak sampai" not in outputs


def test_table_check_fails_on_a_wide_nan_table(generated_lab, page, tmp_path):
    """The widget-table check is real: a 3000 px, right-aligned, unwrapped table with `nan`
    fails it, with the reasons in the message."""
    shot = tmp_path / "generated-wide-table.png"
    try:
        with pytest.raises(NotebookUIError, match=r"widget table 0 at 1280 px: scrolls horizontally") as err:
            drive_notebook(page, generated_lab, "wide-table.ipynb", shot)
    finally:
        generated_lab.shutdown_sessions()
    assert "nan/None" in str(err.value) and "right-aligned" in str(err.value)
