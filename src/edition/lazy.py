"""pandas, matplotlib and pypdf, imported when first used rather than when the modules that use them are.

The Sphinx extensions import the loaders (edition.apparatus, .data, .validate) to build
the index pages and the marks, and edition.chartsvg for a constant; a build that reads no
such page (a no-op build) or draws no chart (a prose edit: the outputs are cached) then
never pays for importing pandas or matplotlib, which take longer than the rest of such a build.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for a module, importing it at the first attribute asked of it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        module: ModuleType = importlib.import_module(self._name)
        return getattr(module, attr)


pandas = LazyModule("pandas")
matplotlib = LazyModule("matplotlib")
pypdf = LazyModule("pypdf")
