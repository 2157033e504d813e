#!/usr/bin/env python3
"""Generates the demo CRM exports crm-salesforce/contacts.csv and crm-hubspot/contacts.csv.

Deterministic (fixed seed, standard library only): running it again writes the same bytes. The output is committed
next to this script; regenerate it with `python3 generate.py` from this folder.

What is in the files (printed at the end, too):
- 220 Salesforce rows and 180 HubSpot rows, about 40% of the people in NL, the rest in BE, DE, GB, ZA, FR and US.
- 90 people in both files: matched by the same e-mail written differently (case, surrounding spaces), or only by
  the same phone number written differently (national 06... against international +31 6...), or by both; and 5
  chains: Salesforce record A shares its e-mail with HubSpot record B, B shares its phone with Salesforce record C,
  so A, B and C are one person (the hub keeps A and C apart: one crmId per CRM in a profile).
- Ann de Vries in both files with different traits: `cdp:profile email:ann.devries@example.com`.
- 3 bad HubSpot rows (an invalid e-mail, a wrong column count, an invalid phone) for the dead-letter queue.
All e-mail domains are example.com/.org/.net; phone numbers are fictional but valid for libphonenumber.
"""
import os
import random
from datetime import datetime, timedelta, timezone

SEED = 20241129
SF_ROWS = 220
HS_ROWS = 180
BOTH = 90          # people in both files, chains included
CHAINS = 5         # of those, people with two Salesforce records linked through one HubSpot record
BAD_ROWS = 3

HERE = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(SEED)

FIRST = {
    "NL": ["Daan", "Sem", "Lucas", "Levi", "Finn", "Jesse", "Bram", "Lars", "Thijs", "Ruben", "Sanne", "Emma",
           "Julia", "Lotte", "Fleur", "Sophie", "Anouk", "Iris", "Noor", "Eva", "Joost", "Maaike", "Pieter", "Femke"],
    "BE": ["Arthur", "Louis", "Jules", "Victor", "Wout", "Elise", "Marie", "Lore", "Chloé", "Manon", "Hanne", "Lien"],
    "DE": ["Jürgen", "Lukas", "Felix", "Jonas", "Paul", "Leonie", "Hannah", "Lea", "Katrin", "Sabine", "Jörg", "Anja"],
    "GB": ["Oliver", "Harry", "George", "Jack", "Amelia", "Olivia", "Isla", "Siobhan", "Poppy", "Alfie", "Freya"],
    "ZA": ["Thandi", "Sipho", "Lerato", "Bongani", "Naledi", "Pieter", "Annelie", "Themba", "Zanele", "Johan"],
    "FR": ["Camille", "Léa", "Hugo", "Louis", "Chloé", "Gabriel", "Inès", "Mathis", "Élodie"],
    "US": ["James", "Mary", "Michael", "Linda", "David", "Emily", "Chris", "Ashley", "Brandon"],
}
LAST = {
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
           "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker"],
    "BE": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Dubois", "Lambert"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Koch"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "O'Brien", "Davies", "Evans", "Thomas"],
    "ZA": ["Nkosi", "Dlamini", "Botha", "van der Merwe", "Naidoo", "Mokoena", "Pretorius", "Khumalo"],
    "FR": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Lefèvre"],
    "US": ["Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson", "Clark"],
}
COUNTRIES = ["NL"] * 40 + ["BE"] * 15 + ["DE"] * 14 + ["GB"] * 12 + ["ZA"] * 9 + ["FR"] * 5 + ["US"] * 5
DOMAINS = ["example.com", "example.org", "example.net"]

used_emails = set()
used_phones = set()


def ascii_local(name):
    table = str.maketrans("äöüéèëïçàÉ", "aoueeeicaE")
    return "".join(c for c in name.translate(table).replace("ß", "ss").lower() if c.isalnum())


def new_email(first, last):
    base = ascii_local(first) + "." + ascii_local(last)
    email = base + "@" + rnd.choice(DOMAINS)
    n = 2
    while email in used_emails:
        email = base + str(n) + "@" + rnd.choice(DOMAINS)
        n += 1
    used_emails.add(email)
    return email


