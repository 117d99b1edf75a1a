"""Report sections, discovered by module: each has ORDER, TITLE and build(context) -> Markdown.

Why discovery: a new analysis adds a section by adding a module here, without
editing the study itself.
"""

import importlib
import pkgutil
from types import ModuleType


def section_modules() -> list[ModuleType]:
    """Every section module, sorted by ORDER."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(module, "build", None)):
            found.append(module)
    return sorted(found, key=lambda module: (module.ORDER, module.__name__))
