#!/usr/bin/env python3
# generate-demo-company.py — writes the sample company of the demo connector
# ("Lumen & Co.", 300 employees) as a normalised employee snapshot.
#
# Regenerate (from the top of the repository) with:
#
#     python3 data/demo/generate-demo-company.py data/demo/demo-company.json
#
# Without an argument the JSON goes to standard output. A short summary goes to
# standard error. Standard library only. The output is deterministic (fixed
# seed, no clock, no set iteration), so two runs give the same bytes; keep the
# generated file in the repository.
#
# What the data exercises (see the product rules in docs/rules.md):
#   - a hierarchy CEO → department heads → team leads → squad managers → staff;
#   - the statuses active / onboarding (hired after 2026-11-01) / leave /
#     inactive (end_date in the past, never anyone's manager);
#   - employees without e-mail (warehouse and field staff), skip_sync on
#     contractors and board advisors, preferred names, mixed-case e-mails,
#     e-mails made unique with a digit, and exactly one pair of e-mails that
#     differ only in case (duplicate detection);
#   - accented, non-Latin-1 and very long names for the layout.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import json
import sys
import unicodedata
from random import Random

rng = Random(20261101)
DOMAIN = "lumen-demo.example"
TODAY = datetime.date(2026, 11, 1)        # "now" for the data; never the real clock
FOUNDED = datetime.date(2014, 3, 3)
TOTAL = 300

OFFICES = ["Paris", "Lyon", "London", "Berlin"]
OFFICE_QUOTA = {"Paris": 120, "Lyon": 60, "London": 66, "Berlin": 54}     # 40/20/22/18 %
COUNTRY = {"Paris": "FR", "Lyon": "FR", "London": "GB", "Berlin": "DE"}