def new_phone(country):
    """A fresh number as (E.164 digits after '+', national writing or None, international writing)."""
    while True:
        if country == "NL":
            sub = "6" + str(rnd.randint(1, 5)) + "".join(str(rnd.randint(0, 9)) for _ in range(7))
            e164 = "31" + sub
            national = rnd.choice(["0{} {}".format(sub[0], sub[1:]), "0{}-{}".format(sub[0], sub[1:]),
                                   "0{}".format(sub)])
            international = rnd.choice(["+31 {} {}".format(sub[0], sub[1:]), "+31{}".format(sub),
                                        "0031 {} {}".format(sub[0], sub[1:])])
        elif country == "BE":
            sub = "4" + str(rnd.randint(7, 9)) + "".join(str(rnd.randint(0, 9)) for _ in range(7))
            e164 = "32" + sub
            national, international = None, "+32 {} {} {} {}".format(sub[:3], sub[3:5], sub[5:7], sub[7:])
        elif country == "DE":
            sub = rnd.choice(["151", "152", "157", "176"]) + "".join(str(rnd.randint(0, 9)) for _ in range(8))
            e164 = "49" + sub
            national, international = None, "+49 {} {}".format(sub[:3], sub[3:])
        elif country == "GB":
            sub = "7" + rnd.choice(["4", "5", "8", "9"]) + "".join(str(rnd.randint(0, 9)) for _ in range(8))
            e164 = "44" + sub
            national, international = None, "+44 {} {}".format(sub[:4], sub[4:])
        elif country == "ZA":
            sub = rnd.choice(["72", "76", "82", "83"]) + "".join(str(rnd.randint(0, 9)) for _ in range(7))
            e164 = "27" + sub
            national, international = None, "+27 {} {} {}".format(sub[:2], sub[2:5], sub[5:])
        elif country == "FR":
            sub = "6" + "".join(str(rnd.randint(0, 9)) for _ in range(8))
            e164 = "33" + sub
            national, international = None, "+33 {} {} {} {} {}".format(sub[0], sub[1:3], sub[3:5], sub[5:7], sub[7:])
        else:  # US: 555-01xx numbers are reserved for fiction
            area = rnd.choice(["202", "212", "312", "415", "617"])
            sub = area + "55501" + "".join(str(rnd.randint(0, 9)) for _ in range(2))
            e164 = "1" + sub
            national, international = None, "+1 {} 555-{}".format(area, sub[6:])
        if e164 not in used_phones:
            used_phones.add(e164)
            return e164, national, international


def other_writing(phone):
    """The same number written so that it only matches after normalisation."""
    e164, national, international = phone
    if national:
        return international
    digits = international.replace(" ", "").replace("-", "")
    return rnd.choice([digits, "00" + digits[1:]])


def usual_writing(phone):
    e164, national, international = phone
    return national if national else international


def vary_email(email):
    """The same e-mail as another system might have it: other case, stray spaces."""
    local, domain = email.split("@")
    variant = rnd.choice([
        lambda: email.upper(),
        lambda: ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize(),
        lambda: " " + email + " ",
        lambda: local.capitalize() + "@" + domain.upper() + " ",
    ])
    return variant()


def person(country=None):
    country = country or rnd.choice(COUNTRIES)
    first, last = rnd.choice(FIRST[country]), rnd.choice(LAST[country])
    return {"first": first, "last": last, "country": country}


START = datetime(2023, 1, 1, tzinfo=timezone.utc)


def when():
    return START + timedelta(seconds=rnd.randint(0, 500 * 24 * 3600))


sf_ids = set()


def sf_id():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    while True:
        rid = "0035g00000" + "".join(rnd.choice(alphabet) for _ in range(5)) + "AA" + rnd.choice("ABCDEFGHIJ")
        if rid not in sf_ids:
            sf_ids.add(rid)
            return rid


hs_next = [51200000000]


def hs_id():
    hs_next[0] += rnd.randint(3, 4000)
    return str(hs_next[0])


def sf_row(p, email, phone):
    return [sf_id(), p["first"], p["last"], email or "", phone or "", p["country"],
            "true" if rnd.random() < 0.15 else "false", when().strftime("%Y-%m-%dT%H:%M:%S.000Z")]


def hs_row(p, email, phone):
    return [hs_id(), p["first"], p["last"], email or "", phone or "", p["country"],
            "Marketing contact" if rnd.random() < 0.7 else "Non-marketing contact", when().strftime("%Y-%m-%d %H:%M")]


def maybe(value, chance):
    return value if rnd.random() < chance else None


sf, hs = [], []
stats = {"email": 0, "phone only": 0, "email and phone": 0, "chains": 0}

# Ann de Vries, the person the README looks up: same e-mail written differently, other traits in each file.
ann_phone = ("31612345678", "06 12345678", "+31 6 12345678")
used_emails.add("ann.devries@example.com")
sf_ids.add("0035g00000Xk1AAAAZ")
used_phones.add(ann_phone[0])
ann_sf = ["0035g00000Xk1AAAAZ", "Ann", "de Vries", "Ann.DeVries@Example.com ", "06 12345678", "NL", "false",
          "2024-03-14T09:21:07.000Z"]
ann_hs = ["51234567801", "Ann", "De Vries", "ann.devries@example.com", "+31 6 12345678", "NL", "Marketing contact",
          "2024-05-02 10:15"]
