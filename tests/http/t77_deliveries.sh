#!/usr/bin/env bash
# The delivery center, buyer and vendor together: a manual product paid for
# creates its delivery; the buyer submits and edits the requirement (each
# submission a version), the vendor confirms the latest, posts progress and
# submits the work; the buyer rejects it with a reason, then accepts; a
# delivery nobody accepts is accepted by the scheduler after the period.
# Every action from the wrong state is refused and changes nothing;
# another buyer's or vendor's delivery is a 404.
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id
               WHERE p.listed = 1 AND p.delivery_mode = 'manual' AND v.slug = 'greenhill-security' ORDER BY p.id LIMIT 1")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key greenhill-security
vkey=$KEY_ID
# the vendor's events from this story on (an earlier story may have written many)
seq0=$(sql "SELECT COALESCE(MAX(seq), 0) FROM events WHERE vendor_id = $vendor_id")
vsecret=$SECRET
history_rows() { sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$1'"; }
event_rows() { sql "SELECT COUNT(*) FROM events e JOIN deliveries d ON d.id = e.delivery_id WHERE d.delivery_no = '$1'"; }
state() { sql "SELECT status FROM deliveries WHERE delivery_no = '$1'"; }
versions() { sql "SELECT COUNT(*) FROM delivery_requirements r JOIN deliveries d ON d.id = r.delivery_id WHERE d.delivery_no = '$1'"; }
# vpost PATH XML: the vendor posts a document.
vpost() {
  printf '%s' "$2" > "$OUT/doc.xml"
  preq "$vkey" "$vsecret" POST "$1" "$OUT/doc.xml"
}
# bpost PATH DATA: the buyer posts a form with a fresh CSRF token.
bpost() { post "$1" "csrf=$(csrf)&$2"; }
# mpost PATH [curl -F options]: the requirement form as a browser sends it.
mpost() {
  local path=$1
  shift
  req POST "$path" -c "$JAR" -b "$JAR" -F "csrf=$(csrf)" "$@"
}

as_buyer dora
topup 50000
topup 50000
order "$product"
pay_balance "$ORDER_NO"
check "paid" test -n "$PAYMENT_NO"
dlv=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id
           JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
check "paying for a manual product creates its delivery ($dlv)" grep -Eq '^dlv-[a-z0-9]{10}$' <<<"$dlv"
check "awaiting the requirement" test "$(state "$dlv")" = awaiting_requirement
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
get "/payments/$PAYMENT_NO" -b "$JAR"
expect_body "href=\"/deliveries/$dlv/requirement\"" "the payment result says what to do next, and links there"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/@delivery-status' awaiting_requirement "the instance's state is its delivery's"
get "/services/$ins" -b "$JAR"
expect_body "href=\"/deliveries/$dlv\"" "the instance page links to its delivery"
expect_body '待提交需求' "and shows its state"
get "/services/$ins?lang=en" -b "$JAR"
expect_body 'Awaiting requirement' "in English too"
get /services -b "$JAR"
expect_body '待提交需求' "so does the list"

# The list and the page.
xget /deliveries -b "$JAR"
expect_status 200 "the delivery center"
expect_xpath "/page/deliveries/delivery[@no='$dlv']/@status" awaiting_requirement "listed with its state"
get /deliveries -b "$JAR"
expect_html "the delivery center page"
expect_body 'href="/deliveries"' "the buyer's navigation leads to it"
expect_body '交付中心' "named 交付中心"
expect_body "/deliveries/$dlv/requirement" "with the next step, submit the requirement"
xget "/deliveries?status=completed" -b "$JAR"
expect_xpath "count(/page/deliveries/delivery)" 0 "filtered by state"
get "/deliveries/$dlv" -b "$JAR"
expect_status 200 "the delivery page"
expect_html "the delivery page"
expect_body '提交需求' "offers to submit the requirement"
get "/deliveries/$dlv?lang=en" -b "$JAR"
expect_html "the delivery page in English"
expect_body 'Submit requirement' "in English"
get "/deliveries/$dlv/requirement" -b "$JAR"
expect_status 200 "the requirement form"
expect_html "the requirement form"

# A blank field: the form again, nothing stored.
mpost "/deliveries/$dlv/requirement" -F title= -F description=x -F contact=y
expect_status 422 "a blank title"
expect_body 'name="title"' "the form again"
check "nothing stored for a blank field" test "$(versions "$dlv")" = 0
mpost "/deliveries/$dlv/requirement" -F title=Scan -F "description=  " -F contact=y
expect_status 422 "a description of spaces"

# Files to attach: 1 byte, 1 MiB + 1 (two chunks), and exactly the size limit.
head -c 1 /dev/urandom > "$OUT/one.txt"
head -c $((1024 * 1024 + 1)) /dev/urandom > "$OUT/scope.pdf"
head -c $((10 * 1024 * 1024)) /dev/urandom > "$OUT/limit.zip"
: > "$OUT/empty.txt"
head -c $((10 * 1024 * 1024 + 1)) /dev/urandom > "$OUT/big.zip"
printf '<html><script>alert(1)</script></html>' > "$OUT/page.html"
files_of() { sql "SELECT COUNT(*) FROM attachments a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$1'"; }

# The form is multipart; anything else is refused unread.
bpost "/deliveries/$dlv/requirement" "title=T&description=D&contact=C"
expect_status 415 "a url-encoded requirement"

# Every upload refusal: a clear message, nothing stored.
for bad in "empty.txt:empty" "big.zip:larger than" "page.html:type"; do
  file=${bad%%:*}
  mpost "/deliveries/$dlv/requirement" -F title=T -F description=D -F contact=C -F "attachments=@$OUT/$file" -H 'Accept: application/xml'
  expect_status 400 "uploading $file is refused"
  check "and says why ($file)" grep -qi "${bad#*:}" "$BODY"
done
args=()
for i in 1 2 3 4 5 6; do args+=(-F "attachments=@$OUT/one.txt;filename=f$i.txt"); done
mpost "/deliveries/$dlv/requirement" -F title=T -F description=D -F contact=C "${args[@]}"
expect_status 400 "six files are one too many"
mpost "/deliveries/$dlv/requirement" -F title=T -F description=D -F contact=C -F "attachments=@$OUT/limit.zip" \
  -F "attachments=@$OUT/limit.zip;filename=again.zip" -F "attachments=@$OUT/one.txt"
expect_status 400 "more than 20 MB together is refused"
mpost "/deliveries/$dlv/requirement" -F title=T -F description=D -F contact=C -F "attachments=@$OUT/page.html"
expect_status 400 "a refused upload, as a person sees it"
expect_html "the refusal page"
expect_body '附件不符合要求' "says in the page's language what files are allowed"
expect_body "href=\"/deliveries/$dlv/requirement\"" "and leads back to the form"
check "no file stored by any refusal" test "$(files_of "$dlv")" = 0
check "no version either" test "$(versions "$dlv")" = 0
check "still awaiting the requirement" test "$(state "$dlv")" = awaiting_requirement

# Version 1 with two files, then an edit: version 2.
mpost "/deliveries/$dlv/requirement" -F "title=Scan the shop" -F "description=Web app and API." \
  -F "contact=dora@example.com" -F "attachments=@$OUT/scope.pdf;type=application/pdf" \
  -F "attachments=@$OUT/one.txt;filename=../../etc/需求 说明.txt"
expect_status 303 "requirement submitted"
check "back on the delivery, with a notice" test "$(location)" = "/deliveries/$dlv?notice=requirement_submitted"
check "pending confirmation" test "$(state "$dlv")" = pending_confirmation
check "two files stored" test "$(files_of "$dlv")" = 2
xget "/deliveries/$dlv" -b "$JAR"
scope_id=$(xpath "/page/delivery/attachments/attachment[@name='scope.pdf']/@id")
notes_id=$(xpath "/page/delivery/attachments/attachment[@version='1'][@name!='scope.pdf']/@id")
expect_xpath "/page/delivery/attachments/attachment[@id='$notes_id']/@name" '需求 说明.txt' "a file name keeps no path"
expect_xpath "/page/delivery/attachments/attachment[@id='$scope_id']/@sha256" "$(sha256sum < "$OUT/scope.pdf" | cut -d' ' -f1)" "its SHA-256 is recorded"
check "stored in two chunks of at most 1 MiB" \
  test "$(sql "SELECT CONCAT(COUNT(*), ' ', MAX(LENGTH(data))) FROM attachment_chunks WHERE attachment_id = $scope_id")" = "2 1048576"
get "/deliveries/$dlv/attachments/$scope_id" -b "$JAR"
expect_status 200 "the buyer downloads a file"
check "the same bytes come back (1 MiB + 1)" cmp -s "$BODY" "$OUT/scope.pdf"
expect_header Content-Disposition '^attachment; filename="scope.pdf"' "as an attachment"
expect_header X-Content-Type-Options nosniff "not sniffed"
expect_header Content-Type '^application/pdf' "with its type"
expect_header X-Content-SHA256 "^$(sha256sum < "$OUT/scope.pdf" | cut -d' ' -f1)$" "and its SHA-256"
get "/deliveries/$dlv/attachments/$notes_id" -b "$JAR"
check "the same byte comes back (1 byte)" cmp -s "$BODY" "$OUT/one.txt"
expect_header Content-Disposition "filename=\"______ ______.txt\"; filename\*=UTF-8''%E9%9C%80%E6%B1%82%20%E8%AF%B4%E6%98%8E.txt" "an ASCII name for old clients, the exact one in UTF-8"

# The edit drops one file and adds one of exactly the size limit.
mpost "/deliveries/$dlv/requirement" -F "title=Scan the shop" -F "description=Web app, API and admin." \
  -F "contact=dora@example.com" -F "remove-$notes_id=1" -F "attachments=@$OUT/limit.zip"
expect_status 303 "requirement edited"
check "two versions kept" test "$(versions "$dlv")" = 2
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath "count(/page/delivery/attachments/attachment[@version='2'])" 2 "version 2 keeps one file and adds one"
get "/deliveries/$dlv/requirement" -b "$JAR"
check "each kept file has a box of its own" test "$(grep -o 'name="remove-[0-9]*"' "$BODY" | sort -u | wc -l)" = 2
# Version 3 removes both kept files at once.
kept=$(xmllint --xpath "/page/delivery/attachments/attachment[@version='2']/@id" <(curl -s -b "$JAR" -H 'Accept: application/xml' "$BASE/deliveries/$dlv") 2>/dev/null | grep -o '[0-9]\+' | sed 's/^/-F remove-/; s/$/=1/' | tr '\n' ' ')
# shellcheck disable=SC2086 # kept holds several -F options, one word each
mpost "/deliveries/$dlv/requirement" -F "title=Scan the shop" -F "description=Web app, API and admin." \
  -F "contact=dora@example.com" $kept
expect_status 303 "two files removed at once"
check "three versions kept" test "$(versions "$dlv")" = 3
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath "count(/page/delivery/attachments/attachment[@version='3'])" 0 "version 3 has no files"
expect_xpath "count(/page/delivery/attachments/attachment[@version='2'])" 2 "version 2 still has its two"
expect_xpath "count(/page/delivery/attachments/attachment[@version='2'][@id='$notes_id'])" 0 "without the removed one"
expect_xpath "count(/page/delivery/attachments/attachment[@version='1'])" 2 "version 1 keeps both"
limit_id=$(xpath "/page/delivery/attachments/attachment[@name='limit.zip']/@id")
get "/deliveries/$dlv/attachments/$limit_id" -b "$JAR"
check "the same bytes come back (10 MiB)" cmp -s "$BODY" "$OUT/limit.zip"
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath "/page/delivery/requirements/requirement[1]/@version" 3 "the newest version first"
expect_xpath "/page/delivery/requirements/requirement[2]/description/@changed" 1 "what changed is marked"
expect_xpath "count(/page/delivery/requirements/requirement[2]/title/@changed)" 0 "what did not, is not"
get "/deliveries/$dlv/requirement" -b "$JAR"
expect_body 'Web app, API and admin.' "the form holds the latest version"

# The vendor reads it and confirms the latest version only.
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries?status=pending_confirmation"
expect_status 200 "the vendor's delivery feed"
check "valid against its schema" valid_against deliveries
expect_xpath "count(/deliveries/delivery[@no='$dlv'])" 1 "lists it"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries/$dlv"
expect_status 200 "one delivery"
check "valid against its schema" valid_against deliveries
expect_xpath "count(/delivery/requirements/requirement)" 3 "with every version"
expect_xpath "/delivery/requirements/requirement[2]/description" "Web app, API and admin." "their text"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries/$dlv/attachments/$scope_id"
expect_status 200 "the vendor downloads a file"
check "the same bytes" cmp -s "$BODY" "$OUT/scope.pdf"
expect_header X-Content-SHA256 "^$(sha256sum < "$OUT/scope.pdf" | cut -d' ' -f1)$" "with its SHA-256 in a header"
rows=$(history_rows "$dlv")
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="2"/>'
expect_status 409 "confirming an old version"
expect_xpath '/error/@code' stale_version "says it is not the latest"
check "still pending confirmation" test "$(state "$dlv")" = pending_confirmation
check "no history row" test "$(history_rows "$dlv")" = "$rows"
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="two"/>'
expect_status 400 "a bad document"
vpost "/partner/v1/deliveries/$dlv/progress" '<progress><note>Started.</note></progress>'
expect_status 409 "progress before confirmation"
expect_xpath '/error/@code' wrong_state "wrong state"
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="3"><note>We start Monday.</note></confirm>'
expect_status 200 "confirming the latest version"
check "valid against its schema" valid_against deliveries
expect_xpath '/delivery/@status' in_service "in service"
expect_xpath '/delivery/@confirmed' 3 "version 3 confirmed"

# Confirmed: no more edits, and no acceptance yet.
mpost "/deliveries/$dlv/requirement" -F title=Other -F description=Other -F contact=x
expect_status 409 "editing a confirmed requirement"
expect_body '不能再编辑' "says why"
check "no fourth version" test "$(versions "$dlv")" = 3
get "/deliveries/$dlv/requirement" -b "$JAR"
check "the form sends back to the delivery" test "$(location)" = "/deliveries/$dlv?notice=not_editable"
bpost "/deliveries/$dlv/accept" ""
expect_status 409 "accepting work not submitted"
check "still in service" test "$(state "$dlv")" = in_service

# Progress, submission, a rejection, submission again, acceptance.
vpost "/partner/v1/deliveries/$dlv/progress" '<progress><note>Web app scanned; API next.</note></progress>'
expect_status 200 "a progress note"
vpost "/partner/v1/deliveries/$dlv/progress" '<progress><note>   </note></progress>'
expect_status 400 "a blank note"

# A note with the vendor's key is recorded once: sent again (its answer
# lost, or a 503 whose COMMIT happened after all), the same key and text
# answer with the delivery; another text under that key is refused.
rows=$(history_rows "$dlv")
events=$(event_rows "$dlv")
keyed='<progress key="note-2026_0001"><note>Scan finished.</note></progress>'
vpost "/partner/v1/deliveries/$dlv/progress" "$keyed"
expect_status 200 "a progress note with the vendor's key"
check "valid against its schema" valid_against deliveries
expect_xpath "count(/delivery/history/entry[@key='note-2026_0001'])" 1 "its history entry carries the key"
expect_xpath "/delivery/history/entry[@key='note-2026_0001']/note" "Scan finished." "with its note"
vpost "/partner/v1/deliveries/$dlv/progress" "$keyed"
expect_status 200 "the same keyed note sent again"
check "valid against its schema" valid_against deliveries
expect_xpath "count(/delivery/history/entry[note='Scan finished.'])" 1 "the answer shows it once"
check "one history row, not two" test "$(history_rows "$dlv")" = $((rows + 1))
check "one event, not two" test "$(event_rows "$dlv")" = $((events + 1))
vpost "/partner/v1/deliveries/$dlv/progress" '<progress key="note-2026_0001"><note>Something else.</note></progress>'
expect_status 409 "another text under a used key"
expect_xpath '/error/@code' key_reused "says the key is taken"
check "valid against its schema" valid_against error
for bad in '' 'short7x' 'with space1' 'über-key-01' "$(printf 'k%.0s' $(seq 1 65))"; do
  vpost "/partner/v1/deliveries/$dlv/progress" "<progress key=\"$bad\"><note>Bad key.</note></progress>"
  expect_status 400 "a key '$bad' is refused"
  expect_xpath '/error/@code' invalid_document "as an invalid document"
done
check "nothing more recorded" test "$(history_rows "$dlv")" = $((rows + 1))
check "no event more" test "$(event_rows "$dlv")" = $((events + 1))
check "the key is kept" test "$(sql "SELECT h.vendor_key FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv' AND h.note = 'Scan finished.'")" = note-2026_0001
check "unkeyed rows keep none" test "$(sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv' AND h.vendor_key IS NOT NULL")" = 1

