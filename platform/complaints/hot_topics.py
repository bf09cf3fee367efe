"""Hot topics (热点议题): recurring complaints grouped into suggested agenda topics for the
owners' meeting. The machine only suggests; a committee member accepts or dismisses.

How a suggestion comes about, so a committee can follow it:
1. take the estate's complaints and repairs of the last 90 days;
2. pull up to five keywords from each description with jieba (TF-IDF over nouns, verbs,
   adjectives and idioms), minus property-management filler (小区, 物业, 业主, 问题, 一直,
   greetings, intensifiers ...), numbers, times and where-words (3号楼, 南门, 东区), and minus
   words that only repeat the request's category (噪音 in a noise complaint); a compound keyword
   of four characters or more also counts for its two halves when both are words (垃圾清运
   counts for 垃圾 and 清运, 陌生人 for nothing: 生人 is a fragment);
3. per category, every keyword found in at least `min_requests` requests is a group;
4. a group whose requests are (almost) all in a bigger group joins it, so 电梯 and 故障 make
   one topic rather than two;
4b. a topic is shown by its most frequent words that a description actually contains as a
   whole word, never by a half of a longer word it also shows (消防通道, not 消防 and 通道);
5. a topic's signature is its category and sorted keywords: re-running updates the same
   suggestion. A person's decision (accepted or dismissed) is never touched, and it covers
   later topics of its category whose keywords contain its keywords or lie within them, so
   the matter is not suggested again when one keyword joins or leaves. Suggestions that no
   longer come out of the data (and nobody decided on) are withdrawn.

Keyword and grouping logic are pure functions below (no ORM) so they test fast.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import Conflict
from estates.settings import EstateSettings
from tenants.fanout import for_each_active_firm

from .choices import HotTopicStatus, Kind
from .models import HotTopic, ServiceRequest

WINDOW = timedelta(days=90)
TOP_K = 5  # keywords per description
MAX_TOPIC_KEYWORDS = 5
# A group joins a bigger one when this share of its requests is already in it.
MERGE_OVERLAP = 0.8
MAX_SUGGESTIONS = 20  # per estate: the biggest groups; an agenda, not a report
SUGGESTED, ACCEPTED, DISMISSED = (
    HotTopicStatus.SUGGESTED,
    HotTopicStatus.ACCEPTED,
    HotTopicStatus.DISMISSED,
)
DECIDED = (ACCEPTED, DISMISSED)

# Words every complaint uses: they say nothing about what is wrong.
_FILLER = """
    小区 物业 物业公司 物业费 业主 住户 居民 邻居 问题 情况 一直 现在 目前 已经 还是 还有 总是
    经常 每天 天天 每次 多次 好几次 几次 很多 非常 特别 比较 严重 实在 真的 根本 完全 到底
    希望 麻烦 请问 谢谢 感谢 尽快 赶紧 及时 马上 立即 处理 解决 反映 投诉 报修 联系 管理
    要求 需要 时候 时间 晚上 早上 上午 下午 中午 凌晨 半夜 白天 周末 今天 昨天 前天 最近
    这个 那个 这些 那些 这样 那样 怎么 什么 为什么 没有 不能 不会 可以 能否 是否 已经
    我们 你们 他们 大家 自己 本人 家里 我家 楼上 楼下 对面 门口 附近 旁边 这里 那里
    号楼 单元 栋楼 楼层 一下 一点 有点 有人 没人 没人管 无人 无人管 师傅 工作人员 服务
    你好 您好 再次 答复 紧急 安排 人来 不行 老人 孩子 小孩 好久 好久没 到处 没法 半天 看看
    下去 给个 能不能 怎么办 万一 差点 只能 只好 就是 从来 整天 好几天 一周 两天 三天 不了
    知道 觉得 担心 害怕 影响 可能 应该 必须 有没有 是不是 这么 那么 很大 危险 清理 车辆
    保安 很脏
