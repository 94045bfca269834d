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
vsecret=$SECRET
history_rows() { sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$1'"; }
state() { sql "SELECT status FROM deliveries WHERE delivery_no = '$1'"; }
versions() { sql "SELECT COUNT(*) FROM delivery_requirements r JOIN deliveries d ON d.id = r.delivery_id WHERE d.delivery_no = '$1'"; }
# vpost PATH XML: the vendor posts a document.
vpost() {
  printf '%s' "$2" > "$OUT/doc.xml"
  preq "$vkey" "$vsecret" POST "$1" "$OUT/doc.xml"
}
# bpost PATH DATA: the buyer posts a form with a fresh CSRF token.
bpost() { post "$1" "csrf=$(csrf)&$2"; }

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
bpost "/deliveries/$dlv/requirement" "title=&description=x&contact=y"
expect_status 422 "a blank title"
expect_body 'name="title"' "the form again"
check "nothing stored for a blank field" test "$(versions "$dlv")" = 0
bpost "/deliveries/$dlv/requirement" "title=Scan&description=%20%20&contact=y"
expect_status 422 "a description of spaces"

# Version 1, then an edit: version 2.
bpost "/deliveries/$dlv/requirement" "title=Scan+the+shop&description=Web+app+and+API.&contact=dora%40example.com"
expect_status 303 "requirement submitted"
check "back on the delivery, with a notice" test "$(location)" = "/deliveries/$dlv?notice=requirement_submitted"
check "pending confirmation" test "$(state "$dlv")" = pending_confirmation
bpost "/deliveries/$dlv/requirement" "title=Scan+the+shop&description=Web+app%2C+API+and+admin.&contact=dora%40example.com"
expect_status 303 "requirement edited"
check "two versions kept" test "$(versions "$dlv")" = 2
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath "/page/delivery/requirements/requirement[1]/@version" 2 "the newest version first"
expect_xpath "/page/delivery/requirements/requirement[1]/description/@changed" 1 "what changed is marked"
expect_xpath "count(/page/delivery/requirements/requirement[1]/title/@changed)" 0 "what did not, is not"
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
expect_xpath "count(/delivery/requirements/requirement)" 2 "with both versions"
expect_xpath "/delivery/requirements/requirement[2]/description" "Web app, API and admin." "their text"
rows=$(history_rows "$dlv")
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="1"/>'
expect_status 409 "confirming an old version"
expect_xpath '/error/@code' stale_version "says it is not the latest"
check "still pending confirmation" test "$(state "$dlv")" = pending_confirmation
check "no history row" test "$(history_rows "$dlv")" = "$rows"
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="two"/>'
expect_status 400 "a bad document"
vpost "/partner/v1/deliveries/$dlv/progress" '<progress><note>Started.</note></progress>'
expect_status 409 "progress before confirmation"
expect_xpath '/error/@code' wrong_state "wrong state"
vpost "/partner/v1/deliveries/$dlv/confirm" '<confirm version="2"><note>We start Monday.</note></confirm>'
expect_status 200 "confirming the latest version"
check "valid against its schema" valid_against deliveries
expect_xpath '/delivery/@status' in_service "in service"
expect_xpath '/delivery/@confirmed' 2 "version 2 confirmed"

# Confirmed: no more edits, and no acceptance yet.
bpost "/deliveries/$dlv/requirement" "title=Other&description=Other&contact=x"
expect_status 409 "editing a confirmed requirement"
expect_body '不能再编辑' "says why"
check "no third version" test "$(versions "$dlv")" = 2
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
vpost "/partner/v1/deliveries/$dlv/submit" '<submit><note>Report attached to the page.</note></submit>'
expect_status 200 "submitted for acceptance"
expect_xpath '/delivery/@status' pending_acceptance "pending acceptance"
xget "/deliveries/$dlv" -b "$JAR"
expect_xpath_true "string-length(/page/delivery/@accept-by) > 0" "says when it will be accepted automatically"
expect_xpath "/page/delivery/history/entry[@type='progress']/note" "Web app scanned; API next." "the buyer sees the progress note"
bpost "/deliveries/$dlv/reject" "reason="
expect_status 422 "rejecting without a reason"
check "still pending acceptance" test "$(state "$dlv")" = pending_acceptance
bpost "/deliveries/$dlv/reject" "reason=The+API+is+missing+from+the+report."
expect_status 303 "rejected with a reason"
check "back in service" test "$(state "$dlv")" = in_service
check "one rejection counted" test "$(sql "SELECT rejections FROM deliveries WHERE delivery_no = '$dlv'")" = 1
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

# The vendor's event feed tells the whole story, in order.
preq "$vkey" "$vsecret" GET "/partner/v1/events?after=0&limit=200"
check "events valid against their schema" valid_against events
got=$(xmllint --xpath "/events/event[delivery/@no='$dlv']/@type" "$BODY" 2>/dev/null | grep -o 'delivery\.[a-z_]*' | paste -sd' ')
want="delivery.created delivery.requirement_submitted delivery.requirement_updated delivery.confirmed delivery.progress delivery.submitted delivery.rejected delivery.submitted delivery.completed"
check "every delivery event in order ($got)" test "$got" = "$want"
expect_xpath "/events/event[delivery/@no='$dlv'][@type='delivery.rejected']/detail" "The API is missing from the report." "the rejection's reason"
expect_xpath "/events/event[delivery/@no='$dlv'][@type='delivery.completed']/detail" buyer "accepted by the buyer"

# Nobody acts for the acceptance period: the scheduler accepts it, once.
order "$product"
pay_balance "$ORDER_NO"
dlv2=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id
            JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
bpost "/deliveries/$dlv2/requirement" "title=T&description=D&contact=C"
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
for path in "/deliveries/$dlv" "/deliveries/$dlv/requirement" "/deliveries/dlv-aaaaaaaaaa"; do
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
printf '<confirm version="1"/>' > "$OUT/doc.xml"
preq "$KEY_ID" "$SECRET" POST "/partner/v1/deliveries/$dlv2/confirm" "$OUT/doc.xml"
expect_status 404 "confirming another vendor's delivery"
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$KEY_ID" >/dev/null
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$vkey" >/dev/null
JAR=$dora_jar
check "every balance equals its ledger" ledger_consistent

done_testing