# The vendor's files come with a note, in base64; the buyer downloads them.
vfiles=$(files_of "$dlv")
rows=$(history_rows "$dlv")
{ printf '<progress><note>Interim report.</note><attachment name="interim.pdf">'; base64 -w 76 < "$OUT/scope.pdf"
  printf '</attachment><attachment name="log.txt">'; base64 < "$OUT/one.txt"; printf '</attachment></progress>'; } > "$OUT/with-files.xml"
preq "$vkey" "$vsecret" POST "/partner/v1/deliveries/$dlv/progress" "$OUT/with-files.xml"
expect_status 200 "a progress note with two files"
check "valid against its schema" valid_against deliveries
interim=$(xpath "/delivery/attachments/attachment[@name='interim.pdf']/@id")
expect_xpath "/delivery/attachments/attachment[@id='$interim']/@uploaded-by" vendor "uploaded by the vendor"
expect_xpath_true "/delivery/attachments/attachment[@id='$interim']/@history = /delivery/history/entry[last()]/@id" "with the note it came with"
get "/deliveries/$dlv/attachments/$interim" -b "$JAR"
check "the buyer gets the vendor's bytes" cmp -s "$BODY" "$OUT/scope.pdf"
vfiles=$(files_of "$dlv")
rows=$(history_rows "$dlv")
for bad in 'app.exe:type' 'empty.txt:empty' 'broken.txt:base64'; do
  name=${bad%%:*}
  case $name in
    empty.txt) content='' ;;
    broken.txt) content='%%%' ;;
    *) content=$(printf 'MZ' | base64) ;;
  esac
  vpost "/partner/v1/deliveries/$dlv/progress" "<progress><note>x</note><attachment name=\"$name\">$content</attachment></progress>"
  expect_status 400 "a vendor's file refused: $name"
