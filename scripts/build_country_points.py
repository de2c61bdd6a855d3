#!/usr/bin/env python3
"""Build truce/resources/gazetteer/country_points.tsv: the GeoNames point of each country.

Geoparsing benchmarks score a country mention against GeoNames' own point for the country (the
United States at 39.76,-98.5), which no registry package ships; countryinfo's points differ by up
to a few hundred kilometres. Source: countries.csv of the public data set
"countries-cities-currencies" by Gerald Venzl (github gvenzl/sample-data, commit ff00f9e, CC BY 4.0;
its points come from GeoNames, CC BY 4.0). Only three columns are kept: ISO code, latitude, longitude.

    python scripts/build_country_points.py PATH/TO/countries.csv
"""
import csv
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parents[1] / "truce/resources/gazetteer/country_points.tsv"


def main() -> None:
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append((row["COUNTRY_CODE"], float(row["LATITUDE"]), float(row["LONGITUDE"])))
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# iso2\tlat\tlon  GeoNames country points, via gvenzl/sample-data (CC BY 4.0); "
                "scripts/build_country_points.py\n")
        for code, lat, lon in sorted(rows):
            f.write(f"{code}\t{lat}\t{lon}\n")
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
