#!/usr/bin/env bash
# Request bodies: the pool routes first, then reads the body the route
# takes, up to the route's limit. A body of the wrong type is 415 and one
# too large 413, before any of it is used; paths and methods that do not
# exist read nothing; nginx's limits agree with the routes'. Nothing any
# refusal here touches changes.
. "$ROOT/tests/lib.sh"

workers_before=$(pool_workers)
deaths_before=$(grep -c 'exited' "$STATE/log/pool.log")

as_buyer bodies
uid=$(user_id)
name_now() { sql "SELECT display_name FROM users WHERE id = $uid"; }
name_before=$(name_now)
token=$(csrf)

# expect_refusal STATUS CODE DETAIL-PATTERN WHAT: the last answer was a page
# in the visitor's language (Chinese here) with the status; then the same
# request's XML error (repeated by the caller with xml=1) names the code.
expect_page() {
  expect_status "$1" "$2"
  expect_html "$2: a page"
  expect_body '<p class="error-detail">' "$2: explained on the page"
  expect_body 'lang="zh-CN"' "$2: in Chinese"
}

# A form route takes url-encoded forms only: a multipart body carrying a
# valid token and a new name is refused by its type before it is read, so
# it is 415 (not the 303 of a saved form, nor a 403 for the token).
req POST /account/profile -b "$JAR" -F "csrf=$token" -F 'name=Multipart'
expect_page 415 "multipart to a form route"
req POST /account/profile -b "$JAR" -H 'Accept: application/xml' -F "csrf=$token" -F 'name=Multipart'
expect_status 415 "multipart to a form route (XML)"
expect_xpath '/error/@code' unsupported_media_type "415: its code"
expect_xpath "contains(/error, 'application/x-www-form-urlencoded')" true "415: names the type the route takes"
for type in text/plain application/json application/xml 'application/x-www-form-urlencodedx'; do
  req POST /account/profile -b "$JAR" -H "Content-Type: $type" --data-binary "csrf=$token&name=Typed"
  expect_status 415 "a $type body to a form route"
done
req POST /login -F 'email=a@example.com' -F "password=$PASSWORD"
expect_page 415 "multipart sign-in"
check "no name changed by a 415 ($(name_now))" test "$(name_now)" = "$name_before"

# The form still works, and an empty POST is no body at all.
post /account/profile "csrf=$token&name=Bodies"
expect_status 303 "the url-encoded form"
check "saved" test "$(name_now)" = Bodies
req POST /account/profile -b "$JAR" -H 'Content-Length: 0'
expect_status 403 "an empty POST: no token, nothing read"

