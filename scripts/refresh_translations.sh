#!/bin/sh
# Re-extract the msgids and merge them into the catalogues; then translate what is new in
# tracker/translations/sv/LC_MESSAGES/messages.po (empty or "#, fuzzy" entries) and run `make translations`.
set -eu
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
"$PYBABEL" extract -F babel.cfg -k N_ -k _l --sort-by-file \
    --project=biogas-tracker \
    -o tracker/translations/messages.pot .
"$PYBABEL" update -i tracker/translations/messages.pot -d tracker/translations --ignore-obsolete