# ---------------------------------------------------------------------------
# Names per office. London and Berlin mix in Scandinavian, Irish, Polish,
# Turkish, West African and South Asian names; Paris and Lyon French, Maghrebi,
# Vietnamese, Portuguese and Italian ones.
NAMES = {
    "Paris": (
        ["Zoé", "Loïc", "Hélène", "Françoise", "Bénédicte", "Théo", "Léa", "Noémie", "Amélie",
         "Jérôme", "Céline", "François", "Inès", "Gaëlle", "Maëlys", "Raphaël", "Clément",
         "Élodie", "Anaïs", "Stéphane", "Mathis", "Camille", "Julien", "Sophie", "Yasmine",
         "Karim", "Mehdi", "Thibault", "Margaux", "Sébastien", "Guillaume", "Aurélie", "Lucas",
         "Manon", "Héloïse", "Timothée", "Agnès", "Joël", "Dominique", "Charlotte", "Nathanaël",
         "Ophélie", "Edmée", "Côme"],
        ["Lefèvre", "Dubois", "Moreau", "Girard", "Lefebvre", "Bénard", "Rousseau", "Fontaine",
         "Chevalier", "Garnier", "Faure", "Mercier", "Benali", "Nguyen", "Lemaître", "Brûlé",
         "Perrin", "Masson", "Gauthier", "Barbier", "Leroy", "Bourgeois", "Héraud", "Da Silva",
         "Le Goff", "Caron", "Boucher", "Ménard", "Aït-Kaci", "Haddad", "Trần", "Besnard",
         "Mallet", "Deschamps", "Poirier", "Lévêque", "Coëffic", "Œuvrard"]),
    "Lyon": (
        ["Aurélien", "Chloé", "Maxime", "Océane", "Grégoire", "Léonie", "Sébastien", "Mélanie",
         "Hugo", "Laëtitia", "Adèle", "Rémi", "Capucine", "Benoît", "Zoë", "Élise", "Cédric",
         "Mathilde", "Baptiste", "Solène", "João", "Giulia", "Matteo", "Inês", "Valérie",
         "Hervé", "Pauline", "Anthony", "Timothée", "Dominique"],
        ["Roux", "Fournier", "Bonnet", "Lambert", "Dupré", "Besançon", "Vidal", "Arnaud",
         "Aubert", "Lacroix", "Boyer", "Guérin", "Chabert", "Pélissier", "Ferreira", "Rossi",
         "Giraud", "Brun", "Michaud", "Rey", "Blanchard", "Gonçalves", "Colombo", "Perret",
         "Jacquemet", "Faÿ"]),
    "London": (
        ["Oliver", "Amelia", "Harry", "Isla", "Søren", "Åse", "Priya", "Kwame", "Siobhán",
         "Niamh", "George", "Freya", "Tomás", "Aoife", "Rahul", "Charlotte", "Christopher",
         "Elisabeth", "Emily", "James", "Olivia", "Arjun", "Ngozi", "Seán", "Ingrid", "Magnus",
         "Sigrún", "Łukasz", "Zofia", "Grace", "Daniel", "Hannah", "Benjamin", "Bjørn"],
        ["Smith", "Ørsted", "Patel", "O'Brien", "Okafor", "Taylor", "Hughes", "Clarke", "Walsh",
         "Hussain", "Evans", "Johansen", "Byrne", "Williams", "Davies", "Thompson", "Khan",
         "Ó Súilleabháin", "Mensah", "Kowalczyk", "Wójcik", "Lindgren", "Hansen", "Bjørnstad",
         "Fitzgerald", "Campbell", "Murphy", "Adeyemi", "Sharma", "Nakamura", "Løkke"]),
    "Berlin": (
        ["Jürgen", "Jörg", "Lena", "Matthäus", "Björn", "Käthe", "Sören", "Anja", "Ümit",
         "Friederike", "Lukas", "Mia", "Tobias", "Ida", "Magnus", "Johanna", "Maximilian",
         "Katharina", "Alexander", "Jonas", "Leonie", "Felix", "Günter", "Anneliese", "Mads",
         "Åsa", "Ole", "Mette", "Emre", "Ayşe", "Paweł", "Henrik", "Clara"],
        ["Müller", "Schröder", "Weiß", "Köhler", "Schäfer", "Großmann", "Krüger", "Bäcker",
         "Yılmaz", "Lindqvist", "Hoffmann", "Nielsen", "Øvergaard", "Schmidt", "Fischer",
         "Wagner", "Becker", "Meißner", "Kühn", "Jørgensen", "Kjær", "Sørensen", "Demir",
         "Şahin", "Nowak", "Vogel", "Zimmermann", "Löwe", "Brandt", "Strauß", "Ærø"]),
}

# Long, double-barrelled or otherwise awkward names, given to random people of
# the office (the first one is the CFO, see below).
SPECIAL_NAMES = [
    ("Paris", "Jean-Baptiste", "Vandenberghe-Lefèbvre"),
    ("Paris", "Anne-Sophie", "Rocher de Saint-Exupéry"),
    ("Paris", "Minh-Thư", "Nguyễn"),
    ("Paris", "Bénédicte", "N'Diaye"),
    ("Paris", "Loïc", "Le Bihan"),
    ("Lyon", "Maria da Conceição", "Gonçalves Ferreira"),
    ("Lyon", "Pierre-Emmanuel", "Duval-Hébrard"),
    ("Berlin", "Karl-Heinz", "von Strachwitz-Großmann"),
    ("Berlin", "Hans-Jürgen", "Müller-Lüdenscheidt"),
    ("Berlin", "Åse", "Ødegård-Kristiansen"),
    ("London", "Siobhán", "Ní Bhriain"),
    ("London", "Søren", "Ørsted"),
    ("London", "Alexandra", "Montgomery-Fitzwilliam"),
    ("London", "Oluwaseun", "Adébáyọ̀"),
]
# Same folded e-mail base, so the second one gets a digit.
COLLIDING_NAMES = [
    ("Berlin", "Thomas", "Müller"), ("Berlin", "Thomas", "Müller"),
    ("Paris", "Zoé", "Girard"), ("Lyon", "Zoë", "Girard"),
]
NICKNAMES = {
    "Johanna": "Jo", "Maximilian": "Max", "Katharina": "Kathi", "Alexander": "Sascha",
    "Friederike": "Rike", "Christopher": "Chris", "Elisabeth": "Lizzie", "Dominique": "Dom",
    "Timothée": "Tim", "Nathanaël": "Nat", "Charlotte": "Charlie", "Siobhán": "Shiv",
    "Sébastien": "Séb", "Benjamin": "Ben", "Matthäus": "Matti", "Daniel": "Dan",
    "Alexandra": "Sasha", "Oluwaseun": "Seun",
}

