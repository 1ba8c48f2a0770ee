#!/usr/bin/env python3
"""Deterministic synthetic cases for ArmsTrace's own benchmark (tools/bench/run.sh).

Writes into --out DIR:
  cases.ndjson  --rows CaseInput objects (default 100,000), one a line, valid for
                POST /v1/curation/imports (codebook values only, ISO country and language codes,
                public https sources on example hosts, people by role and age only, no names)
  sample.txt    1,000 row numbers (0-based, in file order; fewer if --rows is smaller), the records
                that workload (a) asks for by id
and prints a one-line description of what it wrote (share of "telegram" summaries, sources per case...).

The shape follows the peer benchmark's data (../shared/bench/README.md): 30 countries with a skewed
distribution (US 26 %, FR 12 %, GB 9.6 %...), event dates from 2013 to mid-2025 weighted towards later
years, at day (75 %), month (18 %) or year (7 %) precision, summaries of 150-400 characters built from
sentence templates ("telegram" in about 11.7 % of them), printed_firearms_seized 0 in 55 % of the cases
(a zero is not reported, so the count is left out, as the referee's mapping does), 1-3 sources per case
(about 1.65 on average), whose titles are drawn from a word list that contains "telegram" too (search
reads source titles).

Standard library only. Same --seed and the same CPython minor version => byte-identical output.
"""
import argparse
import datetime as dt
import json
import os
import random

COUNTRIES = [  # ISO 3166-1 alpha-2, weights per 1,000 (US 26 %, FR 12 %, GB 9.5 %...)
    ("US", 260), ("FR", 120), ("GB", 95), ("DE", 80), ("AU", 70), ("CA", 55),
    ("NL", 45), ("ES", 38), ("IT", 33), ("SE", 28), ("BE", 24), ("PL", 20),
    ("NZ", 17), ("BR", 15), ("FI", 13), ("DK", 11), ("IE", 10), ("NO", 9),
    ("CH", 8), ("AT", 7), ("JP", 6), ("CZ", 5), ("PT", 5), ("MX", 4),
    ("ZA", 4), ("UA", 3), ("GR", 3), ("HU", 2), ("SG", 2), ("IL", 2),
]
LANGUAGE = {"US": "en", "GB": "en", "AU": "en", "CA": "en", "NZ": "en", "IE": "en", "ZA": "en",
            "SG": "en", "FR": "fr", "BE": "fr", "CH": "de", "DE": "de", "AT": "de", "NL": "nl",
            "ES": "es", "MX": "es", "IT": "it", "SE": "sv", "PL": "pl", "BR": "pt", "PT": "pt",
            "FI": "fi", "DK": "da", "NO": "no", "JP": "ja", "CZ": "cs", "UA": "uk", "GR": "el",
            "HU": "hu", "IL": "he"}
# Codebook values (openapi.yaml: CaseType, Context, Weapon3dRole, LegalStatus, Confidence...), weighted.
CASE_TYPES = [("seizure", 30), ("arrest", 37), ("conviction", 9), ("network_dismantled", 5),
              ("attack", 2), ("legislation", 1), ("court_ruling", 2), ("other", 14)]
CONTEXTS = [("criminal_individual", 54), ("criminal_organised", 18), ("hobbyist_or_unclear", 12),
            ("extremist_far_right", 8), ("extremist_other", 5), ("grievance_or_other", 3)]
ROLES = [("fully_printed", 30), ("hybrid", 25), ("printed_components", 35), ("none", 10)]
LEGAL = {"seizure": "under_investigation", "arrest": "charged", "conviction": "convicted",
         "network_dismantled": "under_investigation", "attack": "unknown", "legislation": "not_applicable",
         "court_ruling": "convicted", "other": "unknown"}
CONFIDENCE = [("high", 25), ("medium", 60), ("low", 15)]
PRECISION = [("day", 75), ("month", 18), ("year", 7)]
SOURCE_TYPES = [("news", 80), ("official", 15), ("court_record", 5)]
GENDERS = [("male", 85), ("female", 5), ("mixed", 4), ("unknown", 6)]

