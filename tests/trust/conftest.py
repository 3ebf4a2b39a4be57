"""Fixtures of the shared-remote tests: keys made once, the secretariat's remote built once and copied."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .parties import Daemon, Shared, build_origin, copy_origin, make_keys


@pytest.fixture(scope="session")
def party_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="session")
def origin_template(tmp_path_factory: pytest.TempPathFactory, party_keys: dict[str, Path]) -> Path:
    return build_origin(tmp_path_factory.mktemp("template"), party_keys)


@pytest.fixture
def shared(tmp_path: Path, origin_template: Path, party_keys: dict[str, Path]) -> Shared:
    """A fresh copy of the shared remote (gate installed) for one test; clones go beside it."""
    return Shared(copy_origin(origin_template, tmp_path / "origin.git"), party_keys, tmp_path)


@pytest.fixture(scope="session")
def daemon_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="session")
def daemon(daemon_base: Path) -> Iterator[Daemon]:
    d = Daemon(daemon_base)
    yield d
    d.stop()