done
{ printf '<progress><note>big</note><attachment name="big.zip">'; base64 -w 0 < "$OUT/big.zip"; printf '</attachment></progress>'; } > "$OUT/big.xml"
preq "$vkey" "$vsecret" POST "/partner/v1/deliveries/$dlv/progress" "$OUT/big.xml"
expect_status 400 "a vendor's file over 10 MB"
expect_xpath '/error/@code' invalid_attachment "says which file and why"
check "no file stored by a refusal" test "$(files_of "$dlv")" = "$vfiles"
check "no history row either" test "$(history_rows "$dlv")" = "$rows"
long=$(head -c 3000 /dev/zero | tr '\0' 'x' | head -c 2000)
vpost "/partner/v1/deliveries/$dlv/progress" "<progress><note>$long</note><attachment name=\"report$(printf '\u202e')fdp.zip\">$(printf 'PK' | base64)</attachment></progress>"
expect_status 200 "a note of 2000 characters, the most the schema takes"
check "kept whole in the history" \
  test "$(sql "SELECT MAX(CHAR_LENGTH(note)) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv'")" = 2000
check "shortened in the event" \
  test "$(sql "SELECT MAX(CHAR_LENGTH(detail)) FROM events e JOIN deliveries d ON d.id = e.delivery_id WHERE d.delivery_no = '$dlv'")" = 500