# Platforms named in summaries, and the channel (codebook) each one stands for.
PLATFORMS = [("Telegram", "telegram", 30), ("Discord", "other_messaging_app", 15),
             ("Reddit", "social_media", 10), ("darknet market", "darknet_forum_or_site", 15),
             ("video platform", "video_platform", 10), ("encrypted forum", "imageboard_forum", 10),
             ("website", "clearnet_website", 10)]
TOWNS = ["Lyon", "Marseille", "Nantes", "Bordeaux", "Lille", "Leipzig", "Cologne", "Bremen", "Bristol",
         "Glasgow", "Sheffield", "Adelaide", "Brisbane", "Hobart", "Ottawa", "Winnipeg", "Eindhoven",
         "Utrecht", "Seville", "Bilbao", "Turin", "Uppsala", "Malmo", "Ghent", "Krakow", "Wellington",
         "Dallas", "Tucson", "Boise", "Portland", "Detroit", "Miami"]
ITEMS = ["pistol", "pistols", "rifle", "carbine", "submachine gun", "revolver", "pistol frame",
         "lower receiver", "suppressor", "auto sear"]
PRINTERS = ["desktop", "resin", "FDM", "second-hand", "filament", "consumer", "hobby", "industrial"]
PLACES = ["flat", "house", "garage", "workshop", "storage unit", "farm", "van", "student room", "shed"]
PARTS = ["frames", "receivers", "magazines", "barrels", "slides", "trigger groups", "firing pins", "grips"]
PUBLISHERS = ["Reuters", "AFP", "BBC News", "The Guardian", "Le Monde", "Le Parisien", "Ouest-France",
              "Der Spiegel", "ABC News", "CBC", "NOS", "El Pais", "Corriere della Sera", "Aftonbladet",
              "RTBF", "NZ Herald", "Associated Press", "Europol", "Police press office",
              "Ministry of Justice", "Court registry", "Local newspaper", "Wired", "The Times",
              "Regional broadcaster", "Wire service", "Gazette", "Daily Courier"]
HOSTS = ["news.example.org", "press.example.net", "police.example.gov", "courts.example.gov",
         "daily.example.com", "wire.example.com"]
TITLE_WORDS = ["3D-printed", "gun", "guns", "seized", "arrest", "arrested", "police", "printer",
               "network", "raid", "charged", "weapons", "ghost gun", "court", "jailed", "inquiry",
               "workshop", "factory", "suspect", "telegram", "parts", "homemade", "firearms"]


def pick(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs], k=1)[0]


def sentence(rng, seized, channels):
    k = rng.randrange(9)
    town, item = rng.choice(TOWNS), rng.choice(ITEMS)
    if k == 0:
        return f"Officers in {town} seized {seized} printed {item} while searching a {rng.choice(PLACES)}."
    if k == 1:
        return f"The suspect is said to have used a {rng.choice(PRINTERS)} printer to make {rng.choice(PARTS)} for a {item}."
    if k == 2:
        name, channel, _ = PLATFORMS[rng.choices(range(len(PLATFORMS)), weights=[p[2] for p in PLATFORMS])[0]]
        if channel not in channels:
            channels.append(channel)
        return f"Investigators followed orders placed through a {name} group tied to a wider network."
    if k == 3:
        return f"Ammunition, filament spools and hand tools were also found in the {rng.choice(PLACES)}."
    if k == 4:
        return f"According to prosecutors, the {item} worked and was test-fired by forensic examiners."
    if k == 5:
        return f"The case belongs to an inquiry into a group that sold printed {item} parts."
    if k == 6:
        return f"A printer and several {rng.choice(PARTS)} were taken, and {rng.randint(1, 4)} people were questioned."
    if k == 7:
        return f"The court heard that the defendant bought metal parts online and assembled a hybrid {item}."
    return f"Customs stopped a parcel sent from {rng.choice(TOWNS)} that held printed {rng.choice(PARTS)}."


