"""One build step besides what pyproject.toml declares: the bundled example negotiation goes into the
package, so that a wheel carries it.

The example has one source of truth, the files at the repository's root (negotiation.yaml, drafts/,
amendments/, precedents/), where a clone's ``make draft`` and the tests read it.  Building a wheel -- from the
checkout or from the sdist, which carries the same root files (MANIFEST.in) -- copies them to
``drafting/example/`` inside the package; an editable install copies nothing and reads them at the
root (drafting/api/create.py looks in the package first, then beside it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
EXAMPLE = ("negotiation.yaml", "drafts", "amendments", "precedents")


class BuildWithExample(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "drafting" / "example"
        shutil.rmtree(target, ignore_errors=True)
        for name in EXAMPLE:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.pyc", ".*"))
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithExample})
