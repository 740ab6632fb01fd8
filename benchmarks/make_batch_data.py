"""Write a CSV of realistic, distinct billing records for the batch benchmarks.

Every card number is unique (brand prefixes from the schemes' published
ranges, random bodies, a Luhn check digit); names, streets, cities, postal
codes and countries vary; about 6% of the rows carry a typical mistake (a
mistyped digit, an expired date, a postal code in another country's form, a
missing name), as stored records do.

    python benchmarks/make_batch_data.py 1000000 /tmp/cards-1m.csv
"""

from __future__ import annotations

import argparse
import csv
import random

from cardvalid.luhn import append_check_digit

# (prefix, length): Visa 4; Mastercard 51-55 and 2221-2720; Amex 34/37;
# Discover 6011/65; JCB 3528-3589 (the ranges the brand table cites).
PREFIXES = (("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("2720", 16),
            ("34", 15), ("37", 15), ("6011", 16), ("65", 16), ("3530", 16))
GIVEN = ("Anna", "Bo", "Cecilia", "David", "Emma", "Farid", "Greta", "Hiro", "Ines", "Jonas",
         "Karin", "Liam", "Maja", "Noah", "Olivia", "Per", "Rosa", "Sven", "Tuula", "Yusuf")
FAMILY = ("Svensson", "Ek", "Lund", "Smith", "Garcia", "Müller", "de Vries", "Dubois",
          "Tanaka", "Nilsson", "O'Brien", "Kowalski", "Rossi", "Jensen", "Andersson")
STREETS = ("Main St", "Drottninggatan", "High Street", "Hauptstraße", "Kerkstraat",
           "Rue de la Paix", "Storgatan", "Elm Avenue", "Baker Street", "Via Roma")
# (country, city, state, postal code pattern: # a random digit, @ a random letter)
PLACES = (("US", "Las Vegas", "NV", "891##"), ("US", "New York", "NY", "100##"),
          ("US", "Austin", "TX", "787##"), ("SE", "Stockholm", "", "111 ##"),
          ("SE", "Göteborg", "", "411 ##"), ("GB", "London", "", "SW1A #@@"),
          ("DE", "Berlin", "", "10###"), ("NL", "Amsterdam", "", "10## @@"),
          ("FR", "Paris", "", "750##"), ("CA", "Toronto", "ON", "M5V #@#"))
LETTERS = "ABEGHJLNPRTUWXYZ"


def _postal(pattern: str, rng: random.Random) -> str:
    return "".join(str(rng.randrange(10)) if ch == "#" else rng.choice(LETTERS) if ch == "@"
                   else ch for ch in pattern)


def write(count: int, path: str, seed: int = 11) -> None:
    """Write `count` records (and a header line) to `path`."""
    rng = random.Random(seed)
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["record_id", "card_number", "exp", "cardholder", "address", "city",
                      "state", "zip", "country"])
        for i in range(count):
            prefix, length = rng.choice(PREFIXES)
            while True:
                body = prefix + "".join(str(rng.randrange(10))
                                        for _ in range(length - len(prefix) - 1))
                number = append_check_digit(body)
                if number not in seen:
                    seen.add(number)
                    break
            country, city, state, pattern = rng.choice(PLACES)
            postal = _postal(pattern, rng)
            expiry = f"{rng.randint(1, 12):02d}/{rng.randint(27, 33)}"
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            mistake = rng.random()
            if mistake < 0.02:
                number = number[:-1] + str((int(number[-1]) + 1) % 10)
            elif mistake < 0.03:
                expiry = "03/24"
            elif mistake < 0.05:
                postal = "ABC"
            elif mistake < 0.06:
                name = ""
            street = f"{rng.randint(1, 250)} {rng.choice(STREETS)}"
            out.writerow([f"R{i:08d}", number, expiry, name, street, city, state, postal,
                          country])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path")
    args = parser.parse_args()
    write(args.count, args.path)


if __name__ == "__main__":
    main()
