#!/usr/bin/env bash
# Refresh the English catalogs: each app keeps its own in <app>/locale; the frame (templates/, core/)
# uses src/meldpunt/locale. Dutch is the source language, so only English is translated.
set -euo pipefail
cd "$(dirname "$0")/../src/meldpunt"
py=../../.venv/bin/python
manage=../../manage.py
apps=()
for locale in */locale; do
  app=${locale%/locale}
  apps+=("$app")
  (cd "$app" && "../$py" "../$manage" makemessages -l en --no-location --no-obsolete)
done
ignores=()
for app in "${apps[@]}"; do ignores+=(--ignore "$app/*"); done
"$py" "$manage" makemessages -l en --no-location --no-obsolete "${ignores[@]}"
"$py" "$manage" compilemessages -l en
echo "Fill in every empty msgstr (grep -n 'msgstr \"\"' */locale/en/LC_MESSAGES/django.po), then run this again."