check "a vendor's file name loses its direction characters" \
  test "$(sql "SELECT HEX(name) FROM attachments a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$dlv' AND a.name LIKE 'report%'" | grep -c 'E280AE')" = 0
vpost "/partner/v1/deliveries/$dlv/submit" '<submit><note>Report attached to the page.</note></submit>'
expect_status 200 "submitted for acceptance"
expect_xpath '/delivery/@status' pending_acceptance "pending acceptance"
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath_true "string-length(/page/delivery/@accept-by) > 0" "says when it will be accepted automatically"
expect_xpath "/page/delivery/history/entry[@type='progress']/note" "Web app scanned; API next." "the buyer sees the progress note"
bpost "/deliveries/$dlv/reject" "reason="
expect_status 422 "rejecting without a reason"
check "still pending acceptance" test "$(state "$dlv")" = pending_acceptance
bpost "/deliveries/$dlv/reject" "reason=$long"
expect_status 303 "a reason of 2000 characters"
vpost "/partner/v1/deliveries/$dlv/submit" '<submit><note>Again, with the API.</note></submit>'
expect_status 200 "submitted again after the long rejection"
bpost "/deliveries/$dlv/reject" "reason=The+API+is+missing+from+the+report."
expect_status 303 "rejected with a reason"
check "back in service" test "$(state "$dlv")" = in_service
check "two rejections counted" test "$(sql "SELECT rejections FROM deliveries WHERE delivery_no = '$dlv'")" = 2
vpost "/partner/v1/deliveries/$dlv/submit" '<submit><note>API section added.</note></submit>'
expect_status 200 "submitted again"
bpost "/deliveries/$dlv/accept" ""
expect_status 303 "accepted"
check "completed" test "$(state "$dlv")" = completed
check "accepted by the buyer, not automatically" test "$(sql "SELECT auto_accepted FROM deliveries WHERE delivery_no = '$dlv'")" = 0
bpost "/deliveries/$dlv/accept" ""
expect_status 409 "accepting twice"
vpost "/partner/v1/deliveries/$dlv/submit" '<submit><note>Again.</note></submit>'
expect_status 409 "submitting a completed delivery"
# the keyed note sent again late: the delivery as it is now, nothing added
rows=$(history_rows "$dlv")
vpost "/partner/v1/deliveries/$dlv/progress" "$keyed"
expect_status 200 "a keyed note sent again after completion"
expect_xpath '/delivery/@status' completed "answers with the delivery as it is"
check "nothing recorded" test "$(history_rows "$dlv")" = "$rows"
vpost "/partner/v1/deliveries/$dlv/progress" '<progress key="note-2026_0002"><note>Late.</note></progress>'
expect_status 409 "a new keyed note on a completed delivery"
expect_xpath '/error/@code' wrong_state "in the wrong state"