def summary(rng, seized, channels):
    target = rng.randint(150, 400)
    text = ""
    while len(text) < target:
        s = sentence(rng, seized, channels)
        if text and len(text) + 1 + len(s) > 400:
            break
        text = f"{text} {s}" if text else s
    while len(text) < 150:
        text += " No further details were given."
    if len(text) > 400:
        text = text[:400].rsplit(" ", 1)[0]
    return text


def case(rng, start, end):
    day = dt.date.fromordinal(int(start + (end - start) * (rng.random() ** 0.6)))  # later years weigh more
    precision = pick(rng, PRECISION)
    event_date = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    country = pick(rng, COUNTRIES)
    case_type = pick(rng, CASE_TYPES)
    seized = 0 if rng.random() < 0.55 else min(int(rng.expovariate(0.5)) + 1, 60)
    arrested = 0 if rng.random() < 0.35 else min(int(rng.expovariate(0.7)) + 1, 25)
    channels = []
    text = summary(rng, max(seized, 1), channels)
    counts = {}
    if seized:
        counts["printed_firearms_seized"] = {"value": seized, "qualifier": "exact"}
    if arrested:
        counts["persons_arrested"] = {"value": arrested, "qualifier": pick(rng, [("exact", 90), ("at_least", 10)])}
    people = []
    if arrested and rng.random() < 0.4:
        age = rng.randint(17, 64)
        people.append({"role": "suspect", "number": arrested, "age_min": age,
                       "age_max": age + (0 if arrested == 1 else rng.randint(1, 20)),
                       "gender": pick(rng, GENDERS) if arrested > 1 else pick(rng, GENDERS[:2] + GENDERS[3:])})
    sources = []
    for _ in range(rng.choices([1, 2, 3], weights=[50, 35, 15])[0]):
        words = rng.sample(TITLE_WORDS, rng.randint(4, 8))
        slug = "-".join(w.lower().replace(" ", "-") for w in words[:5])
        published = day + dt.timedelta(days=rng.randint(0, 30))
        sources.append({"publisher": rng.choice(PUBLISHERS), "title": " ".join(words).capitalize(),
                        "published": published.isoformat()[:{"day": 10, "month": 7, "year": 4}[precision]],
                        "url": f"https://{rng.choice(HOSTS)}/{day.year}/{slug}-{rng.randrange(10 ** 7)}",
                        "source_type": pick(rng, SOURCE_TYPES),
                        "language": LANGUAGE[country] if rng.random() < 0.7 else "en"})
    return {"event_date": event_date, "date_precision": precision, "country": country,
            "geo_precision": "country", "case_type": case_type, "legal_status": LEGAL[case_type],
            "context": pick(rng, CONTEXTS), "weapon_3d_role": pick(rng, ROLES), "channels": channels,
            "counts": counts, "people": people, "summary": text, "confidence": pick(rng, CONFIDENCE),
            "sources": sources}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder for cases.ndjson and sample.txt")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20240501)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    start, end = dt.date(2013, 1, 1).toordinal(), dt.date(2025, 6, 30).toordinal()
    telegram = zero = sources = 0
    tmp = os.path.join(a.out, "cases.ndjson.tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for _ in range(a.rows):
            c = case(rng, start, end)
            telegram += "telegram" in c["summary"].lower()
            zero += "printed_firearms_seized" not in c["counts"]
            sources += len(c["sources"])
            out.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
    sample = sorted(rng.sample(range(a.rows), min(1000, a.rows)))
    with open(os.path.join(a.out, "sample.txt"), "w", encoding="utf-8") as f:
        f.write("".join(f"{i}\n" for i in sample))
    os.replace(tmp, os.path.join(a.out, "cases.ndjson"))  # last, so that a cut-short run is not cached
    n = max(a.rows, 1)
    print(f"rows={a.rows} seed={a.seed} telegram_in_summary={100 * telegram / n:.1f}% "
          f"printed_firearms_seized_zero={100 * zero / n:.1f}% sources_per_case={sources / n:.3f}")


if __name__ == "__main__":
    main()
