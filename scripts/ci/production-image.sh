#!/usr/bin/env bash
# The Dockerfile's runtime stage, reproduced without a Docker engine: a clean build, production
# dependencies only (npm ci --omit=dev), and exactly the paths the Dockerfile's last stage COPYs
# (read from the Dockerfile itself, so the two cannot drift) in a folder of their own. The app
# then starts from there with NODE_ENV=production on a fresh PostgreSQL database behind a trusted
# loopback proxy, and scripts/ci/production-image-check.ts walks it as a visitor. A runtime import
# of a devDependency, or a file the image lacks, fails here as it would in the image.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# The image has Node 24 and no `node` package; the dev install's pinned Node 24 stands in for it.
node24="$root/node_modules/.bin/node"
pg_url="${PRODUCTION_IMAGE_PG:-postgres://postgres@127.0.0.1:5432}"
work="$(mktemp -d /tmp/kopa-image.XXXXXX)"
database="kopa_image_$(basename "$work" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')"
server_pid=''

cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  psql -q "$pg_url/postgres" -c "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '[production-image %ss] %s\n' "$SECONDS" "$1"; }

# Stage "build": the compiler's output from a clean folder, so no stale file in dist/ hides a missing one.
mkdir -p "$work/build" "$work/deps" "$work/app"
if [ "${CI:-}" = true ] && [ -d dist ]; then
  # CI works in a fresh clone whose earlier steps built dist/ from these sources: nothing stale in it.
  say 'build: dist/ of this fresh clone'
  cp -a dist "$work/build/dist"
else
  say 'build (tsc into a clean folder)'
  "$node24" node_modules/typescript/bin/tsc -p tsconfig.build.json --outDir "$work/build/dist"
fi

# Stage "deps": production dependencies only, from the lock file.
say 'npm ci --omit=dev'
cp package.json package-lock.json "$work/deps/"
(cd "$work/deps" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)

# Final stage: every COPY after the last FROM, with its source read from the stage it names.
say 'copy what the Dockerfile copies'
stage_root() {
  case "$1" in
    '') echo "$root" ;;
    build) echo "$work/build" ;;
    deps) echo "$work/deps" ;;
    *) echo "production-image: unknown stage '$1' in the Dockerfile" >&2; exit 1 ;;
  esac
}
last_from="$(grep -n '^FROM ' Dockerfile | tail -1 | cut -d: -f1)"
copied=0
while read -r instruction rest; do
  [ "$instruction" = COPY ] || continue
  stage=''
  read -r -a words <<<"$rest"
  if [[ "${words[0]}" == --from=* ]]; then stage="${words[0]#--from=}"; words=("${words[@]:1}"); fi
  destination="${words[-1]}"
  from="$(stage_root "$stage")"
  for source in "${words[@]:0:${#words[@]}-1}"; do
    # A stage's WORKDIR is /app: /app/dist in the build stage is dist/ of its folder.
    source="${source#/app/}"
    target="$work/app/${destination#./}"
    if [[ "$destination" == */ ]]; then mkdir -p "$target"; cp -a "$from/$source" "$target"; else mkdir -p "$(dirname "$target")"; cp -a "$from/$source" "$target"; fi
    copied=$((copied + 1))
  done
done < <(tail -n +"$last_from" Dockerfile)
[ "$copied" -gt 0 ] || { echo 'production-image: no COPY found in the last stage of the Dockerfile' >&2; exit 1; }
# The image's node_modules must come from the production install, never the dev one.
[ ! -e "$work/app/node_modules/jest" ] || { echo 'production-image: jest in the runtime node_modules' >&2; exit 1; }

say "fresh database $database"
psql -q "$pg_url/postgres" -c "create database $database" >/dev/null
port="$("$node24" -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

# The Dockerfile's own CMD (exec form), with the pinned Node 24 in place of the image's `node`.
read -r -a command < <(sed -n 's/^CMD \[\(.*\)\]$/\1/p' Dockerfile | tr -d '",')
[ "${command[0]:-}" = node ] || { echo 'production-image: the Dockerfile has no CMD ["node", …]' >&2; exit 1; }
say "start ${command[*]} on port $port"
mkdir -p "$work/app/data/uploads"
(
  cd "$work/app"
  exec env -i PATH="$PATH" HOME="$work" NODE_ENV=production PORT="$port" \
    DATABASE_URL="$pg_url/$database" SESSION_SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" \
    TRUST_PROXY=loopback BASE_URL=https://kopa.example DATA_DIR="$work/app/data" UPLOAD_DIR="$work/app/data/uploads" \
    LOG_LEVEL=warn "$node24" "${command[@]:1}"
) >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 60); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo 'production-image: the server stopped during its start:' >&2; cat "$work/server.log" >&2; exit 1
  fi
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 1
done

# Production seeds no demo ideas: one idea, as the forms would have stored it, for the list and its page.
say 'add an idea'
psql -q -v ON_ERROR_STOP=1 "$pg_url/$database" >/dev/null <<'SQL'
with author as (
  insert into users (email, display_name, password_hash, preferred_locale, email_verified_at)
  values ('image-author@example.org', 'Image Author', 'not a usable hash', 'lv', now()) returning id
), consultation as (
  insert into consultations (slug, title, description, starts_on, ends_on, phase, moderation_mode)
  values ('image-check', '{"lv":"Parki","ru":"Парки","en":"Parks"}', '{"lv":"Apraksts","ru":"Описание","en":"Description"}',
          '2020-01-01', '2099-12-31', 'collecting', 'post') returning id
)
insert into ideas (consultation_id, author_id, title, description, original_locale, category_id, neb_values, latitude, longitude, status, visibility)
select consultation.id, author.id, 'Soliņi pie upes', 'Soliņi gar krastu.', 'lv', (select min(id) from categories), '{together}', 55.8747, 26.5362, 'new', 'published'
from author, consultation;
SQL

say 'walk the running server'
if ! "$node24" "$work/build/dist/scripts/ci/production-image-check.js" "http://127.0.0.1:$port"; then
  echo 'production-image: the server log:' >&2; cat "$work/server.log" >&2; exit 1
fi
say 'done'