# Over the form limit (64 KB, nginx's and the route's): 413, nothing saved.
{ printf 'csrf=%s&name=Huge&pad=' "$token"; head -c 70000 /dev/zero | tr '\0' a; } > "$OUT/big-form"
req POST /account/profile -b "$JAR" --data-binary @"$OUT/big-form" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413 "a 70 KB form"
prefix="csrf=$token&name=Edge&pad="
{ printf '%s' "$prefix"; head -c $((65536 - ${#prefix})) /dev/zero | tr '\0' a; } > "$OUT/edge-form"
check "the edge form is exactly 64 KiB ($(stat -c %s "$OUT/edge-form"))" test "$(stat -c %s "$OUT/edge-form")" = 65536
req POST /account/profile -b "$JAR" --data-binary @"$OUT/edge-form" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 303 "a form of exactly 64 KiB is read"
check "and saved" test "$(name_now)" = Edge
printf 'x' >> "$OUT/edge-form"
req POST /account/profile -b "$JAR" --data-binary @"$OUT/edge-form" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413 "one byte more is too large"
check "nothing saved by a 413 ($(name_now))" test "$(name_now)" = Edge

# A chunked body (no Content-Length from the client): nginx buffers it and
# passes its length; the form is read as any other.
printf 'csrf=%s&name=Chunked' "$token" > "$OUT/chunked-form"
req POST /account/profile -b "$JAR" -H 'Transfer-Encoding: chunked' \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$OUT/chunked-form"
expect_status 303 "a chunked form"
check "saved from a chunked body" test "$(name_now)" = Chunked
req POST /account/profile -b "$JAR" -H 'Transfer-Encoding: chunked' -F "csrf=$token" -F 'name=ChunkedMultipart'
expect_status 415 "a chunked multipart body to a form route"
head -c 70000 /dev/zero | tr '\0' a > "$OUT/chunked-big"
req POST /account/profile -b "$JAR" -H 'Transfer-Encoding: chunked' \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$OUT/chunked-big"
expect_status 413 "a chunked body over the limit"
check "unchanged by the chunked refusals" test "$(name_now)" = Chunked

# A GET takes no body: 413 in the page's language, before anything runs.
get /search?q=x --data-binary 'q=y' -H 'Content-Type: application/x-www-form-urlencoded'
expect_page 413 "a GET with a body"
xget /search?q=x --data-binary 'q=y' -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413 "a GET with a body (XML)"
expect_xpath '/error/@code' payload_too_large "GET with a body: its code"
expect_xpath "contains(/error, 'takes no request body')" true "GET with a body: says why"
get /search?q=x -H 'Transfer-Encoding: chunked' --data-binary 'q=y'
expect_status 413 "a GET with a chunked body"
get /search?q=x -H 'Content-Length: 0'
expect_status 200 "a GET with an empty body"
req HEAD /search?q=x
expect_status 200 "HEAD"

# Paths and methods that do not exist read nothing: 404 and 405 as
# without a body, whatever its type or size (within nginx's limit).
for type in application/x-www-form-urlencoded multipart/form-data text/plain; do
  req POST /nope -H "Content-Type: $type" --data-binary 'a=1'
  expect_status 404 "an unknown path with a $type body"
done
req POST /search --data 'q=1'
expect_status 405 "a body to a GET-only path"
expect_header Allow '^GET, HEAD$' "405 with a body: Allow"
req PUT /account/profile -b "$JAR" --data "csrf=$token&name=Put"
expect_status 405 "PUT to a form route"
check "unchanged by 404s and 405s" test "$(name_now)" = Chunked

# The upload location (a delivery's requirement, multipart): nginx takes
# bodies up to the upload limit there and no more; the pool still routes
# first, so a path with no route yet reads nothing of a 1 MB upload.
head -c 1048576 /dev/urandom > "$OUT/one-mb.bin"
req POST /deliveries/000000000000000001/requirement -b "$JAR" -F "csrf=$token" -F "attachments=@$OUT/one-mb.bin;filename=a.pdf"
expect_status 404 "a 1 MB upload to a route that does not exist"
expect_html "404 page"
upload_max=$(body_limit MP_UPLOAD_BODY_MAX)
truncate -s $((upload_max + 1)) "$OUT/too-big.bin"
req POST /deliveries/000000000000000001/requirement -b "$JAR" --data-binary @"$OUT/too-big.bin" \
  -H 'Content-Type: multipart/form-data; boundary=x'
expect_status 413 "over the upload limit: nginx refuses"
expect_body '提交的内容过大' "nginx's 413 page for uploads, in Chinese"
# The requirement route takes multipart only: in the upload location nginx
# lets a large body through, and the pool refuses a url-encoded one by its
# headers, unread (415); a multipart one is read and its fields checked
# like any form's (a missing title: 400 naming it).
dlv=/deliveries/dlv-0000000000/requirement
req POST $dlv -b "$JAR" -F "csrf=$token" -F "attachments=@$OUT/one-mb.bin;filename=a.pdf"
expect_page 400 "a 1 MB upload without the form's text fields"
req POST $dlv -b "$JAR" -H 'Accept: application/xml' -F "csrf=$token" -F "attachments=@$OUT/one-mb.bin;filename=a.pdf"
check "the 400 names the missing field" grep -q 'title' "$BODY"
req POST $dlv -b "$JAR" --data-binary @"$OUT/big-form" -H 'Content-Type: application/x-www-form-urlencoded'
expect_page 415 "a 70 KB url-encoded form to the multipart route, unread"
req POST $dlv -b "$JAR" -H 'Accept: application/xml' --data-binary @"$OUT/big-form" \
  -H 'Content-Type: application/x-www-form-urlencoded'
expect_xpath '/error/@code' unsupported_media_type "the pool's 415: its code"
# elsewhere a 1 MB body is far over the form limit
req POST /account/profile -b "$JAR" -F "csrf=$token" -F "attachments=@$OUT/one-mb.bin;filename=a.pdf"
expect_status 413 "a 1 MB upload to a form route: nginx's form limit"
conf="$STATE/nginx/nginx.conf"
check "nginx: the form limit is the pool's ($(grep -m1 -o 'client_max_body_size [0-9]*' "$conf"))" \
  grep -q "client_max_body_size $(body_limit MP_FORM_BODY_MAX);" "$conf"
check "nginx: the partner limit is the XML kind's" grep -q "client_max_body_size $(body_limit MP_XML_BODY_MAX);" "$conf"
check "nginx: the upload limit is the multipart route's" grep -q "client_max_body_size $upload_max;" "$conf"
check "nginx: no placeholder left" bash -c "! grep -v '^#' '$conf' | grep -q '@[A-Z_]*@'"

# nothing changed, nobody crashed
check "name as last saved" test "$(name_now)" = Chunked
check "same worker processes" test "$(pool_workers)" = "$workers_before"
check "no worker died" test "$(grep -c 'exited' "$STATE/log/pool.log")" = "$deaths_before"

done_testing