# ---------------------------------------------------------------------------
# Organisation. Each team: (name, home office, people including its lead and
# squad managers, number of squad managers, lead title, squad manager title,
# staff titles with weights).
DEPARTMENTS = [
    ("Engineering", "CC-200", "Chief Technology Officer", "Paris", [
        ("Platform", "Paris", 27, 2, "Head of Platform Engineering", "Engineering Manager, Platform",
         [("Backend Engineer", 5), ("Senior Backend Engineer", 4), ("Site Reliability Engineer", 3),
          ("Senior Site Reliability Engineer", 1), ("Staff Engineer", 1), ("Junior Backend Engineer", 2)]),
        ("Web", "Paris", 20, 2, "Head of Web Engineering", "Engineering Manager, Web",
         [("Frontend Engineer", 5), ("Senior Frontend Engineer", 3), ("Full-Stack Engineer", 3),
          ("Junior Frontend Engineer", 2), ("QA Engineer", 2), ("Staff Frontend Engineer", 1)]),
        ("Mobile", "Berlin", 16, 1, "Head of Mobile Engineering", "Engineering Manager, Mobile",
         [("iOS Engineer", 3), ("Senior iOS Engineer", 2), ("Android Engineer", 3),
          ("Senior Android Engineer", 2), ("Mobile QA Engineer", 1)]),
        ("Data", "Berlin", 16, 2, "Head of Data", "Data Engineering Manager",
         [("Data Engineer", 3), ("Senior Data Engineer", 2), ("Data Scientist", 2),
          ("Machine Learning Engineer", 2), ("Analytics Engineer", 2), ("Data Analyst", 2)]),
        ("Security", "London", 8, 0, "Head of Security", None,
         [("Security Engineer", 3), ("Senior Security Engineer", 2),
          ("Application Security Engineer", 1), ("Security Analyst", 2)]),
    ]),
    ("Product", "CC-210", "Chief Product Officer", "Berlin", [
        ("Product Management", "Paris", 12, 1, "Director of Product Management", "Group Product Manager",
         [("Product Manager", 4), ("Senior Product Manager", 3), ("Associate Product Manager", 2),
          ("Product Owner", 1)]),
        ("Design", "London", 9, 0, "Head of Design", None,
         [("Product Designer", 4), ("Senior Product Designer", 2), ("UX Researcher", 2), ("UX Writer", 1)]),
    ]),
    ("Sales", "CC-300", "Chief Revenue Officer", "London", [
        ("Enterprise", "Paris", 16, 1, "Sales Director, Enterprise", "Sales Manager, Enterprise",
         [("Enterprise Account Executive", 4), ("Senior Account Executive", 2), ("Account Executive", 2),
          ("Solutions Engineer", 2)]),
        ("Mid-Market", "London", 13, 1, "Sales Director, Mid-Market", "Sales Manager, Mid-Market",
         [("Account Executive", 5), ("Senior Account Executive", 2), ("Junior Account Executive", 2)]),
        ("DACH", "Berlin", 9, 0, "Head of Sales DACH", None,
         [("Account Executive", 4), ("Senior Account Executive", 2), ("Key Account Manager", 2)]),
        ("Sales Development", "Lyon", 12, 1, "Head of Sales Development", "SDR Team Lead",
         [("Sales Development Representative", 6), ("Business Development Representative", 3),
          ("Senior Sales Development Representative", 1)]),
        ("Revenue Operations", "London", 5, 0, "Head of Revenue Operations", None,
         [("Revenue Operations Analyst", 2), ("Sales Operations Analyst", 2), ("CRM Administrator", 1)]),
    ]),
    ("Marketing", "CC-310", "Chief Marketing Officer", "Paris", [
        ("Brand", "Paris", 7, 0, "Head of Brand", None,
         [("Brand Designer", 2), ("Content Marketing Manager", 2), ("Copywriter", 1),
          ("Communications Manager", 1), ("Social Media Manager", 1)]),
        ("Growth", "London", 9, 0, "Head of Growth", None,
         [("Growth Marketing Manager", 2), ("Performance Marketing Manager", 2), ("SEO Specialist", 1),
          ("Marketing Operations Specialist", 1), ("Lifecycle Marketing Manager", 1),
          ("Marketing Analyst", 1)]),
        ("Product Marketing", "Berlin", 6, 0, "Head of Product Marketing", None,
         [("Product Marketing Manager", 3), ("Senior Product Marketing Manager", 1),
          ("Market Research Analyst", 1)]),
    ]),
    ("Customer Success", "CC-320", "VP Customer Success", "Lyon", [
        ("Onboarding", "Lyon", 10, 0, "Head of Customer Onboarding", None,
         [("Onboarding Specialist", 3), ("Implementation Consultant", 3),
          ("Senior Implementation Consultant", 1)]),
        ("Support", "Lyon", 20, 2, "Head of Customer Support", "Support Team Lead",
         [("Customer Support Agent", 5), ("Support Engineer", 3), ("Technical Support Specialist", 2),
          ("Senior Support Engineer", 1), ("Support Quality Analyst", 1)]),
        ("Account Management", "London", 12, 1, "Director of Customer Success", "Customer Success Team Lead",
         [("Customer Success Manager", 5), ("Senior Customer Success Manager", 2),
          ("Technical Account Manager", 2), ("Renewals Manager", 1)]),
    ]),
    ("Finance", "CC-400", "Chief Financial Officer", "Paris", [
        ("Accounting", "Paris", 8, 0, "Head of Accounting", None,
         [("Accountant", 3), ("Senior Accountant", 2), ("Accounts Payable Specialist", 1),
          ("Accounts Receivable Specialist", 1), ("Payroll Accountant", 1)]),
        ("FP&A", "London", 6, 0, "Head of FP&A", None,
         [("Financial Analyst", 3), ("Senior Financial Analyst", 1), ("Business Controller", 1)]),
        ("Legal & Compliance", "Paris", 5, 0, "General Counsel", None,
         [("Legal Counsel", 2), ("Compliance Officer", 1), ("Data Protection Officer", 1), ("Paralegal", 1)]),
    ]),
    ("People", "CC-410", "Chief People Officer", "Lyon", [
        ("Talent Acquisition", "Paris", 9, 0, "Head of Talent Acquisition", None,
         [("Talent Acquisition Partner", 3), ("Technical Recruiter", 2), ("Sourcer", 1),
          ("Recruiting Coordinator", 1), ("Employer Branding Manager", 1)]),
        ("HR Operations", "Lyon", 7, 0, "Head of HR Operations", None,
         [("HR Business Partner", 2), ("HR Administrator", 2), ("Payroll Specialist", 1),
          ("People Analyst", 1), ("Learning & Development Manager", 1)]),
    ]),
    ("Operations", "CC-420", "Chief Operating Officer", "Paris", [
        ("Facilities", "Paris", 6, 0, "Office Manager", None,
         [("Facilities Coordinator", 1), ("Receptionist", 1), ("Facilities Technician", 2),
          ("Maintenance Technician", 1)]),
        ("Logistics", "Lyon", 12, 1, "Logistics Manager", "Warehouse Supervisor",
         [("Warehouse Associate", 5), ("Delivery Driver", 3), ("Forklift Operator", 2),
          ("Inventory Clerk", 1), ("Logistics Coordinator", 1)]),
        ("IT Support", "Berlin", 7, 0, "Head of Workplace IT", None,
         [("IT Support Technician", 3), ("Systems Administrator", 2), ("IT Asset Coordinator", 1)]),
    ]),
]
EXECUTIVE_CC = "CC-100"
FIELD_ROLES = ["Warehouse Associate", "Delivery Driver", "Forklift Operator", "Inventory Clerk",
               "Facilities Technician", "Maintenance Technician"]
