"""The packaging metadata agrees with itself: declared floors, the floors `make
test-min` installs, the supported Pythons and the licence."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT: dict[str, Any] = PYPROJECT["project"]


def _floors(requirements: list[Any]) -> dict[str, str]:
    """name -> the version of its `>=` bound (group includes skipped)."""
    floors = {}
    for text in requirements:
        if not isinstance(text, str):
            continue
        requirement = Requirement(text)
        bounds = [s.version for s in requirement.specifier if s.operator == ">="]
        floors[requirement.name.lower()] = bounds[0] if bounds else ""
    return floors


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def _makefile_variable(name: str) -> str:
    found = re.search(rf"^{name} := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert found, f"Makefile has no {name}"
    return found.group(1)


def test_the_minimum_run_installs_exactly_the_declared_floors() -> None:
    declared = {
        **_floors(PROJECT["dependencies"]),
        **_floors(PROJECT["optional-dependencies"]["testing"]),
        **_floors(PROJECT["optional-dependencies"]["fast"]),
        **_floors(PROJECT["optional-dependencies"]["migrate"]),
        **_floors(PYPROJECT["dependency-groups"]["test"]),
    }
    assert all(declared.values()), f"every dependency needs a floor: {declared}"
    assert _pins(ROOT / "constraints" / "min.txt") == declared


def test_extras_for_testing_with_the_emulator_a_faster_decoder_and_the_codemod() -> None:
    extras = PROJECT["optional-dependencies"]
    assert list(extras) == ["testing", "fast", "migrate"]
    assert _floors(extras["migrate"]).keys() == {"libcst"}  # only `flowroute migrate apply`
    assert _floors(extras["testing"]).keys() == {"responses"}
    assert _floors(extras["fast"]).keys() == {"orjson"}  # optional: flowroute._json falls back


def test_a_classifier_per_supported_python_and_make_test_runs_both_ends() -> None:
    oldest, newest = _makefile_variable("OLDEST"), _makefile_variable("NEWEST")
    assert SpecifierSet(PROJECT["requires-python"]) == SpecifierSet(f">={oldest}")
    first, last = int(oldest.split(".")[1]), int(newest.split(".")[1])
    supported = [f"Programming Language :: Python :: 3.{minor}" for minor in range(first, last + 1)]
    listed = [c for c in PROJECT["classifiers"] if re.fullmatch(r".* :: 3\.\d+", c)]
    assert listed == supported


def test_the_licence_is_an_spdx_expression_with_its_text_shipped() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert not any(c.startswith("License ::") for c in PROJECT["classifiers"])


def test_the_distribution_name_is_not_the_import_name() -> None:
    # `flowroute` on the package index is somebody else's project.
    assert PROJECT["name"] == "flowroute-sdk"
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert "flowroute*" in include