# The vendor's event feed tells the whole story, in order.
preq "$vkey" "$vsecret" GET "/partner/v1/events?after=$seq0&limit=200"
check "events valid against their schema" valid_against events
got=$(xmllint --xpath "/events/event[delivery/@no='$dlv']/@type" "$BODY" 2>/dev/null | grep -o 'delivery\.[a-z_]*' | paste -sd' ')
want="delivery.created delivery.requirement_submitted delivery.requirement_updated delivery.requirement_updated delivery.confirmed delivery.progress delivery.progress delivery.progress delivery.progress delivery.submitted delivery.rejected delivery.submitted delivery.rejected delivery.submitted delivery.completed"
check "every delivery event in order ($got)" test "$got" = "$want"
expect_xpath "/events/event[delivery/@no='$dlv'][@type='delivery.rejected'][last()]/detail" "The API is missing from the report." "the rejection's reason"
expect_xpath "/events/event[delivery/@no='$dlv'][@type='delivery.completed']/detail" buyer "accepted by the buyer"

# A damaged file (a chunk lost) is refused, never sent short.
sql "DELETE FROM attachment_chunks WHERE attachment_id = $scope_id AND seq = 1"
get "/deliveries/$dlv/attachments/$scope_id" -b "$JAR"
expect_status 500 "a file missing a chunk is not sent"

