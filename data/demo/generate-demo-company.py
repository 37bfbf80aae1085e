#!/usr/bin/env python3
# generate-demo-company.py — writes the bundled sample company of the demo connector.
#
# Regenerate with:  python3 data/demo/generate-demo-company.py data/demo/demo-company.json
# The output is deterministic (a fixed seed, no clock): running it twice gives the same bytes.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import random
import sys
import unicodedata

rng = random.Random(20261122)
DOMAIN = "lumen-demo.example"

NAMES = {
    "Paris": (["Zoé", "Loïc", "Hélène", "Françoise", "Bénédicte", "Théo", "Léa", "Noémie", "Amélie",
               "Jérôme", "Céline", "François", "Inès", "Gaëlle", "Maëlys", "Raphaël", "Clément",
               "Élodie", "Anaïs", "Stéphane", "Mathis", "Camille", "Julien", "Sophie", "Yasmine"],
              ["Lefèvre", "Dubois", "Moreau", "Girard", "Lefèbvre", "Bénard", "Rousseau", "Fontaine",
               "Chevalier", "Garnier", "Faure", "Mercier", "Benali", "Nguyen", "Lemaître", "Brûlé",
               "Perrin", "Masson", "Gauthier", "Barbier"]),
    "Lyon": (["Aurélien", "Chloé", "Maxime", "Océane", "Grégoire", "Léonie", "Sébastien", "Mélanie",
              "Hugo", "Laëtitia", "Adèle", "Rémi", "Capucine", "Benoît", "Zoë"],
             ["Roux", "Fournier", "Bonnet", "Lambert", "Dupré", "Besançon", "Vidal", "Arnaud",
              "Aubert", "Lacroix", "Boyer", "Guérin"]),
    "London": (["Oliver", "Amelia", "Harry", "Isla", "Søren", "Åse", "Priya", "Kwame", "Siobhán",
                "Niamh", "George", "Freya", "Tomás", "Aoife", "Rahul", "Charlotte"],
               ["Smith", "Ørsted", "Patel", "O'Brien", "Okafor", "Taylor", "Hughes", "Ní Bhriain",
                "Clarke", "Walsh", "Hussain", "Evans", "Johansen", "Byrne"]),
    "Berlin": (["Jürgen", "Jörg", "Lena", "Matthäus", "Björn", "Käthe", "Sören", "Anja", "Ümit",
                "Friederike", "Lukas", "Mia", "Tobias", "Ida", "Magnus"],
               ["Müller", "Schröder", "Weiß", "Köhler", "Schäfer", "Großmann", "Krüger", "Bäcker",
                "Yılmaz", "Lindqvist", "Hoffmann", "Nielsen", "Øvergaard"]),
}
OFFICE_SHARE = [("Paris", 0.40), ("Lyon", 0.20), ("London", 0.22), ("Berlin", 0.18)]
COUNTRY = {"Paris": "FR", "Lyon": "FR", "London": "GB", "Berlin": "DE"}

DEPARTMENTS = {
    "Engineering": (["Platform", "Mobile", "Data", "Security"], "Engineer", "CC-200"),
    "Product": (["Discovery", "Design"], "Product Manager", "CC-210"),
    "Sales": (["Enterprise", "Mid-Market", "Sales Development"], "Account Executive", "CC-300"),
    "Marketing": (["Brand", "Growth"], "Marketing Specialist", "CC-310"),
    "Customer Success": (["Onboarding", "Support"], "Customer Success Manager", "CC-320"),
    "Finance": (["Accounting", "FP&A"], "Financial Analyst", "CC-400"),
    "People": (["Talent", "HR Operations"], "People Partner", "CC-410"),
    "Operations": (["Facilities", "Logistics"], "Operations Associate", "CC-420"),
}
HEADCOUNT = {"Engineering": 92, "Product": 22, "Sales": 52, "Marketing": 24,
             "Customer Success": 38, "Finance": 20, "People": 16, "Operations": 28}
