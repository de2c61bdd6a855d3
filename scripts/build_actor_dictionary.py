#!/usr/bin/env python3
"""Build truce/resources/actors/{actors,agents}.tsv from the Phoenix / PETRARCH2 dictionaries.

Source: the CAMEO/Phoenix dictionaries of openeventdata/petrarch2 (MIT, Open Event Data Alliance;
see truce/resources/actors/LICENSE-Phoenix), read at commit 676801c from
petrarch2/data/dictionaries/: Phoenix.Countries.actors.txt (states, their leaders and officials with
dated codes), Phoenix.International.actors.txt (IGOs, NGOs, companies), Phoenix.MilNonState.actors.txt
(armed non-state groups) and Phoenix.agents.txt (agent nouns such as TROOPS [~MIL]).

    python scripts/build_actor_dictionary.py PATH/TO/petrarch2/data/dictionaries

actors.tsv: name (lower case, words separated by spaces) <TAB> CAMEO code (country + sector, e.g.
IRQGOV, IGOUNO, IMGMUSALQ) <TAB> kind (person | organization | state). For a person with several
dated codes, the latest one is kept. agents.tsv: agent noun <TAB> sector code (GOV, MIL, REB, ...).
"""
from __future__ import annotations

import pathlib
import re
import sys

OUT = pathlib.Path(__file__).resolve().parents[1] / "truce/resources/actors"
_CODE = re.compile(r"\[([A-Z~]{3,15})(?:\s+([<>]?\d{6,10})(?:-(\d{6,10}))?)?\]")
_SUBSTITUTIONS = {"!PERSON!": ["man", "men", "woman", "women", "person"], "!MINIST!": ["minister", "ministry"]}


def tabari_name(raw: str) -> str:
    """'BARHAM_SALIH_' -> 'barham salih'; parenthesised acronyms and stems are dropped."""
    name = re.sub(r"\(.*?\)", "", raw)
    name = name.replace("_", " ").replace("+", " ").strip().lower()
    return " ".join(name.split())


def latest(codes: list[tuple[str, str | None, str | None]]) -> str:
    """The code in force last: open-ended ('>110101') wins, then the latest end date."""
    def rank(code):
        _, start, end = code
        if start and start.startswith(">"):
            return (2, start[1:])
        return (1, end or start or "")
    return max(codes, key=rank)[0]


def parse_actor_file(path: pathlib.Path, default_kind: str):
    """Yield (names, code, kind) per entry of a TABARI .actors file."""
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None]] = []
    kind = default_kind

    def flush():
        if names and codes:
            yield names[:], latest(codes), kind
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.split("#")[0].rstrip()
        if not stripped.strip():
            continue
        if not line.startswith((" ", "\t", "+")):
            yield from flush()
            names, codes = [], []
            kind = "person" if "CountryInfo.txt" in line and default_kind == "state" else default_kind
            head = stripped.split("[")[0]
            names.append(tabari_name(head))
        elif line.startswith("+"):
            names.append(tabari_name(stripped.split("[")[0]))
        codes.extend(_CODE.findall(stripped))
    yield from flush()


def parse_agents(path: pathlib.Path):
    """Agent nouns and their sector; '!PERSON!' and '!MINIST!' expand as the file's header defines."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z!][A-Z_\-'!]*)\s*(?:\{[^}]*\}\s*)?\[~([A-Z]{3})[A-Z]*\]", line)
        if not m:
            continue
        forms = [m.group(1)]
        for token, words in _SUBSTITUTIONS.items():
            forms = [f.replace(token, "_" + w.upper()) for f in forms for w in words] if any(token in f for f in forms) else forms
        for form in forms:
            yield tabari_name(form), m.group(2)


def main() -> None:
    source = pathlib.Path(sys.argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    rows = {}
    for filename, kind in (("Phoenix.Countries.actors.txt", "state"), ("Phoenix.International.actors.txt", "organization"),
                           ("Phoenix.MilNonState.actors.txt", "organization")):
        for names, code, entry_kind in parse_actor_file(source / filename, kind):
            if entry_kind == "state" and len(code.lstrip("~")) > 3:
                entry_kind = "organization"  # an agency or office of the state, not the state itself
            for name in names:
                if len(name) >= 3 and name not in rows:
                    rows[name] = (code, entry_kind)
    with (OUT / "actors.tsv").open("w", encoding="utf-8") as f:
        f.write("# name\tCAMEO code\tkind  (scripts/build_actor_dictionary.py, from Phoenix/PETRARCH2 dictionaries, MIT)\n")
        for name, (code, kind) in sorted(rows.items()):
            f.write(f"{name}\t{code.lstrip('~')}\t{kind}\n")
    agents = dict(parse_agents(source / "Phoenix.agents.txt"))
    with (OUT / "agents.tsv").open("w", encoding="utf-8") as f:
        f.write("# agent noun\tsector  (scripts/build_actor_dictionary.py, from Phoenix.agents.txt, MIT)\n")
        for noun, sector in sorted(agents.items()):
            f.write(f"{noun}\t{sector}\n")
    print(f"{len(rows):,} actor names, {len(agents):,} agent nouns -> {OUT}")


if __name__ == "__main__":
    main()