"""
STOP_WORDS = frozenset(_FILLER.split())
# Building numbers, floors, clock times: "3号楼", "十点", "2单元".
_NUMBERISH = re.compile(r"^[\d零〇一二三四五六七八九十百千两几]+[点号楼层栋天次个月年周时分室]*$")
# Where, not what: "南门", "东区", "2期".
_PLACE = re.compile(r"^[东南西北中前后][门区面侧边口]$|^[\d一二三四五六七八九十]+期$")
# Parts of speech that name a matter: nouns, verbal nouns, verbs, adjectives, idioms.
_TELLING_POS = ("n", "nz", "nt", "ng", "vn", "v", "a", "an", "l", "i")
# Words that only repeat what the category already says.
CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "noise": frozenset({"噪音", "扰民", "太吵", "吵闹", "噪声"}),
    "cleaning": frozenset({"卫生", "保洁员"}),
    "greening": frozenset({"绿化"}),
}


@dataclass(frozen=True)
class Doc:
    """One request as the grouping sees it: `keywords` group it; `whole` are those it contains
    as whole words (they may name a topic; an empty `whole` lets every keyword name one)."""

    id: int
    category: str
    keywords: frozenset[str]
    whole: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Topic:
    """A suggested group: its keywords (most frequent first) and the requests in it."""

    category: str
    keywords: tuple[str, ...]
    request_ids: frozenset[int]

    @property
    def signature(self) -> str:
        return signature_of(self.category, self.keywords)


# --- keywords (pure) -----------------------------------------------------------------------


@functools.cache
def _extractor() -> Any:
    """jieba warmed once per process: the dictionary load takes ~0.6 s, so it is lazy (web
    processes that never refresh do not pay it) and kept."""
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    extractor = jieba.analyse.TFIDF()
    extractor.stop_words = extractor.stop_words | STOP_WORDS
    return extractor


def _useful(word: str) -> bool:
    word = word.strip()
    return (
        len(word) >= 2
        and word not in STOP_WORDS
        and not _NUMBERISH.match(word)
        and not _PLACE.match(word)
        and not any(ch.isdigit() for ch in word)
    )


def _halves(tag: str) -> set[str]:
    """The two halves of a compound of four characters or more, when both are dictionary words
    of two characters or more (垃圾清运 → 垃圾, 清运); 陌生人 has none (陌生 + 人)."""
    import jieba

    known = jieba.dt.FREQ
    found: set[str] = set()
    for cut in range(2, len(tag) - 1):
        head, tail = tag[:cut], tag[cut:]
        if known.get(head) and known.get(tail) and _useful(head) and _useful(tail):
            found |= {head.lower(), tail.lower()}
    return found


def tags_of(text: str, *, top_k: int = TOP_K) -> list[str]:
    """The description's top whole words by TF-IDF, most telling first."""
    extractor = _extractor()
    found = extractor.extract_tags(text, topK=top_k * 3, allowPOS=_TELLING_POS)
    return [t.lower() for t in found if _useful(t)][:top_k]


def keywords_of(text: str, *, top_k: int = TOP_K) -> frozenset[str]:
    """The description's top keywords by TF-IDF, each compound with its halves."""
    words: set[str] = set()
    for tag in tags_of(text, top_k=top_k):
        words.add(tag)
        if len(tag) >= 4:
            words |= _halves(tag)
    return frozenset(words)


# --- grouping (pure) -----------------------------------------------------------------------


def signature_of(category: str, keywords: Iterable[str]) -> str:
    signature = f"{category}:{'|'.join(sorted(keywords))}"
    if len(signature) > 200:
        digest = hashlib.sha256(signature.encode()).hexdigest()[:32]
        signature = f"{category}:#{digest}"
    return signature


