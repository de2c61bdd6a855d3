"""Agreement between two independent annotations of the same articles.

Events are paired regardless of type (trigger overlap first, then the same sentence, each event
paired once). Over the pairs: Cohen's kappa of event type and of factuality, trigger overlap, actor
and recipient span F1 and date agreement. Beside them, the event F1 of one annotation against the
other with the type required, as the scorer computes it for truce.
"""
from __future__ import annotations

from collections import Counter

from .score import overlaps, pair
from .sentences import sentence_spans


def pair_events(a: list[dict], b: list[dict], sentences, same_type: bool) -> list[tuple[int, int]]:
    typed = [[(e["event_type"], e["trigger"]) for e in events] for events in (a, b)]
    return list(pair(*typed, sentences, same_type).items())


def cohen_kappa(labels_a: list, labels_b: list) -> float | None:
    n = len(labels_a)
    if not n:
        return None
    observed = sum(x == y for x, y in zip(labels_a, labels_b)) / n
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def _span_f1(spans_a, spans_b) -> tuple[int, int, int]:
    found_b = sum(1 for s in spans_b if any(overlaps(s, t) for t in spans_a))
    found_a = sum(1 for s in spans_a if any(overlaps(s, t) for t in spans_b))
    return found_a, found_b, len(spans_a) + len(spans_b)


def agreement(first: dict[str, dict], second: dict[str, dict], texts: dict[str, str]) -> dict:
    """Figures over the articles both annotations hold."""
    types_a, types_b, fact_a, fact_b = [], [], [], []
    c = Counter()
    common = sorted(set(first) & set(second))
    for article_id in common:
        a, b = first[article_id]["events"], second[article_id]["events"]
        sentences = sentence_spans(texts[article_id])
        c["events_a"] += len(a)
        c["events_b"] += len(b)
        c["typed_pairs"] += len(pair_events(a, b, sentences, same_type=True))
        for i, j in pair_events(a, b, sentences, same_type=False):
            x, y = a[i], b[j]
            c["pairs"] += 1
            types_a.append(x["event_type"])
            types_b.append(y["event_type"])
            fact_a.append(x["factuality"])
            fact_b.append(y["factuality"])
            c["trigger_overlap"] += overlaps(x["trigger"], y["trigger"])
            for role in ("actors", "recipients"):
                found_a, found_b, total = _span_f1(x[role], y[role])
                c[f"{role}_agree"] += found_a + found_b
                c[f"{role}_total"] += total
            if x["date"] or y["date"]:
                c["dated"] += 1
                c["date_agree"] += x["date"] == y["date"]
    precision = c["typed_pairs"] / c["events_b"] if c["events_b"] else 0
    recall = c["typed_pairs"] / c["events_a"] if c["events_a"] else 0
    return {
        "articles": len(common), "events_first": c["events_a"], "events_second": c["events_b"],
        "paired_events": c["pairs"],
        "event_f1_with_type": round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0,
        "type_kappa": cohen_kappa(types_a, types_b), "factuality_kappa": cohen_kappa(fact_a, fact_b),
        "trigger_overlap": round(c["trigger_overlap"] / c["pairs"], 3) if c["pairs"] else None,
        "actor_span_f1": round(c["actors_agree"] / c["actors_total"], 3) if c["actors_total"] else None,
        "recipient_span_f1": round(c["recipients_agree"] / c["recipients_total"], 3) if c["recipients_total"] else None,
        "date_agreement": round(c["date_agree"] / c["dated"], 3) if c["dated"] else None,
    }
