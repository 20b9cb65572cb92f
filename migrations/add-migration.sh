#!/usr/bin/env bash
# Adds a migration with the same name to every provider's migrations project, so that
# neither provider lags the model (EF 10 refuses to migrate when one does).
# Usage: migrations/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: migrations/add-migration.sh <MigrationName>}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "migrations/Op25b.Migrations.$provider" \
    --startup-project "migrations/Op25b.Migrations.$provider" \
    --output-dir Migrations
done
