"""environment.yml and pyproject.toml agree, and environment.yml is well-formed (strictly)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda match spec: name, optional version constraint (no pip-only syntax such as "-e ." or "[extra]")
CONDA_SPEC = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*(\s*(==|>=|<=|=|>|<|!=)\s*[A-Za-z0-9*.,<>=!]+)?$")


def _norm(name: str) -> str:
    return re.split(r"[<>=!~\[ ;]", name.strip(), maxsplit=1)[0].lower().replace("_", "-")


def validate_environment(text: str) -> dict:
    """Strict schema for environment.yml; raises ValueError naming the first problem."""
    # Indentation: every item of one list sits at one column (a mis-indented item still parses
    # as YAML, so check the text itself too).
    item_cols: dict[str, set[int]] = {}
    section = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise ValueError("tab in indentation")
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            section = line.rstrip(":").strip()
            continue
        if line.lstrip().startswith("- "):
            key = section if not line.lstrip().startswith("- -e") else "pip"
            item_cols.setdefault(f"{section}@{indent}" if key != "pip" else "pip", set()).add(indent)
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        raise ValueError("top level must be a mapping")
    unknown = set(doc) - {"name", "channels", "dependencies", "variables"}
    if unknown:
        raise ValueError(f"unknown top-level keys: {sorted(unknown)}")
    if not isinstance(doc.get("name"), str) or not doc["name"]:
        raise ValueError("name must be a non-empty string")
    channels = doc.get("channels")
    if not (isinstance(channels, list) and all(isinstance(c, str) for c in channels)):
        raise ValueError("channels must be a list of strings")
    deps = doc.get("dependencies")
    if not isinstance(deps, list) or not deps:
        raise ValueError("dependencies must be a non-empty list")
    pip_blocks = 0
    for dep in deps:
        if isinstance(dep, str):
            if not CONDA_SPEC.match(dep):
                raise ValueError(f"not a conda package spec: {dep!r}")
        elif isinstance(dep, dict):
            if set(dep) != {"pip"}:
                raise ValueError(f"only a 'pip' mapping may appear in dependencies: {dep!r}")
            block = dep["pip"]
            if not (isinstance(block, list) and block and all(isinstance(x, str) for x in block)):
                raise ValueError("the pip block must be a non-empty list of strings")
            pip_blocks += 1
        else:
            raise ValueError(f"bad dependency entry: {dep!r}")
    if pip_blocks > 1:
        raise ValueError("more than one pip block")
    top_items = [cols for key, cols in item_cols.items() if key.startswith("dependencies@")]
    if len(top_items) != 1:
        raise ValueError(f"dependency items at several indentation levels: {item_cols}")
    return doc


def test_environment_yml_is_well_formed():
    doc = validate_environment((ROOT / "environment.yml").read_text())
    assert doc["channels"] == ["conda-forge"]
    assert "python=3.11" in doc["dependencies"]
    pip = [d for d in doc["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip == ["-e ."]


@pytest.mark.parametrize("broken", [
    # a pip item dedented to the dependency level: parses, but installs "-e ." with conda
    "name: k\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip:\n  - -e .\n",
    # a dependency indented under the previous one
    "name: k\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n    - pandas\n",
    "name: k\nchannels: conda-forge\ndependencies:\n  - pandas\n",
    "name: k\nchannels:\n  - conda-forge\ndependencies:\n  - pandas\n   - numpy\n",
    "name: k\nchannel:\n  - conda-forge\ndependencies:\n  - pandas\n",
    "name: k\nchannels:\n  - conda-forge\ndependencies:\n  - pandas[extra]\n",
])
def test_validator_rejects_malformed_environments(broken):
    with pytest.raises((ValueError, yaml.YAMLError)):
        validate_environment(broken)


def test_environment_and_pyproject_list_the_same_packages():
    doc = validate_environment((ROOT / "environment.yml").read_text())
    conda = {_norm(d) for d in doc["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_norm(d) for d in project["dependencies"]}
    assert conda == runtime, f"only in environment.yml: {conda - runtime}; only in pyproject: {runtime - conda}"


def test_pyproject_declares_cli_and_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["kompaskit"] == "kompaskit.cli:main"
    assert {"dev", "dask"} <= set(project["optional-dependencies"])
    dev = {_norm(d) for d in project["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis"} <= dev and ({"nbclient", "nbmake"} & dev)