stats["email and phone"] += 1

for i in range(BOTH - 1 - CHAINS):
    p = person()
    email, phone = new_email(p["first"], p["last"]), new_phone(p["country"])
    kind = i % 10
    if kind < 5:      # same e-mail written differently; phones absent or unrelated
        sf.append(sf_row(p, email, maybe(usual_writing(phone), 0.5)))
        hs.append(hs_row(p, vary_email(email), None if rnd.random() < 0.5 else usual_writing(new_phone(p["country"]))))
        stats["email"] += 1
    elif kind < 8:    # only the phone, written differently; the e-mails differ or one is missing
        other = new_email(p["first"], p["last"] + "x") if rnd.random() < 0.7 else None
        sf.append(sf_row(p, email, usual_writing(phone)))
        hs.append(hs_row(p, other, other_writing(phone)))
        stats["phone only"] += 1
    else:             # both
        sf.append(sf_row(p, email, usual_writing(phone)))
        hs.append(hs_row(p, vary_email(email), other_writing(phone)))
        stats["email and phone"] += 1

for _ in range(CHAINS):  # A (Salesforce) -email- B (HubSpot) -phone- C (Salesforce)
    p = person("NL" if rnd.random() < 0.6 else None)
    email_a, phone_b = new_email(p["first"], p["last"]), new_phone(p["country"])
    email_c = new_email(p["first"][0], p["last"] + "work")
    sf.append(sf_row(p, email_a, None))
    hs.append(hs_row(p, vary_email(email_a), other_writing(phone_b)))
    sf.append(sf_row(p, email_c, usual_writing(phone_b)))
    stats["chains"] += 1

while len(sf) < SF_ROWS - 1:
    p = person()
    sf.append(sf_row(p, maybe(new_email(p["first"], p["last"]), 0.92), maybe(usual_writing(new_phone(p["country"])), 0.8)))
while len(hs) < HS_ROWS - 1 - BAD_ROWS:
    p = person()
    hs.append(hs_row(p, maybe(new_email(p["first"], p["last"]), 0.95), maybe(usual_writing(new_phone(p["country"])), 0.7)))

rnd.shuffle(sf)
rnd.shuffle(hs)
sf.insert(0, ann_sf)
hs.insert(0, ann_hs)

# The bad rows, at fixed places so the dead letters are easy to find: file line = index + 2.
jeroen = {"first": "Jeroen", "last": "Bakker", "country": "NL"}
wout = {"first": "Wout", "last": "Claes", "country": "BE"}
katrin = {"first": "Katrin", "last": "Weber", "country": "DE"}
bad_email = hs_row(jeroen, "jeroen.bakker@example", usual_writing(new_phone("NL")))      # no top-level domain
short_row = hs_row(wout, new_email("Wout", "Claes"), None)[:-1]                         # the date column is missing
bad_phone = hs_row(katrin, new_email("Katrin", "Weber"), "+49 151 123")                 # too short
for index, row in sorted([(40, bad_email), (95, short_row), (150, bad_phone)]):
    hs.insert(index, row)

assert len(sf) == SF_ROWS and len(hs) == HS_ROWS, (len(sf), len(hs))

SF_HEADER = ["Id", "FirstName", "LastName", "Email", "MobilePhone", "MailingCountry", "HasOptedOutOfEmail",
             "LastModifiedDate"]
HS_HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Country/Region",
             "Marketing contact status", "Last Modified Date"]


def write(path, header, rows, quote_all, newline):
    def cell(v):
        if quote_all or any(c in v for c in ',"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        return v
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in [header] + rows:
            f.write(",".join(cell(v) for v in row) + newline)


# Salesforce Data Loader quotes every field and ends lines with CRLF; HubSpot quotes only where needed.
write(os.path.join(HERE, "crm-salesforce", "contacts.csv"), SF_HEADER, sf, True, "\r\n")
write(os.path.join(HERE, "crm-hubspot", "contacts.csv"), HS_HEADER, hs, False, "\n")

nl = sum(1 for r in sf + hs if len(r) > 5 and r[5] == "NL")
print("crm-salesforce/contacts.csv: {} rows".format(len(sf)))
print("crm-hubspot/contacts.csv:    {} rows, {} of them bad (lines 42, 97, 152)".format(len(hs), BAD_ROWS))
print("people in both files: {} ({})".format(BOTH, ", ".join("{} {}".format(v, k) for k, v in stats.items())))
print("people in all: {}".format(SF_ROWS - CHAINS + HS_ROWS - BAD_ROWS - BOTH))
print("rows in NL: {:.0%}".format(nl / (len(sf) + len(hs))))
