#!/usr/bin/env bash
# Re-vendors the NL Design System CSS into src/meldpunt/static/vendor/ (run as `make vendor-css`).
# Needs Node.js and the npm registry; the project itself never needs Node.js: the built CSS is committed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/meldpunt/static/vendor"
COMPONENTS="@utrecht/component-library-css"
THEME="@nl-design-system-unstable/voorbeeld-design-tokens"

command -v npm >/dev/null || { echo "vendor-css: npm is needed (apt-get install npm)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$COMPONENTS" "$THEME"

version() { node -p "require('./node_modules/$1/package.json').version"; }
licence() { node -p "require('./node_modules/$1/package.json').license"; }
COMPONENTS_VERSION="$(version "$COMPONENTS")"
THEME_VERSION="$(version "$THEME")"
for package in "$COMPONENTS" "$THEME"; do
  [ "$(licence "$package")" = "EUPL-1.2" ] || { echo "vendor-css: $package is no longer EUPL-1.2" >&2; exit 1; }
done

mkdir -p "$DEST"
# Only the built CSS: the component classes (utrecht-*) and the neutral theme's design tokens.
cp "node_modules/$COMPONENTS/dist/index.css" "$DEST/utrecht-components.css"
cp "node_modules/$THEME/dist/theme.css" "$DEST/voorbeeld-theme.css"
cp "node_modules/$THEME/LICENSE.md" "$DEST/LICENSE.md"

cat > "$DEST/README.md" <<README
# Vendored NL Design System CSS

Copied by \`scripts/vendor-css.sh\` from the npm registry; do not edit these files by hand.
The site loads them from its own static files: no CDN, no request to anyone else at run time.

| File | Package | Version | Licence |
| --- | --- | --- | --- |
| \`utrecht-components.css\` | \`$COMPONENTS\` (\`dist/index.css\`) | $COMPONENTS_VERSION | EUPL-1.2 |
| \`voorbeeld-theme.css\` | \`$THEME\` (\`dist/theme.css\`, class \`voorbeeld-theme\`) | $THEME_VERSION | EUPL-1.2 |

\`LICENSE.md\` is the EUPL-1.2 text shipped with the packages.

The theme is the neutral NL Design System "voorbeeld" (example) theme, not a municipality's
branding. Our own few tokens and overrides live in \`../meldpunt/meldpunt.css\`.

## Refresh

    make vendor-css

needs Node.js and npm; it installs the newest versions into a temporary folder, copies the
files above and rewrites this README. Check the pages (\`.venv/bin/pytest tests/e2e\`) and the
screenshots before committing the result.
README

echo "vendor-css: $COMPONENTS $COMPONENTS_VERSION, $THEME $THEME_VERSION -> $DEST"