# Nobody acts for the acceptance period: the scheduler accepts it, once.
order "$product"
pay_balance "$ORDER_NO"
dlv2=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id
            JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
mpost "/deliveries/$dlv2/requirement" -F title=T -F description=D -F contact=C
vpost "/partner/v1/deliveries/$dlv2/confirm" '<confirm version="1"/>'
vpost "/partner/v1/deliveries/$dlv2/submit" '<submit><note>Done.</note></submit>'
sql "UPDATE deliveries SET submitted_at = submitted_at - INTERVAL 29 DAY WHERE delivery_no = '$dlv2'"
wait_sweep
check "not before the period is over" test "$(state "$dlv2")" = pending_acceptance
sql "UPDATE deliveries SET submitted_at = submitted_at - INTERVAL 2 DAY WHERE delivery_no = '$dlv2'"
wait_sweep
wait_sweep
check "accepted automatically after the period" test "$(state "$dlv2")" = completed
check "marked as such" test "$(sql "SELECT auto_accepted FROM deliveries WHERE delivery_no = '$dlv2'")" = 1
check "one completion in the history, however many sweeps ran" \
  test "$(sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv2' AND h.type = 'completed'")" = 1
check "one completion event, marked auto" \
  test "$(sql "SELECT GROUP_CONCAT(e.detail) FROM events e JOIN deliveries d ON d.id = e.delivery_id WHERE d.delivery_no = '$dlv2' AND e.type = 'delivery.completed'")" = auto
