#!/usr/bin/env python3
"""Build truce/resources/entities/patterns.jsonl (spaCy EntityRuler patterns).

Sources, both written for truce: truce/resources/actors/known_actors.tsv (every name and alias of
armed groups and outlets the model mislabels, matched case-insensitively) and
the token pattern below for transliterated Arabic organisation names: a generic head word such as
Kata'ib, Asaib, Harakat, Jaish, Liwa, Saraya or Jabhat followed by capitalised words and "al-"
particles ("Kataeb Sayyid al-Shuhada", "Liwa Fatemiyoun"). Run after editing known_actors.tsv.
"""
import csv
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parents[1] / "truce/resources/entities"
ACTORS = HERE.parent / "actors" / "known_actors.tsv"
ARABIC_ORG_HEADS = ["kataib", "kata'ib", "kata’ib", "kataeb", "asaib", "asa'ib", "asa’ib", "harakat", "harakah",
                    "jaish", "jaysh", "liwa", "liwaa", "saraya", "jabhat", "hayat", "hay'at", "hay’at", "hizb",
                    "tanzim", "jamaat", "jama'at", "jama’at", "firqat", "quwat", "ansar"]
# Words of a transliterated name: capitalised words, Arabic particles, and the hyphen spaCy splits off.
NAME_PART = {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’]*|al|el|ad|ash|as|ahl|bin|e|ul|-)$"}}


def main():
    patterns = []
    with ACTORS.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                for name in [row[0]] + [a for a in (row[4] if len(row) > 4 else "").split("|") if a]:
                    if name.isupper() and " " not in name:
                        # Acronyms match in capitals only: "SANA" the agency, not "Sana" the name.
                        patterns.append({"label": "ORG", "pattern": [{"TEXT": name}], "id": "truce-org"})
                    elif len(name) > 3:
                        patterns.append({"label": "ORG", "pattern": name, "id": "truce-org"})
    for n_parts in range(1, 5):
        patterns.append({"label": "ORG", "id": "truce-arabic-org",
                         "pattern": [{"LOWER": {"IN": ARABIC_ORG_HEADS}}] + [NAME_PART] * (n_parts - 1)
                         + [{"IS_TITLE": True}]})
    patterns.append({"label": "ORG", "id": "truce-is", "pattern": [
        {"TEXT": "IS"}, {"LOWER": {"IN": ["fighters", "militants", "group", "jihadists", "members", "commander",
                                          "commanders", "forces", "militant", "fighter"]}}]})
    with (HERE / "patterns.jsonl").open("w", encoding="utf-8") as f:
        for p in patterns:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{len(patterns)} patterns -> {HERE / 'patterns.jsonl'}")


if __name__ == "__main__":
    main()
