"""The compiled page walks: every ``src/mediespor/**/*.pyx``, built by Cython.

Everything else about the package is in pyproject.toml. Extensions stay here because
setuptools still calls its pyproject.toml table for them experimental. Each is optional: an
install without a C compiler succeeds without them, and mediespor runs the same walks in
Python (``mediespor.extract.compiled_walks.summary()``, in ``mediespor run``'s ``run_start``
line, says which run compiled).
"""

from pathlib import Path

from setuptools import Extension, setup

_SRC = Path("src")


def _extensions() -> list[Extension]:
    return [
        Extension(
            ".".join(path.relative_to(_SRC).with_suffix("").parts),
            [str(path)],
            # lexbor_abi.h sits beside the .pyx files that include it.
            include_dirs=[str(path.parent)],
            optional=True,
        )
        for path in sorted(_SRC.rglob("*.pyx"))
    ]


setup(ext_modules=_extensions())