HEAD_TITLE = {"Engineering": "Chief Technology Officer", "Product": "Chief Product Officer",
              "Sales": "Chief Revenue Officer", "Marketing": "Chief Marketing Officer",
              "Customer Success": "VP Customer Success", "Finance": "Chief Financial Officer",
              "People": "Chief People Officer", "Operations": "Chief Operating Officer"}


def fold(text):
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    text = text.replace("ı", "i").replace("œ", "oe")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.lower() if c.isalnum() or c in "-.")


def pick_office():
    r = rng.random()
    acc = 0.0
    for office, share in OFFICE_SHARE:
        acc += share
        if r < acc:
            return office
    return OFFICE_SHARE[-1][0]


employees = []
used_emails = set()


def new_employee(office, department, team, position, manager_id, first=None, last=None):
    first_names, last_names = NAMES[office]
    first = first or rng.choice(first_names)
    last = last or rng.choice(last_names)
    base = f"{fold(first)}.{fold(last)}"
    email = f"{base}@{DOMAIN}"
    n = 2
    while email.lower() in used_emails:
        email = f"{base}{n}@{DOMAIN}"
        n += 1
    used_emails.add(email.lower())
    year = rng.randint(2014, 2025)
    employee = {
        "id": f"E{len(employees) + 1:04d}",
        "first_name": first,
        "last_name": last,
        "preferred_name": None,
        "email": email,
        "status": "active",
        "position": position,
        "department": department,
        "team": team,
        "office": office,
        "manager_id": manager_id,
        "hire_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "end_date": None,
        "fields": {
            "skip_sync": False,
            "cost_center": DEPARTMENTS[department][2] if department in DEPARTMENTS else "CC-100",
            "employment_type": "full_time",
            "country": COUNTRY[office],
            "location": {"city": office, "country": COUNTRY[office]},
        },
    }
    employees.append(employee)
    return employee


ceo = new_employee("Paris", "Executive", "Leadership", "Chief Executive Officer", None,
                   first="Zoé", last="Lefèvre")
ceo["hire_date"] = "2014-03-03"
ceo["fields"]["cost_center"] = "CC-100"
assistant = new_employee("Paris", "Executive", "Leadership", "Executive Assistant", ceo["id"],
                         first="Marie-Hélène", last="de La Tour-d'Auvergne")
assistant["fields"]["cost_center"] = "CC-100"

