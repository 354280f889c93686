#!/usr/bin/env bash
# Smoke test of a Comic Shelf gateway: the authorizer refuses what it must, a comic can be added, and a
# favorite can be put, listed and removed. Fails (exit 1) on the first unexpected HTTP status.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage:
  deploy/smoke-test.sh [--stack-name NAME] [--region REGION] [--user-id N]
  deploy/smoke-test.sh --api-url URL --secret SECRET [--origin ORIGIN] [--user-id N]

Against a deployed stack (first form), reads the stack's outputs (ApiUrl, AppSecretArn) and its
WidgetOrigin parameter with the AWS CLI, and fetches the app secret's value from Secrets Manager.
NAME defaults to the stack_name in samconfig.toml (written by `sam deploy --guided`).

Against any gateway (second form), e.g. the local one:
  deploy/smoke-test.sh --api-url http://localhost:3000 --secret comic-shelf-local-dev-secret
--origin ORIGIN also checks API Gateway's CORS preflight for ORIGIN (the local gateway has none).

Then, as user N (default: a new id each run), with a signed request minted by
`java -jar local/target/comic-shelf-local.jar token N --secret SECRET`:
  GET    /comics                 without Authorization        -> 401
  GET    /comics                 signed with another secret   -> 403
  OPTIONS /me/favorites/{id}     CORS preflight from ORIGIN   -> 204, allows ORIGIN (when ORIGIN is known)
  POST   /comics                 the smoke-test comic         -> 201 (409 + existingId on later runs)
  PUT    /me/favorites/{id}                                   -> 201, and 200 when repeated
  GET    /me/favorites           lists the comic              -> 200
  DELETE /me/favorites/{id}                                   -> 204
  GET    /me/favorites           no longer lists it           -> 200
A 503 (database resuming from auto-pause) is retried after its Retry-After, up to 6 times.
The smoke-test comic ("Comic Shelf smoke test", 2024) stays in the catalog; it is created once.

Needs: curl, java 17+, the local module's jar (mvn -q package -DskipTests), and for the first form
the AWS CLI with credentials for the stack's account.
EOF
}

stack_name="" region="" api_url="" secret="" origin="" user_id=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --stack-name) stack_name="${2:?--stack-name needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --api-url) api_url="${2:?--api-url needs a value}"; shift 2 ;;
    --secret) secret="${2:?--secret needs a value}"; shift 2 ;;
    --origin) origin="${2:?--origin needs a value}"; shift 2 ;;
    --user-id) user_id="${2:?--user-id needs a value}"; shift 2 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
