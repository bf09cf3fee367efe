"""Hot topics read by people (issue #13 §6), measured on a labelled set of 338 real-style
complaint texts (tests/complaints/data/hot_topics_labelled.json: 22 recurring themes of about
14 texts in the words residents use, plus 30 one-off requests, each with its category and
theme). Purity is the share of the requests in each suggested topic that share its majority
theme, over all topics; a title word is a fragment when no description in its topic contains
it as a whole word (生人 of 陌生人, 丛生 of 杂草丛生)."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import jieba

from complaints.hot_topics import Topic, suggest

DATA = Path(__file__).parent / "data" / "hot_topics_labelled.json"
KNOWN_FRAGMENTS = {"生人", "陌生", "丛生", "像头", "天花", "好久没", "消防", "通道"}


@cache
def _rows() -> list[dict[str, object]]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def _topics() -> tuple[Topic, ...]:
    rows = _rows()
    return tuple(suggest({int(r["id"]): (str(r["category"]), str(r["text"])) for r in rows}))


def _theme(pk: int) -> str:
    return next(str(r["theme"]) for r in _rows() if r["id"] == pk)


def test_the_labelled_set_has_at_least_300_texts_of_recurring_and_one_off_themes() -> None:
    themes = Counter(str(r["theme"]) for r in _rows())
    assert len(_rows()) >= 300
    assert sum(1 for n in themes.values() if n >= 10) >= 20
    assert sum(1 for t in themes if t.startswith("misc-")) >= 30


def test_suggested_topics_group_requests_of_one_theme_purity_at_least_0_8() -> None:
    topics = _topics()
    in_topics = sum(len(t.request_ids) for t in topics)
    majority = sum(Counter(_theme(pk) for pk in t.request_ids).most_common(1)[0][1] for t in topics)
    purity = majority / in_topics
    print(f"hot topics: {len(topics)} topics over {in_topics} requests, purity {purity:.3f}")
    assert purity >= 0.8
    # every recurring theme surfaces as some topic's majority: nothing big is missed
    recurring = {str(r["theme"]) for r in _rows() if not str(r["theme"]).startswith("misc-")}
    led = {Counter(_theme(pk) for pk in t.request_ids).most_common(1)[0][0] for t in topics}
    assert recurring <= led


def test_no_topic_is_titled_by_a_word_fragment() -> None:
    fragments = []
    for topic in _topics():
        texts = [next(str(r["text"]) for r in _rows() if r["id"] == pk) for pk in topic.request_ids]
        whole = {w.lower() for text in texts for w in jieba.lcut(text)}
        fragments += [w for w in topic.keywords if w not in whole or w in KNOWN_FRAGMENTS]
    print(f"hot topics: {len(fragments)} title words that are fragments")
    assert fragments == []


def test_topics_come_largest_first() -> None:
    sizes = [len(t.request_ids) for t in _topics()]
    assert sizes == sorted(sizes, reverse=True)