xget "/deliveries/$dlv2" -b "$JAR"
expect_xpath '/page/delivery/@auto-accepted' 1 "the page says it was accepted automatically"

# Someone else's delivery is a 404, like one that does not exist.
dora_jar=$JAR
as_buyer eve
for path in "/deliveries/$dlv" "/deliveries/$dlv/requirement" "/deliveries/dlv-aaaaaaaaaa" \
  "/deliveries/$dlv/attachments/$scope_id"; do
  get "$path" -b "$JAR"
  expect_status 404 "another buyer's delivery: $path"
done
rows=$(history_rows "$dlv2")
bpost "/deliveries/$dlv2/reject" "reason=mine+now"
expect_status 404 "rejecting another buyer's delivery"
check "nothing changed" test "$(history_rows "$dlv2")" = "$rows"
other_vendor=$(sql "SELECT v.slug FROM vendors v WHERE v.id <> $vendor_id AND v.status = 'active' ORDER BY v.id LIMIT 1")
partner_key "$other_vendor"
preq "$KEY_ID" "$SECRET" GET "/partner/v1/deliveries/$dlv"
expect_status 404 "another vendor's delivery"
preq "$KEY_ID" "$SECRET" GET "/partner/v1/deliveries/$dlv/attachments/$scope_id"
expect_status 404 "another vendor's attachment"
printf '<confirm version="1"/>' > "$OUT/doc.xml"
preq "$KEY_ID" "$SECRET" POST "/partner/v1/deliveries/$dlv2/confirm" "$OUT/doc.xml"
expect_status 404 "confirming another vendor's delivery"
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$KEY_ID" >/dev/null
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$vkey" >/dev/null
JAR=$dora_jar
check "every balance equals its ledger" ledger_consistent

done_testing