def group_docs(docs: Iterable[Doc], *, min_requests: int = 3) -> list[Topic]:
    """Per category: a group per keyword found in >= `min_requests` requests; a group whose
    requests are >= MERGE_OVERLAP inside another group merges into it (requests united).
    Deterministic: biggest groups first, ties by keyword."""
    by_category: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    whole: dict[int, frozenset[str]] = {}
    for doc in docs:
        whole[doc.id] = doc.whole
        for word in doc.keywords:
            by_category[doc.category][word].add(doc.id)
    topics: list[Topic] = []
    for category in sorted(by_category):
        postings = by_category[category]
        frequent = sorted(
            (w for w, ids in postings.items() if len(ids) >= min_requests),
            key=lambda w: (-len(postings[w]), w),
        )
        clusters: list[tuple[list[str], set[int]]] = []
        for word in frequent:
            ids = postings[word]
            for words, members in clusters:
                if len(ids & members) >= MERGE_OVERLAP * len(ids):
                    words.append(word)
                    members |= ids
                    break
            else:
                clusters.append(([word], set(ids)))
        clusters = _merge_clusters(clusters)
        for words, members in clusters:
            ranked = sorted(words, key=lambda w: (-len(postings[w]), w))
            named = _naming_words(ranked, [whole[i] for i in members if whole[i]])
            topics.append(Topic(category, tuple(named[:MAX_TOPIC_KEYWORDS]), frozenset(members)))
    return sorted(topics, key=lambda t: (-len(t.request_ids), t.category, t.keywords))


def _naming_words(ranked: list[str], wholes: list[frozenset[str]]) -> list[str]:
    """The words a topic is shown by: those its descriptions contain as whole words, minus any
    that is part of a longer one shown (消防通道 rather than 消防, 通道). Docs made without
    `whole` (tests, older callers) let every keyword count as whole."""
    seen = frozenset().union(*wholes) if wholes else frozenset(ranked)
    candidates = [w for w in ranked if w in seen] or ranked
    return [w for w in candidates if not any(w != o and w in o for o in candidates)]


def _merge_clusters(
    clusters: list[tuple[list[str], set[int]]],
) -> list[tuple[list[str], set[int]]]:
    """Clusters grow as words join, so two may come to overlap: merge until none do."""
    merged = True
    while merged:
        merged = False
        for i, (words_i, ids_i) in enumerate(clusters):
            for j in range(i + 1, len(clusters)):
                words_j, ids_j = clusters[j]
                smaller = min(len(ids_i), len(ids_j))
                if len(ids_i & ids_j) >= MERGE_OVERLAP * smaller:
                    words_i.extend(words_j)
                    ids_i |= ids_j
                    del clusters[j]
                    merged = True
                    break
            if merged:
                break
    return clusters


def covers(category: str, keywords: Iterable[str], topic: Topic) -> bool:
    """A decided topic covers a new one of its category whose keywords contain its keywords
    or lie within them, as words or parts of words: the same matter seen with one keyword more
    or less (垃圾 清运 + 垃圾清运, 清运 → 垃圾清运), which would otherwise come back under a
    new signature."""
    mine, theirs = frozenset(keywords), frozenset(topic.keywords)
    return category == topic.category and (_within(mine, theirs) or _within(theirs, mine))


def _within(words: frozenset[str], others: frozenset[str]) -> bool:
    """Every word is one of `others` or part of one: a title that grew from 清运 to 垃圾清运
    names the same matter."""
    return bool(words) and all(any(w in o for o in others) for w in words)


def suggest(
    texts: Mapping[int, tuple[str, str]], *, min_requests: int = 3, top_k: int = TOP_K
) -> list[Topic]:
    """{request id: (category, description)} -> topics."""
    docs = []
    for pk, (category, text) in texts.items():
        said = CATEGORY_WORDS.get(category, frozenset())
        tags = frozenset(tags_of(text, top_k=top_k)) - said
        words = keywords_of(text, top_k=top_k) - said
        docs.append(Doc(id=pk, category=category, keywords=words, whole=tags))
    return group_docs(docs, min_requests=min_requests)


# --- writes --------------------------------------------------------------------------------


class HotTopicDecided(Conflict):
    code = "hot_topic_decided"
    default_detail: Any = _("该议题已被处理。")


def configured_min_requests(settings: Mapping[str, Any] | None) -> int:
    """An estate may raise or lower the bar in `settings["hot_topics"]["min_requests"]`."""
    return EstateSettings.from_json(settings).hot_topics.min_requests