jar=local/target/comic-shelf-local.jar
[ -f "$jar" ] || { echo "$jar is missing: build it first (mvn -q package -DskipTests)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }

if [ -n "$api_url" ] || [ -n "$secret" ]; then
  [ -n "$api_url" ] && [ -n "$secret" ] || { echo "--api-url and --secret go together (see --help)" >&2; exit 2; }
else
  command -v aws >/dev/null || { echo "the AWS CLI is required to read the stack (or pass --api-url and --secret)" >&2; exit 2; }
  if [ -z "$stack_name" ] && [ -f samconfig.toml ]; then
    stack_name="$(sed -n 's/^[[:space:]]*stack_name[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' samconfig.toml | head -n 1)"
  fi
  [ -n "$stack_name" ] || { echo "no stack name: pass --stack-name (no samconfig.toml with stack_name here)" >&2; exit 2; }
  aws_args=()
  [ -n "$region" ] && aws_args+=(--region "$region")
  stack_value() { # $1: Outputs or Parameters, $2: key
    local field=OutputKey value=OutputValue
    [ "$1" = Parameters ] && field=ParameterKey value=ParameterValue
    aws ${aws_args[@]+"${aws_args[@]}"} cloudformation describe-stacks --stack-name "$stack_name" \
      --query "Stacks[0].$1[?$field=='$2'].$value | [0]" --output text
  }
  echo "reading stack $stack_name"
  api_url="$(stack_value Outputs ApiUrl)"
  app_secret_arn="$(stack_value Outputs AppSecretArn)"
  [ -n "$origin" ] || origin="$(stack_value Parameters WidgetOrigin)"
  for value in "$api_url" "$app_secret_arn"; do
    [ -n "$value" ] && [ "$value" != None ] || { echo "stack $stack_name has no ApiUrl/AppSecretArn output" >&2; exit 1; }
  done
  secret="$(aws ${aws_args[@]+"${aws_args[@]}"} secretsmanager get-secret-value --secret-id "$app_secret_arn" \
    --query SecretString --output text)"
fi
api_url="${api_url%/}"
[ "$origin" = None ] && origin=""
[ -n "$user_id" ] || user_id=$(( 7000000000000 + $(date +%s) ))

token="$(java -jar "$jar" token "$user_id" --secret "$secret")"
[ -n "$token" ] || { echo "could not mint a signed request" >&2; exit 1; }
echo "API $api_url, user $user_id"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
body="$work/body" headers="$work/headers"

# call EXPECTED METHOD PATH [curl args...]: fails unless the status is one of EXPECTED (e.g. "201|409").
# Leaves the response in $body and $headers and its status in $status.
call() {
  local expected="$1" method="$2" path="$3"; shift 3
  local attempt wait
  for attempt in 1 2 3 4 5 6 7; do
    status="$(curl -sS -X "$method" -o "$body" -D "$headers" -w '%{http_code}' --max-time 60 "$@" "$api_url$path")"
    if [ "$status" != 503 ] || [ "$attempt" = 7 ]; then break; fi
    wait="$(sed -n 's/^[Rr]etry-[Aa]fter:[[:space:]]*\([0-9]*\).*/\1/p' "$headers" | head -n 1)"
    echo "  $method $path -> 503 (database resuming?), retrying in ${wait:-5} s"
    sleep "${wait:-5}"
  done
  if [[ "|$expected|" != *"|$status|"* ]]; then
    echo "FAIL: $method $path -> $status, expected $expected" >&2
    cat "$body" >&2; echo >&2
    exit 1
  fi
  echo "  ok: $method $path -> $status"
}
auth=(-H "Authorization: Bearer $token")
json=(-H 'content-type: application/json')
# The first number after "key": in the last response body.
number_after() { grep -oE "\"$1\"[[:space:]]*:[[:space:]]*[0-9]+" "$body" | head -n 1 | grep -oE '[0-9]+$' || true; }

call 401 GET /comics
forged="$(java -jar "$jar" token "$user_id" --secret "not-$secret")"
call 403 GET /comics -H "Authorization: Bearer $forged"

if [ -n "$origin" ]; then
  call "204|200" OPTIONS /me/favorites/1 -H "Origin: $origin" \
    -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: authorization,content-type'
  grep -qi "^access-control-allow-origin:[[:space:]]*$origin" "$headers" \
    || { echo "FAIL: the preflight does not allow origin $origin" >&2; cat "$headers" >&2; exit 1; }
fi

call "201|409" POST /comics "${auth[@]}" "${json[@]}" \
  -d '{"title":"Comic Shelf smoke test","publisher":"Comic Shelf","year":2024}'
if [ "$status" = 201 ]; then comic_id="$(number_after id)"; else comic_id="$(number_after existingId)"; fi
[ -n "$comic_id" ] || { echo "FAIL: no comic id in the answer to POST /comics" >&2; cat "$body" >&2; exit 1; }
echo "  comic $comic_id"

call 201 PUT "/me/favorites/$comic_id" "${auth[@]}" "${json[@]}" -d '{"note":"smoke test"}'
call 200 PUT "/me/favorites/$comic_id" "${auth[@]}" "${json[@]}" -d '{"note":"smoke test, again"}'
call 200 GET /me/favorites "${auth[@]}"
grep -qE "\"id\"[[:space:]]*:[[:space:]]*$comic_id([^0-9]|$)" "$body" \
  || { echo "FAIL: GET /me/favorites does not list comic $comic_id" >&2; cat "$body" >&2; exit 1; }
call 204 DELETE "/me/favorites/$comic_id" "${auth[@]}"
call 200 GET /me/favorites "${auth[@]}"
if grep -qE "\"id\"[[:space:]]*:[[:space:]]*$comic_id([^0-9]|$)" "$body"; then
  echo "FAIL: comic $comic_id is still a favorite after DELETE" >&2; exit 1
fi

echo "smoke test passed"
