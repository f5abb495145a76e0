"""House rules of the package, checked statically: no import cycles (function-level imports
included, so none can hide one), no module over ~600 lines, no import of another module's
private `_name`; and `import kompaskit` stays light.

Each rule has a strict test for the modules already split (a regression fails) and a whole-package
test marked xfail while modules owned by other branches are still being split: the lead flips
those (removes the xfail marks) once every branch is merged.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "kompaskit"
MAX_LINES = 600

# still too big / still cyclic / still importing private names on this branch (other owners)
PENDING_SIZE: set[str] = set()
PENDING_CYCLE: set[str] = set()
PENDING_PRIVATE: set[str] = set()


def _modules() -> dict[str, Path]:
    mods = {}
    for path in sorted(PKG.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _resolve(module: str, path: Path, level: int, name: str | None) -> str:
    """Absolute name of a (possibly relative) import inside `module`."""
    if level == 0:
        return name or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _imports(module: str, path: Path, mods: dict[str, Path]):
    """(imported kompaskit modules, [(module, private name)]) of one file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets, private, aliases = set(), [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in mods:
                    targets.add(a.name)
                    aliases[a.asname or a.name] = a.name
        elif isinstance(node, ast.ImportFrom):
            src = _resolve(module, path, node.level, node.module)
            if src in mods and src != "kompaskit":
                targets.add(src)
            for a in node.names:
                full = f"{src}.{a.name}"
                if full in mods:
                    targets.add(full)
                    aliases[a.asname or a.name] = full
                elif src in mods and a.name.startswith("_") and not a.name.startswith("__") and src != module:
                    private.append((src, a.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            target = aliases.get(node.value.id)
            if target and target != module and node.attr.startswith("_") and not node.attr.startswith("__"):
                private.append((target, node.attr))
    targets.discard(module)
    return targets, private


def _graph():
    mods = _modules()
    graph, private = {}, {}
    for module, path in mods.items():
        graph[module], private[module] = _imports(module, path, mods)
    return mods, graph, private


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def _too_big(mods: dict[str, Path]) -> dict[str, int]:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in mods.items()}
    return {m: n for m, n in sizes.items() if n > MAX_LINES}


def test_the_checker_sees_a_cycle_and_a_private_import(tmp_path: Path):
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from .other import _hidden\n    from . import other\n    return other._x\n")
    mods = {"kompaskit.m": src, "kompaskit.other": src, "kompaskit": src}
    targets, private = _imports("kompaskit.m", src, mods)
    assert targets == {"kompaskit.other"}
    assert set(private) == {("kompaskit.other", "_hidden"), ("kompaskit.other", "_x")}


def test_no_import_cycle_outside_pending_modules():
    _, graph, _ = _graph()
    bad = [c for c in _cycles(graph) if not c <= PENDING_CYCLE]
    assert not bad, f"import cycles: {bad}"


def test_no_import_cycle_anywhere():
    _, graph, _ = _graph()
    assert _cycles(graph) == []


def test_no_module_too_big_outside_pending_modules():
    bad = {m: n for m, n in _too_big(_modules()).items() if m not in PENDING_SIZE}
    assert not bad, f"modules over {MAX_LINES} lines: {bad}"


def test_no_module_too_big_anywhere():
    assert _too_big(_modules()) == {}


def test_no_private_imports_outside_pending_modules():
    _, _, private = _graph()
    bad = {m: p for m, p in private.items() if p and m not in PENDING_PRIVATE}
    assert not bad, f"imports of other modules' private names: {bad}"


def test_no_private_imports_anywhere():
    _, _, private = _graph()
    assert {m: p for m, p in private.items() if p} == {}


def test_import_kompaskit_stays_light():
    code = ("import sys, kompaskit; heavy = [m for m in ('pandas', 'pyarrow', 'numpy', 'trafilatura', "
            "'kompaskit.pipeline', 'kompaskit.builder') if m in sys.modules]; print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_every_module_imports_first_on_its_own():
    """Each module imported first (kompaskit's modules cleared before each): a cycle that only
    bites in one import order fails here."""
    names = sorted(m for m in _modules() if m != "kompaskit" and not m.endswith("__main__"))
    code = (
        "import importlib, sys\n"
        f"names = {names!r}\n"
        "failed = []\n"
        "for name in names:\n"
        "    for m in [m for m in sys.modules if m == 'kompaskit' or m.startswith('kompaskit.')]:\n"
        "        del sys.modules[m]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print(failed)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"
