"""For a question across places (「各地技术合同成交额」「哪些地方公布了研发投入强度」): each place is shown by a
passage that gives the measure's figure, and places whose passages give it come first.

Retrieval and `retrieve.diversify` pick one passage per place by score and by whether it names the measure;
a passage can name it and still give no figure of it (a policy's reward for it, a plan's target, another
indicator's figure beside it). The answer step knows what a figure of the measure is: each place's passages
are asked the question as if it named that place, and one from which a figure is read stands for the place.
"""
from __future__ import annotations

from dataclasses import replace

from policyqa import lexicon

from .answer import supported
from .query import Query, asks_of_each
from .records import Hit

PLACES_TRIED = 24  # the first places of the diversified list that are read: a list shows the first few
PASSAGES_TRIED = 3  # a place's passages read, best first, for one that gives the figure


def figures_first(query: Query, hits: list[Hit], place_of, names_measure=lambda hit: True) -> list[Hit]:
    """`hits` (one passage per place first, as `diversify` returns them) with, among the first places, those
    whose passages give the measure's figure first, each by its passage that gives it; `place_of(hit)` is the
    place a passage speaks for, `names_measure(hit)` whether it names the measure at all (a figure the answer
    step reads from a passage that does not — a ratio beside a few of the question's words — is no figure of it)."""
    # asked of each place's passage as if it named that place: no place of the question's (「湖北各市…」) rules out
    # its cities' figures, and the kind of figure (a ratio, a count) stays what the question asks
    asked = replace(query, asks=asks_of_each(query), cross_city=False, places=(), cities=())
    by_place: dict[str, list[Hit]] = {}
    for hit in hits:
        by_place.setdefault(place_of(hit), []).append(hit)
    with_figure, without = [], []
    for place, passages in list(by_place.items())[:PLACES_TRIED]:
        giving = [(h, found) for h in passages[:PASSAGES_TRIED] if names_measure(h) and (found := supported(asked, [h]))]
        # (a question naming no year compares the places as they stand: a place's latest report that gives a result,
        # not a plan's 「预计达到…」)
        best = max(giving, key=lambda g: (not _a_target(g[1]), g[0].doc.year or 0)) if giving and query.year is None \
            else next(iter(giving), None)
        if best is not None:
            with_figure.append(best[0])
        else:
            without.append(passages[0])
    chosen = with_figure + without
    picked = {id(h) for h in chosen}
    return chosen + [h for h in hits if id(h) not in picked]


def _a_target(found) -> bool:
    """Every figure read from the passage is said as a target or an estimate (several figures of the measure, 22家
    this time and 196家 in all, are fine)."""
    return all(lexicon.TARGET_CLAUSE.search(e.quote) for e in found)
