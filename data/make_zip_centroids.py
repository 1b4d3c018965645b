#!/usr/bin/env python3
"""Writes data/zip_centroids.tsv from a US Census ZCTA gazetteer file.

Run once (docs/data.md "data/zip_centroids.tsv" says where the input came from):

  git -C /work/.mirror/arpruss+sundials-etc/repo show HEAD:Gaz_zcta_national.txt \
    | python3 data/make_zip_centroids.py > data/zip_centroids.tsv

Input: the Census Bureau's tab-separated ZCTA gazetteer (any year). Columns are
found by their header names (GEOID, INTPTLAT, INTPTLONG), never by position:
copies differ in column order and some drop columns. Output: a header line
"zcta<TAB>lat<TAB>lon", then one line per ZCTA in code order, the internal
point rounded to 4 decimals (about 10 m). Exits non-zero, naming the line, on
a code that is not 5 digits, a repeated code or a point out of range.
"""
import sys

DECIMALS = 4
MAX_LAT = 90.0
MAX_LON = 180.0
ZIP_DIGITS = 5


def main():
    lines = sys.stdin.read().splitlines()
    header = [name.strip() for name in lines[0].split("\t")]
    try:
        code_at, lat_at, lon_at = (header.index(n) for n in ("GEOID", "INTPTLAT", "INTPTLONG"))
    except ValueError:
        sys.exit("header lacks GEOID, INTPTLAT or INTPTLONG: %r" % header)
    points = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        code, lat, lon = fields[code_at], float(fields[lat_at]), float(fields[lon_at])
        if len(code) != ZIP_DIGITS or not code.isdigit():
            sys.exit("line %d: code %r is not 5 digits" % (number, code))
        if code in points:
            sys.exit("line %d: code %s repeated" % (number, code))
        if abs(lat) > MAX_LAT or abs(lon) > MAX_LON:
            sys.exit("line %d: point %s,%s out of range" % (number, lat, lon))
        points[code] = (lat, lon)
    out = sys.stdout
    out.write("zcta\tlat\tlon\n")
    for code in sorted(points):
        lat, lon = points[code]
        out.write("%s\t%.*f\t%.*f\n" % (code, DECIMALS, lat, DECIMALS, lon))


if __name__ == "__main__":
    main()
