#!/usr/bin/env python3
"""Writes SQL for N generated members of programme 1 with listed profiles: accounts, their member
role and their profiles with the search texts the program would write (folded words: these
generated texts are ASCII, lower case, so folding is the identity). SQLite also gets the rows of
the FTS5 table. Deterministic (seeded), so runs compare.

    generate.py N sqlite|postgresql > profiles.sql
"""
import random
import sys

N = int(sys.argv[1])
ENGINE = sys.argv[2]
rng = random.Random(2026)
FIRST = ["elodie", "marc", "ines", "paul", "zoe", "louis", "lea", "hugo", "chloe", "jules", "emma",
         "lucas", "manon", "nathan", "camille", "theo", "sarah", "arthur", "julie", "tom"]
LAST = ["durand", "lefevre", "martin", "roux", "vidal", "bernard", "dubois", "moreau", "laurent",
        "simon", "michel", "garcia", "david", "bertrand", "morel", "fournier", "girard", "bonnet"]
SKILLS = ["developpement web", "comptabilite", "photographie", "traduction", "graphisme",
          "menuiserie", "redaction", "conseil juridique", "marketing", "formation", "architecture",
          "design", "video", "data", "agronomie", "ebenisterie", "secretariat", "informatique",
          "ceramique", "coaching", "tourisme", "immobilier", "audit", "paysagisme", "musique"]
# Rarer skills, so that a search can be selective as well as broad.
SKILLS += [f"specialite{i}" for i in range(2000)]
WORDS = ["installe", "depuis", "gers", "village", "teletravail", "client", "projet", "atelier",
         "associatif", "independant", "equipe", "paris", "toulouse", "bordeaux", "auch", "gimont"]


def q(s):
    return "'" + s.replace("'", "''") + "'"


print("BEGIN;")
rows_acc, rows_role, rows_prof, rows_fts = [], [], [], []


def flush():
    if rows_acc:
        print("INSERT INTO accounts (id, email, email_key, display_name, created_at) VALUES " + ",".join(rows_acc) + ";")
        print("INSERT INTO account_roles (programme_id, account_id, role, granted_at) VALUES " + ",".join(rows_role) + ";")
        print("INSERT INTO member_profiles (id, programme_id, account_id, display_name, listed, status, sector, skills, "
              "village_code, presentation, name_key, search_members, search_staff, facets_members, "
              "facets_staff, updated_at) VALUES "
              + ",".join(rows_prof) + ";")
        if ENGINE == "sqlite":
            print("INSERT INTO member_profiles_fts (rowid, search_members, search_staff, facets_members, facets_staff) VALUES "
                  + ",".join(rows_fts) + ";")
    rows_acc.clear(); rows_role.clear(); rows_prof.clear(); rows_fts.clear()


BASE = 1000000
for i in range(N):
    aid = BASE + i
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first.capitalize()} {last.capitalize()} {i}"
    skills = rng.sample(SKILLS[:25], 2) + [rng.choice(SKILLS[25:])]
    presentation = " ".join(rng.choice(WORDS) for _ in range(12))
    words = f"{first} {last} {i} " + " ".join(skills) + " " + presentation
    rows_acc.append(f"({aid}, {q(f'm{i}@bench.example.org')}, {q(f'm{i}@bench.example.org')}, {q(name)}, 0)")
    rows_role.append(f"(1, {aid}, 'member', 0)")
    sector = rng.choice('ABCJMN')
    facets = f"statusindependent sector{sector.lower()} village32147 " + " ".join("skill" + s.replace(' ', '') for s in skills)
    rows_prof.append(f"({aid}, 1, {aid}, {q(name)}, 1, 'independent', {q(sector)}, "
                     f"{q(chr(10).join(skills))}, '32147', {q(presentation)}, {q(f'{first}{last}{i}')}, "
                     f"{q(words)}, {q(words)}, {q(facets)}, {q(facets)}, 0)")
    rows_fts.append(f"({aid}, {q(words)}, {q(words)}, {q(facets)}, {q(facets)})")
    if len(rows_acc) == 1000:
        flush()
flush()
print("COMMIT;")
if ENGINE == "postgresql":
    print("ANALYZE member_profiles;")