def refresh_hot_topics(
    *,
    estate_id: int,
    now: datetime | None = None,
    min_requests: int = 3,
    max_topics: int = MAX_SUGGESTIONS,
) -> list[HotTopic]:
    """Recompute the estate's suggestions from the last 90 days; return the current ones,
    biggest first, at most `max_topics` (an agenda, not a report).

    Decided topics are left alone and what they cover is not suggested again. A suggestion
    the data no longer supports is withdrawn (nobody decided on it)."""
    now = now or timezone.now()
    rows = ServiceRequest.objects.filter(
        estate_id=estate_id,
        kind__in=[Kind.COMPLAINT, Kind.REPAIR],
        created_at__gte=now - WINDOW,
        created_at__lte=now,
    ).values_list("pk", "category", "description")
    topics = suggest({pk: (cat, text) for pk, cat, text in rows}, min_requests=min_requests)
    with transaction.atomic():
        # Lock the estate's topics: a decision made meanwhile waits, and is then respected.
        existing = {
            t.signature: t for t in HotTopic.objects.select_for_update().filter(estate_id=estate_id)
        }
        decided = [t for t in existing.values() if t.status in DECIDED]
        kept: list[HotTopic] = []
        for topic in topics:
            if len(kept) >= max_topics:
                break
            if any(covers(d.category, d.keywords, topic) for d in decided):
                continue
            row = existing.get(topic.signature)
            if row is None:
                row = HotTopic.objects.create(
                    estate_id=estate_id,
                    category=topic.category,
                    keywords=list(topic.keywords),
                    signature=topic.signature,
                    status=SUGGESTED,
                )
            elif row.keywords != list(topic.keywords):
                row.keywords = list(topic.keywords)
                row.save(update_fields=["keywords"])
            row.requests.set(sorted(topic.request_ids))
            kept.append(row)
        wanted = {t.signature for t in kept}
        stale = [t.pk for s, t in existing.items() if t.status == SUGGESTED and s not in wanted]
        if stale:
            HotTopic.objects.filter(pk__in=stale).delete()
    return kept


def _decide(*, topic: HotTopic, by: User, status: str, now: datetime | None) -> HotTopic:
    with transaction.atomic():
        locked = HotTopic.objects.select_for_update().get(pk=topic.pk)
        if locked.status != SUGGESTED:
            raise HotTopicDecided(extra={"status": locked.status})
        locked.status = status
        locked.decided_by = by
        locked.decided_at = now or timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def hot_topic_accept(*, topic: HotTopic, by: User, now: datetime | None = None) -> HotTopic:
    """A committee member puts the suggestion on the owners' meeting agenda: it becomes a topic
    of the deliberation hall (议事厅), on the agenda and linked to its requests."""
    from votes.services import topic_from_hot_topic  # the hall builds on complaints

    accepted = _decide(topic=topic, by=by, status=ACCEPTED, now=now)
    topic_from_hot_topic(hot=accepted, by=by, now=accepted.decided_at)
    return accepted


def hot_topic_dismiss(*, topic: HotTopic, by: User, now: datetime | None = None) -> HotTopic:
    """A committee member turns the suggestion down; its signature is not suggested again."""
    return _decide(topic=topic, by=by, status=DISMISSED, now=now)


# --- tasks ---------------------------------------------------------------------------------


@shared_task(name="complaints.refresh_hot_topics_firm", acks_late=True)
def refresh_hot_topics_firm() -> int:
    """Every estate of the current firm (the schema travels with the task)."""
    from estates.models import Estate

    count = 0
    for estate_id, settings in Estate.objects.values_list("pk", "settings"):
        refresh_hot_topics(estate_id=estate_id, min_requests=configured_min_requests(settings))
        count += 1
    return count


@shared_task(name="complaints.refresh_hot_topics_all_firms")
def refresh_hot_topics_all_firms() -> int:
    """The daily beat entry: one tenant-aware task per active firm."""
    return for_each_active_firm(refresh_hot_topics_firm)
