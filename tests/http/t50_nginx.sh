#!/usr/bin/env bash
# What nginx adds: security headers everywhere, cached static files, the
# guarded /admin/ location, request ids, and a socket only it can reach.
. "$ROOT/tests/lib.sh"

strict="default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
for path in / /products/4 /nope /static/site.css /feeds/catalog.xml /static/nope.css; do
  get "$path"
  check "$path: exactly one policy" test "$(grep -ci '^content-security-policy:' "$HEADERS")" = 1
  check "$path: the site's strict policy" test "$(header Content-Security-Policy)" = "$strict"
  expect_header X-Content-Type-Options '^nosniff$' "$path"
  expect_header X-Frame-Options '^DENY$' "$path"
  expect_header Referrer-Policy 'strict-origin-when-cross-origin' "$path"
  expect_header X-Request-Id '^[0-9a-f]{32}$' "$path"
done

# the sandbox gateway's own site serves its cashier page and styles only
STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' "$SANDBOX/static/site.css")
expect_status 200 "the gateway's site has the styles"
check "with the strict policy" test "$(header Content-Security-Policy)" = "$strict"
for path in / /products/4 /account /orders /admin/ /partner/v1/events; do
  STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' "$SANDBOX$path")
  expect_status 404 "the gateway's site has no $path"
done
STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' "$SANDBOX/sandbox/pay")
expect_status 400 "the cashier there wants a signed checkout"

get /static/site.css
expect_status 200 "stylesheet"
expect_header Content-Type '^text/css' "stylesheet type"
expect_header Cache-Control 'max-age=86400' "stylesheet cached"
expect_header ETag '.' "stylesheet validator"
get /static/../sql/001_catalog.sql
check "no escape from /static/ ($STATUS)" test "$STATUS" != 200
get /favicon.ico
expect_status 200 "favicon"

# the page names the request id nginx logged
get /nope
rid=$(header X-Request-Id)
expect_body "$rid" "error page shows the request id"
check "access log has the request id" grep -q "rid=$rid" "$STATE/log/nginx-access.log"

# pages are private to the visitor (but for guests' catalog pages: t52)
get /login
expect_header Cache-Control 'private' "pages not shared by caches"
expect_header Vary 'Accept' "pages vary by Accept"

# /admin/: a password first, then the console
get /admin/
expect_status 401 "admin without a password"
expect_header WWW-Authenticate 'Basic' "admin asks for a password"
get /admin/ -u admin:wrong-password
expect_status 401 "admin with a wrong password"
# shellcheck source=/dev/null # the stack writes it at run time
. "$STATE/secrets.env"
get /admin/ -u "admin:$ADMIN_PASSWORD"
expect_status 200 "admin behind the guard"
expect_body "admin-header" "the console's own layout"
# the admin name cannot be forged with a header outside /admin/
get / -H 'MP-Admin-User: mallory' -H 'X-MP-Admin-User: mallory'
expect_status 200 "forged admin header is ignored"

# the FastCGI socket: owner and nginx's group only
perm=$(stat -c '%a' "$STATE/run/pool.sock")
check "pool socket mode 660 ($perm)" test "$perm" = 660
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  check "another user cannot connect to the pool" bash -c "! runuser -u nobody -- bash -c 'exec 3<>/dev/tcp/127.0.0.1/1' 2>/dev/null; ! runuser -u nobody -- test -w '$STATE/run/pool.sock'"
fi

done_testing