INTERN_TITLES = {  # by team; interns only join these teams
    "Platform": "Software Engineering Intern", "Web": "Software Engineering Intern",
    "Mobile": "Mobile Engineering Intern", "Data": "Data Science Intern",
    "Product Management": "Product Management Intern", "Design": "Product Design Intern",
    "Enterprise": "Sales Intern", "Sales Development": "Sales Development Intern",
    "Brand": "Marketing Intern", "Growth": "Growth Marketing Intern",
    "Support": "Customer Support Intern", "Accounting": "Accounting Intern",
    "FP&A": "Finance Intern", "Legal & Compliance": "Legal Intern",
    "Talent Acquisition": "Recruiting Intern", "HR Operations": "HR Intern",
}
# Contractors excluded from the sync (skip_sync), and two that are synced.
SKIPPED_CONTRACTORS = {"Mobile": "Freelance iOS Developer", "Brand": "Freelance Copywriter",
                       "Accounting": "Interim Financial Controller"}
SYNCED_CONTRACTORS = {"Security": "Penetration Testing Consultant",
                      "Web": "Freelance Frontend Developer"}


# ---------------------------------------------------------------------------
# Helpers

def fold(text):
    """ASCII e-mail part: accents stripped, ß→ss, ø→o, æ→ae, spaces and apostrophes removed."""
    for src, dst in (("ß", "ss"), ("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("Æ", "Ae"),
                     ("œ", "oe"), ("Œ", "Oe"), ("ł", "l"), ("Ł", "L"), ("ı", "i"),
                     ("đ", "d"), ("Đ", "D"), ("þ", "th"), ("ð", "d")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = "".join(c for c in text if c.isascii() and (c.isalnum() or c == "-"))
    assert text and text.isascii(), text
    return text


def monday_on_or_before(day):
    return day - datetime.timedelta(days=day.weekday())


def random_day(low, high, recent_bias=False):
    span = (high - low).days
    offset = rng.triangular(0, span, span) if recent_bias else rng.uniform(0, span)
    return low + datetime.timedelta(days=int(offset))


def hire_day(low, high, recent_bias=False):
    day = monday_on_or_before(random_day(low, high, recent_bias))
    return max(day, FOUNDED)


def end_of_month(day):
    first_next = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first_next - datetime.timedelta(days=1)


# ---------------------------------------------------------------------------
# 1. The tree. Nodes are dicts (compare them by "id" or identity, never
# with ==: they point at each other); ids are given breadth first.

def node(role, department, team, position, cost_center, manager, office=None, home=None,
         level=0, titles=None):
    n = dict(role=role, department=department, team=team, position=position,
             cost_center=cost_center, manager=manager, office=office, home=home,
             level=level, titles=titles, children=[])
    if manager is not None:
        manager["children"].append(n)
    return n


ceo = node("ceo", "Executive", "Leadership", "Chief Executive Officer", EXECUTIVE_CC, None,
           office="Paris")
heads = []
for department, cc, head_title, head_office, teams in DEPARTMENTS:
    heads.append(node("head", department, "Leadership", head_title, cc, ceo, office=head_office, level=1))
node("staff", "Executive", "Leadership", "Executive Assistant", EXECUTIVE_CC, ceo, home="Paris", level=1)
node("staff", "Executive", "Leadership", "Chief of Staff", EXECUTIVE_CC, ceo, home="Paris", level=1)
advisors = [node("advisor", "Executive", "Board", "Board Advisor", EXECUTIVE_CC, ceo, office=o, level=1)
            for o in ("Paris", "London")]

for head, (department, cc, _, _, teams) in zip(heads, DEPARTMENTS):
    for team, home, size, squads, lead_title, squad_title, titles in teams:
        lead = node("lead", department, team, lead_title, cc, head, office=home, level=2)
        bosses = [node("manager", department, team, squad_title, cc, lead, office=home, level=3)
                  for _ in range(squads)] or [lead]
        staff = size - 1 - squads
        assert staff >= len(bosses), team
        for i in range(staff):
            node("ic", department, team, None, cc, bosses[i % len(bosses)],
                 level=bosses[0]["level"] + 1, titles=titles)

# Breadth first, children in creation order: CEO, heads, leads, managers, staff.
people, queue = [], [ceo]
while queue:
    n = queue.pop(0)
    people.append(n)
    queue.extend(n["children"])
assert len(people) == TOTAL, len(people)
for i, n in enumerate(people):
    n["id"] = f"E{i + 1:04d}"

# ---------------------------------------------------------------------------
# 2. Offices: fixed for the CEO, heads, leads, squad managers and advisors;
# the others stay with their manager most of the time, within the quotas.
remaining = dict(OFFICE_QUOTA)
for n in people:
    if n["office"] is not None:
        remaining[n["office"]] -= 1


def place(n, preferred):
    if remaining[preferred] > 0 and rng.random() < 0.85:
        office = preferred
    else:
        office = rng.choices(OFFICES, weights=[max(remaining[o], 0) for o in OFFICES])[0]
    remaining[office] -= 1
    n["office"] = office


floating = [n for n in people if n["office"] is None and n["role"] != "ic"]
rng.shuffle(floating)
for n in floating:
    place(n, n["home"])
ics = [n for n in people if n["role"] == "ic"]
order = ics[:]
rng.shuffle(order)
for n in order:
    place(n, n["manager"]["office"])
assert all(v == 0 for v in remaining.values()), remaining

# ---------------------------------------------------------------------------
# 3. Positions, names, hire dates, defaults.
for n in ics:
    titles, weights = zip(*n["titles"])
    n["position"] = rng.choices(titles, weights=weights)[0]

# Random names never repeat a full name (once folded): the only e-mail
# collisions are the deliberate ones of COLLIDING_NAMES.
taken_names = {"alex.martin", "zoe.lefevre", "marie-helene.delatour-dauvergne"}
taken_names.update(f"{fold(first)}.{fold(last)}" for _, first, last in SPECIAL_NAMES + COLLIDING_NAMES)
for n in people:
    first_names, last_names = NAMES[n["office"]]
    while True:
        first, last = rng.choice(first_names), rng.choice(last_names)
        if f"{fold(first)}.{fold(last)}" not in taken_names:
            break
    taken_names.add(f"{fold(first)}.{fold(last)}")
    n["first_name"], n["last_name"] = first, last
    n["preferred_name"] = None
    n["status"] = "active"
    n["end_date"] = None
    n["skip_sync"] = False
    n["employment_type"] = "full_time"
    n["email_case"] = None
    low, high, bias = {
        "ceo": (FOUNDED, FOUNDED, False),
        "head": (datetime.date(2014, 4, 1), datetime.date(2020, 12, 31), False),
        "staff": (datetime.date(2016, 1, 1), datetime.date(2024, 12, 31), False),
        "advisor": (datetime.date(2018, 1, 1), datetime.date(2023, 12, 31), False),
        "lead": (datetime.date(2015, 1, 1), datetime.date(2023, 6, 30), False),
        "manager": (datetime.date(2016, 1, 1), datetime.date(2024, 12, 31), False),
        "ic": (datetime.date(2015, 6, 1), datetime.date(2026, 10, 31), True),
    }[n["role"]]
    n["hire_date"] = hire_day(low, high, bias)

ceo["first_name"], ceo["last_name"] = "Zoé", "Lefèvre"
cfo = next(h for h in heads if h["department"] == "Finance")
cfo["first_name"], cfo["last_name"] = "Marie-Hélène", "de La Tour-d'Auvergne"

named = {ceo["id"], cfo["id"]}


def pick(candidates, count, taken):
    pool = [n for n in candidates if n["id"] not in taken]
    assert len(pool) >= count, (len(pool), count)
    chosen = rng.sample(pool, count)
    chosen.sort(key=lambda n: n["id"])
    for n in chosen:
        taken.add(n["id"])
    return chosen


colliding = set()       # ids of the COLLIDING_NAMES people: they keep an e-mail
for k, (office, first, last) in enumerate(SPECIAL_NAMES + COLLIDING_NAMES):
    (n,) = pick([p for p in people if p["office"] == office], 1, named)
    n["first_name"], n["last_name"] = first, last
    if k >= len(SPECIAL_NAMES):
        colliding.add(n["id"])

# Leaves of the tree only for everything that changes status or contract, so
# no inactive or onboarding person manages anyone.
leaves = [n for n in ics if not n["children"]]
special = set(colliding)  # ids already given a special role below

# Exactly one pair whose e-mails differ only in case: two active "Alex Martin".
dup_pair = [pick([n for n in leaves if n["office"] == o and n["id"] not in named], 1, special)[0]
            for o in ("Paris", "London")]
for n in dup_pair:
    n["first_name"], n["last_name"] = "Alex", "Martin"
    named.add(n["id"])

# Warehouse and field staff without e-mail.
no_email = pick([n for n in leaves if n["department"] == "Operations" and n["position"] in FIELD_ROLES],
                8, special)
no_email_ids = {n["id"] for n in no_email}
for n in no_email[:3]:
    n["employment_type"] = "part_time"

# Contractors: three excluded from the sync, two synced; board advisors too.
for team, title in list(SKIPPED_CONTRACTORS.items()) + list(SYNCED_CONTRACTORS.items()):
    (n,) = pick([p for p in leaves if p["team"] == team], 1, special)
    n["position"] = title
    n["employment_type"] = "contractor"
    n["skip_sync"] = team in SKIPPED_CONTRACTORS
for n in advisors:
    n["employment_type"] = "contractor"
    n["skip_sync"] = True

for n in pick([p for p in leaves if p["team"] in INTERN_TITLES], 6, special):
    n["employment_type"] = "intern"
    n["position"] = INTERN_TITLES[n["team"]]
    n["hire_date"] = hire_day(datetime.date(2026, 2, 1), datetime.date(2026, 9, 30))

for n in pick(leaves, 12, special):
    n["employment_type"] = "part_time"

onboarding_days = [datetime.date(2026, 12, 1), datetime.date(2026, 12, 7), datetime.date(2026, 12, 14),
                   datetime.date(2027, 1, 4), datetime.date(2027, 1, 11), datetime.date(2027, 1, 18)]
for n in pick(leaves, 12, special):
    n["status"] = "onboarding"
    n["hire_date"] = rng.choice(onboarding_days)

# On leave: nine staff and one squad manager whose team keeps reporting to them.
settled = [n for n in leaves if n["hire_date"] < datetime.date(2025, 1, 1)]
for n in pick(settled, 9, special) + pick([p for p in people if p["role"] == "manager"], 1, special):
    n["status"] = "leave"

for n in pick(settled, 15, special):
    n["status"] = "inactive"
    low = max(n["hire_date"] + datetime.timedelta(days=120), datetime.date(2022, 1, 1))
    n["end_date"] = end_of_month(random_day(low, datetime.date(2026, 9, 30)))

# Preferred names (nicknames), on anyone, at most one per first name.
by_first = {}
for n in people:
    if n["first_name"] in NICKNAMES:
        by_first.setdefault(n["first_name"], []).append(n)
firsts = sorted(by_first)
rng.shuffle(firsts)
assert len(firsts) >= 10, firsts
for first in firsts[:10]:
    rng.choice(by_first[first])["preferred_name"] = NICKNAMES[first]

# A few e-mails typed in mixed case by whoever filled in the HRIS.
mixed = pick([n for n in people if n["status"] == "active" and n["id"] not in special
              and n["role"] not in ("ceo",)], 6, set())
for i, n in enumerate(mixed):
    n["email_case"] = "domain" if i == 0 else "title"

# ---------------------------------------------------------------------------
# 4. E-mails: first.last, a digit on collision (case-insensitively), except the
# deliberate Alex Martin pair.
used = {"alex.martin"}
emails = {}
for n in people:
    if n["id"] in no_email_ids:
        emails[n["id"]] = None
        continue
    if n is dup_pair[0]:
        emails[n["id"]] = f"Alex.Martin@{DOMAIN}"
        continue
    if n is dup_pair[1]:
        emails[n["id"]] = f"alex.martin@{DOMAIN}"
        continue
    base = f"{fold(n['first_name'])}.{fold(n['last_name'])}"
    local, k = base, 2
    while local in used:
        local, k = f"{base}{k}", k + 1
    used.add(local)
    domain = DOMAIN
    if n["email_case"] == "title":
        local = ".".join(part[:1].upper() + part[1:] for part in local.split("."))
    elif n["email_case"] == "domain":
        domain = "Lumen-Demo.example"
    emails[n["id"]] = f"{local}@{domain}"

# ---------------------------------------------------------------------------
# 5. Checks.
by_id = {n["id"]: n for n in people}
roots = [n for n in people if n["manager"] is None]
assert len(roots) == 1 and roots[0] is ceo
max_depth = 0
for n in people:
    seen, cur, depth = {n["id"]}, n, 0
    while cur["manager"] is not None:
        manager_id = cur["manager"]["id"]
        assert manager_id in by_id, n["id"]
        cur = by_id[manager_id]
        assert cur["id"] not in seen, f"cycle through {n['id']}"
        seen.add(cur["id"])
        depth += 1
    max_depth = max(max_depth, depth)
for n in people:
    if n["status"] in ("inactive", "onboarding"):
        assert not n["children"], n["id"]
    if n["status"] == "inactive":
        assert n["end_date"] is not None and n["hire_date"] < n["end_date"] < TODAY, n["id"]
    else:
        assert n["end_date"] is None
    if n["status"] == "onboarding":
        assert n["hire_date"] > TODAY
    else:
        assert FOUNDED <= n["hire_date"] <= TODAY, n["id"]
lowered = [e.lower() for e in emails.values() if e is not None]
assert len(set(emails[n["id"]] for n in people if emails[n["id"]])) == len(lowered)   # no exact duplicate
duplicates = sorted({e for e in lowered if lowered.count(e) > 1})
assert duplicates == [f"alex.martin@{DOMAIN}"], duplicates
assert all(e.isascii() for e in lowered)
assert sum(1 for e in lowered if e.split("@")[0][-1].isdigit()) == 2     # thomas.muller2, zoe.girard2

# ---------------------------------------------------------------------------
# 6. Output.
employees = []
for n in people:
    office = n["office"]
    employees.append({
        "id": n["id"],
        "first_name": n["first_name"],
        "last_name": n["last_name"],
        "preferred_name": n["preferred_name"],
        "email": emails[n["id"]],
        "status": n["status"],
        "position": n["position"],
        "department": n["department"],
        "team": n["team"],
        "office": office,
        "manager_id": n["manager"]["id"] if n["manager"] is not None else None,
        "hire_date": n["hire_date"].isoformat(),
        "end_date": n["end_date"].isoformat() if n["end_date"] else None,
        "fields": {
            "skip_sync": n["skip_sync"],
            "cost_center": n["cost_center"],
            "employment_type": n["employment_type"],
            "country": COUNTRY[office],
            "location": {"city": office, "country": COUNTRY[office]},
        },
    })

document = {
    "format": "headcount-employees",
    "version": 1,
    "company": "Lumen & Co. (demo)",
    "employees": employees,
}
data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
if len(sys.argv) > 1:
    with open(sys.argv[1], "wb") as out:
        out.write(data)
else:
    sys.stdout.buffer.write(data)


def count(key):
    values = [key(e) for e in employees]
    return {v: values.count(v) for v in dict.fromkeys(values)}


summary = {
    "employees": len(employees),
    "offices": count(lambda e: e["office"]),
    "statuses": count(lambda e: e["status"]),
    "employment_types": count(lambda e: e["fields"]["employment_type"]),
    "without_email": sum(1 for e in employees if e["email"] is None),
    "skip_sync": sum(1 for e in employees if e["fields"]["skip_sync"]),
    "preferred_name": sum(1 for e in employees if e["preferred_name"]),
    "max_depth": max_depth,
}
print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
