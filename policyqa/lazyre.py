"""Regular expressions compiled when first used, not when their module is imported.

A cold `ask` is one process answering one question, and most of the ~170 patterns its modules define serve
other questions or the index's write side. CPython compiles a character class over a range of Chinese
characters (`[\\u4e00-\\u9fff]`) by visiting every code point of it (`re._compiler._optimize_charset`,
~1 ms a pattern here), so compiling them all at import cost a cold ask ~0.1 s. A `LazyPattern` keeps the
source and compiles on first use; from then on its methods are the compiled pattern's own bound methods,
stored on the instance, so a warm process pays nothing for the indirection.

    WORD = lazyre.compile(r"[\\u4e00-\\u9fff]{2,4}")   # nothing compiled yet
    WORD.search(text)                                 # compiled here, once

`.pattern` is there without compiling (modules build patterns from each other's sources). Pass a
LazyPattern to the `re` module's functions through `.compiled`, never itself: they accept only strings and
`re.Pattern`s.

A process that answers more than one question compiles what is left in the background (`compile_pending`,
started by PolicyQA.ask after its second question): otherwise ~1 ms of compiling fell on most of a warm
process's first few dozen questions of new kinds (44 of the 51 real questions, median 1 ms each).
"""
from __future__ import annotations

import re
import time

# what the first use of any of these compiles and binds; later uses find them on the instance
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_MADE: list[LazyPattern] = []  # every pattern made (module constants, which live as long as the process anyway)


class LazyPattern:
    """A `re.Pattern` in waiting: same methods, compiled by the first attribute that needs the pattern."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        _MADE.append(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        return self.__dict__.get("_compiled") or self._compile()

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self._flags)
        for method in _BOUND:
            self.__dict__[method] = getattr(compiled, method)
        self.__dict__.update(flags=compiled.flags, groups=compiled.groups, groupindex=compiled.groupindex)
        self.__dict__["_compiled"] = compiled  # last: another thread reading it finds the methods bound
        return compiled

    def __getattr__(self, name: str):
        # Only reached for what is not on the instance yet: the pattern's first use compiles it.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}{f', {self._flags}' if self._flags else ''})"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - the name mirrors re.compile
    return LazyPattern(pattern, flags)


def compile_pending(pause: float = 0.0) -> int:
    """Compile every pattern made so far that is not compiled yet; how many were. `pause`: seconds slept after
    each, which hands the GIL to a question asked meanwhile."""
    done = 0
    for pattern in list(_MADE):
        if "_compiled" not in pattern.__dict__:
            pattern.compiled
            done += 1
            if pause:
                time.sleep(pause)
    return done