managers = []   # (employee, department, team)
for department, (teams, role, _) in DEPARTMENTS.items():
    head = new_employee(pick_office(), department, teams[0], HEAD_TITLE[department], ceo["id"])
    remaining = HEADCOUNT[department] - 1
    team_size = remaining // len(teams)
    for t, team in enumerate(teams):
        size = team_size if t < len(teams) - 1 else remaining - team_size * (len(teams) - 1)
        lead = new_employee(pick_office(), department, team, f"{team} Lead", head["id"])
        size -= 1
        # bigger teams get managers under the lead: depth CEO → head → lead → manager → IC
        sub_managers = []
        if size > 14:
            for _ in range(size // 10):
                sub_managers.append(new_employee(lead["office"], department, team,
                                                 f"{role} Manager", lead["id"]))
                size -= 1
        bosses = sub_managers or [lead]
        for i in range(size):
            boss = bosses[i % len(bosses)]
            office = boss["office"] if rng.random() < 0.7 else pick_office()
            seniority = rng.choice(["", "", "Senior ", "Junior ", "Staff "] if department == "Engineering"
                                   else ["", "", "Senior ", "Junior "])
            new_employee(office, department, team, f"{seniority}{role}", boss["id"])

# Statuses, contractors, missing e-mails — on individual contributors only, so no
# active person reports to an inactive manager.
is_manager = {e["manager_id"] for e in employees if e["manager_id"]}
ics = [e for e in employees if e["id"] not in is_manager and e["department"] != "Executive"]
rng.shuffle(ics)
cursor = 0


def take(n):
    global cursor
    chosen = ics[cursor:cursor + n]
    cursor += n
    return chosen


for e in take(12):
    e["status"] = "onboarding"
    e["hire_date"] = rng.choice(["2026-12-01", "2026-12-07", "2027-01-04", "2027-01-18", "2027-02-01"])
for e in take(10):
    e["status"] = "leave"
for e in take(15):
    e["status"] = "inactive"
    e["end_date"] = f"{rng.randint(2023, 2026)}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    if e["end_date"] < e["hire_date"]:
        e["end_date"] = "2026-10-30"
ops = [e for e in ics[cursor:] if e["department"] == "Operations"]
for e in ops[:8]:
    used_emails.discard(e["email"].lower())
    e["email"] = None
    e["position"] = rng.choice(["Warehouse Associate", "Field Technician", "Driver"])
    e["fields"]["employment_type"] = "part_time"
taken = {e["id"] for e in ops[:8]}
rest = [e for e in ics[cursor:] if e["id"] not in taken]
for e in rest[:5]:
    e["fields"]["skip_sync"] = True
    e["fields"]["employment_type"] = "contractor"
for e in rest[5:9]:
    e["fields"]["employment_type"] = "intern"
for e in rest[9:16]:
    e["fields"]["employment_type"] = "part_time"
nicknames = {"Johanna": "Jo", "Alexander": "Alex", "Friederike": "Rike", "Matthäus": "Matti",
             "Charlotte": "Charlie", "Raphaël": "Raph", "Maximilian": "Max", "Stéphane": "Steph",
             "Benoît": "Ben", "Siobhán": "Shiv", "Sébastien": "Seb", "Amelia": "Millie"}
preferred = 0
for e in employees:
    if e["first_name"] in nicknames and preferred < 10:
        e["preferred_name"] = nicknames[e["first_name"]]
        preferred += 1
for e in rest[16:22]:
    e["email"] = e["email"][0].upper() + e["email"][1:]   # mixed case
# One deliberate duplicate: two people whose e-mails differ only in case.
dup_a, dup_b = rest[22], rest[23]
for e, email in ((dup_a, f"Alex.Martin@{DOMAIN}"), (dup_b, f"alex.martin@{DOMAIN}")):
    e["first_name"], e["last_name"], e["email"] = "Alex", "Martin", email

# Sanity: every manager exists, no cycle, one root.
ids = {e["id"]: e for e in employees}
roots = [e for e in employees if e["manager_id"] is None]
assert len(roots) == 1
max_depth = 0
for e in employees:
    seen, cur, depth = set(), e, 0
    while cur["manager_id"] is not None:
        assert cur["manager_id"] in ids, cur
        assert cur["id"] not in seen, "cycle"
        seen.add(cur["id"])
        cur = ids[cur["manager_id"]]
        depth += 1
    max_depth = max(max_depth, depth)
for e in employees:
    if e["status"] == "inactive":
        assert e["id"] not in is_manager

document = {
    "format": "headcount-employees",
    "version": 1,
    "company": "Lumen & Co. (demo)",
    "employees": employees,
}
text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
if len(sys.argv) > 1:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(text)
else:
    sys.stdout.write(text)

stats = {
    "employees": len(employees),
    "offices": {o: sum(1 for e in employees if e["office"] == o) for o, _ in OFFICE_SHARE},
    "statuses": {s: sum(1 for e in employees if e["status"] == s)
                 for s in ("active", "onboarding", "leave", "inactive")},
    "without_email": sum(1 for e in employees if e["email"] is None),
    "skip_sync": sum(1 for e in employees if e["fields"]["skip_sync"]),
    "max_depth": max_depth,
}
print(json.dumps(stats, ensure_ascii=False), file=sys.stderr)
