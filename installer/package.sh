#!/usr/bin/env bash
# Builds a native package of HealthWallet with jpackage from the app module's build output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app_target="$root/app/target"
jar="$(ls "$app_target"/app-*.jar 2>/dev/null | grep -v -- '-tests' | head -n 1 || true)"
if [ -z "$jar" ] || [ ! -d "$app_target/lib" ]; then
  echo "No app build found; run: mvn -B -q -DskipTests install" >&2
  exit 1
fi
command -v jpackage >/dev/null || { echo "jpackage is missing: it ships with a full JDK 17+" >&2; exit 1; }
version="$(basename "$jar" .jar | sed 's/^app-//; s/-SNAPSHOT//')"
input="$(mktemp -d)"
trap 'rm -rf "$input"' EXIT
cp "$jar" "$app_target"/lib/*.jar "$input"/
type="app-image"
if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then type="deb"; fi
icon_args=()
[ -f "$root/assets/icon.png" ] && icon_args=(--icon "$root/assets/icon.png")
mkdir -p "$root/installer/target"
jpackage --type "$type" --name HealthWallet --app-version "$version" \
  --input "$input" --main-jar "$(basename "$jar")" --main-class org.healthwallet.app.Main \
  --dest "$root/installer/target" --vendor "HealthWallet" \
  --description "Your health records, in your hands" "${icon_args[@]}"
echo "Wrote $(ls "$root/installer/target")"
