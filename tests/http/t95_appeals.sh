#!/usr/bin/env bash
# Appeals (申诉) and the admin's deliveries. A buyer may appeal a delivery
# whose vendor step has been idle for more than 5 days, or after three
# rejections; too early, finished or already appealed is refused and
# changes nothing. An open appeal freezes the delivery: the buyer cannot
# accept, reject or edit, the vendor cannot confirm or submit (progress
# notes still go through), and the scheduler does not accept it. An admin
# decides: continue (the acceptance clock starts again), complete, or
# refund (the rest of the order back to the balance, once; the delivery
# closed). Each step reaches the buyer's page, the vendor's feed and the
# audit log. The admin's list filters and pages; an admin's note joins the
# history.
. "$ROOT/tests/lib.sh"
rm -f "$ADMIN_JAR" # a language picked by an earlier run is not this one's

product=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id
               WHERE p.listed = 1 AND p.delivery_mode = 'manual' AND v.slug = 'greenhill-security' ORDER BY p.id LIMIT 1")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
partner_key greenhill-security
vkey=$KEY_ID
vsecret=$SECRET
start_seq=$(sql "SELECT COALESCE(MAX(seq), 0) FROM events WHERE vendor_id = $vendor_id")

state() { sql "SELECT status FROM deliveries WHERE delivery_no = '$1'"; }
frozen() { sql "SELECT appeal_open FROM deliveries WHERE delivery_no = '$1'"; }
history_rows() { sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$1'"; }
appeals() { sql "SELECT COUNT(*) FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$1'"; }
appeal_state() { sql "SELECT CONCAT(a.status, ' ', COALESCE(a.decision, '-')) FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$1' ORDER BY a.id DESC LIMIT 1"; }
events_of() { sql "SELECT COUNT(*) FROM events e JOIN deliveries d ON d.id = e.delivery_id WHERE d.delivery_no = '$1' AND e.type = '$2'"; }
# everything an appeal or a decision may change, in one line
snapshot() {
  sql "SELECT CONCAT_WS(' ', d.status, d.appeal_open, d.rejections, COALESCE(d.submitted_at, '-'),
         (SELECT COUNT(*) FROM delivery_history h WHERE h.delivery_id = d.id),
         (SELECT COUNT(*) FROM delivery_appeals a WHERE a.delivery_id = d.id),
         (SELECT GROUP_CONCAT(CONCAT(a.status, ':', COALESCE(a.decision, '-'))) FROM delivery_appeals a WHERE a.delivery_id = d.id),
         (SELECT COUNT(*) FROM events e WHERE e.delivery_id = d.id),
         (SELECT COUNT(*) FROM audit_log l WHERE l.target_ref = d.delivery_no),
         o.status, o.refunded_cents, u.balance_cents)
       FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN orders o ON o.id = i.order_id
       JOIN users u ON u.id = d.user_id WHERE d.delivery_no = '$1'"
}
# backdate DLV DAYS: every history row of the delivery DAYS days older
backdate() { sql "UPDATE delivery_history SET created_at = created_at - INTERVAL $2 DAY WHERE delivery_id = (SELECT id FROM deliveries WHERE delivery_no = '$1')"; }
vpost() {
  printf '%s' "$2" > "$OUT/doc.xml"
  preq "$vkey" "$vsecret" POST "$1" "$OUT/doc.xml"
}
bpost() { post "$1" "csrf=$(csrf)&$2" "${@:3}"; }
mpost() {
  local path=$1
  shift
  req POST "$path" -c "$JAR" -b "$JAR" -F "csrf=$(csrf)" "$@"
}
# new_delivery: a paid manual order of the current buyer; sets ORDER_NO and DLV
new_delivery() {
  order "$product"
  pay_balance "$ORDER_NO"
  DLV=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id
             JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
}
# reason TEXT: a form field, url-encoded
enc() { printf '%s' "$1" | xxd -p | tr -d '\n' | sed 's/../%&/g'; }

as_buyer dora
dora_email=$EMAIL
dora_jar=$JAR
topup 50000
topup 50000

# ---- A: a vendor step idle for 5 days; the admin completes it ----
new_delivery
dlv_a=$DLV
order_a=$ORDER_NO
check "delivery A ($dlv_a)" grep -Eq '^dlv-[a-z0-9]{10}$' <<<"$dlv_a"
printf 'scope of work' > "$OUT/scope.txt"
mpost "/deliveries/$dlv_a/requirement" -F "title=Audit" -F "description=Audit the shop." -F "contact=dora" \
  -F "attachments=@$OUT/scope.txt"
expect_status 303 "A: requirement submitted"
vpost "/partner/v1/deliveries/$dlv_a/confirm" '<confirm version="1"><note>Starting.</note></confirm>'
expect_status 200 "A: the vendor confirms"
check "A: in service" test "$(state "$dlv_a")" = in_service

# Too early: the vendor acted just now, and nothing was rejected.
xget "/deliveries/$dlv_a" -b "$JAR"
expect_xpath "count(/page/delivery/@can-appeal)" 0 "A: no appeal offered yet"
expect_xpath_true "string-length(/page/delivery/@appeal-from) > 0" "A: the page says from when an appeal is possible"
get "/deliveries/$dlv_a" -b "$JAR"
expect_html "A: the delivery page"
expect_no_body "href=\"/deliveries/$dlv_a/appeal\"" "A: no appeal button yet"
get "/deliveries/$dlv_a/appeal" -b "$JAR"
expect_status 200 "A: the appeal page answers early too"
expect_html "A: the appeal page, too early"
expect_body '暂时不能申诉' "A: and says why there is no form"
expect_no_body 'name="reason"' "A: without a form"
before=$(snapshot "$dlv_a")
bpost "/deliveries/$dlv_a/appeal" "reason=Nothing+happens."
expect_status 409 "A: appealing too early is refused"
expect_html "A: the refusal page"
expect_body '需服务商超过 5 天没有进展' "A: with a clear message"
bpost "/deliveries/$dlv_a/appeal" "reason=Nothing+happens." -H 'Accept: application/xml'
expect_status 409 "A: too early, XML"
expect_xpath '/error/@code' appeal_too_early "A: code appeal_too_early"
backdate "$dlv_a" 4
bpost "/deliveries/$dlv_a/appeal" "reason=Nothing+happens."
expect_status 409 "A: idle 4 days is still too early"
backdate "$dlv_a" -4
check "A: nothing changed by the early appeals" test "$(snapshot "$dlv_a")" = "$before"

# Idle for 6 days: the page offers the appeal.
backdate "$dlv_a" 6
xget "/deliveries/$dlv_a" -b "$JAR"
expect_xpath '/page/delivery/@can-appeal' idle "A: an appeal is offered on the idle ground"
get "/deliveries/$dlv_a" -b "$JAR"
expect_body "href=\"/deliveries/$dlv_a/appeal\"" "A: the appeal button"
get "/deliveries/$dlv_a/appeal" -b "$JAR"
expect_status 200 "A: the appeal form"
expect_html "A: the appeal form"
expect_body 'name="reason"' "A: asks for a reason"
get "/deliveries/$dlv_a/appeal?lang=en" -b "$JAR"
expect_body 'Appeal to the platform' "A: the form in English"

# Refusals that change nothing: no reason, no CSRF token, someone else.
before=$(snapshot "$dlv_a")
bpost "/deliveries/$dlv_a/appeal" "reason=+++"
expect_status 422 "A: a blank reason"
expect_html "A: the form again"
expect_body 'reason-error' "A: says the reason is missing"
expect_body '请填写申诉理由' "A: in words"
bpost "/deliveries/$dlv_a/appeal" ""
expect_status 400 "A: no reason field at all"
post "/deliveries/$dlv_a/appeal" "reason=No+token."
expect_status 403 "A: no CSRF token"
check "A: nothing changed by the refused appeals" test "$(snapshot "$dlv_a")" = "$before"

bpost "/deliveries/$dlv_a/appeal" "reason=$(enc 'The vendor has not replied for a week. 一周没有回复。')"
expect_status 303 "A: appealed"
check "A: back on the delivery with a notice" test "$(location)" = "/deliveries/$dlv_a?notice=appealed"
check "A: frozen" test "$(frozen "$dlv_a")" = 1
check "A: one open appeal on the idle ground" \
  test "$(sql "SELECT CONCAT(a.status, ' ', a.grounds, ' ', a.status_at) FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$dlv_a'")" = "open idle in_service"
check "A: an 'appealed' history row by the buyer" \
  test "$(sql "SELECT CONCAT(h.actor, ' ', h.note) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv_a' AND h.type = 'appealed'")" = "buyer The vendor has not replied for a week. 一周没有回复。"
check "A: a delivery.appealed event" test "$(events_of "$dlv_a" delivery.appealed)" = 1

before=$(snapshot "$dlv_a")
bpost "/deliveries/$dlv_a/appeal" "reason=Again."
expect_status 409 "A: a second appeal while one is open"
expect_body '已有处理中的申诉' "A: says one is open"
get "/deliveries/$dlv_a/appeal" -b "$JAR"
expect_body '已有处理中的申诉' "A: the form page says so too"
check "A: still one appeal" test "$(appeals "$dlv_a")" = 1

get "/deliveries/$dlv_a" -b "$JAR"
expect_html "A: the frozen delivery's page"
expect_body '申诉处理中' "A: the buyer's page says 申诉处理中"
expect_body '一周没有回复' "A: with the appeal's reason"
xget "/deliveries/$dlv_a" -b "$JAR"
expect_xpath '/page/delivery/@appeal-open' 1 "A: the model marks it frozen"
expect_xpath '/page/delivery/appeals/appeal/@status' open "A: the appeal open in the model"
xget /deliveries -b "$JAR"
expect_xpath "/page/deliveries/delivery[@no='$dlv_a']/@appeal-open" 1 "A: the list marks it too"

# The vendor, frozen: no submission; a progress note still goes through.
vpost "/partner/v1/deliveries/$dlv_a/submit" '<submit><note>Done.</note></submit>'
expect_status 409 "A: the vendor cannot submit while the appeal is open"
expect_xpath '/error/@code' appeal_open "A: code appeal_open"
check "A: still in service" test "$(state "$dlv_a")" = in_service
vpost "/partner/v1/deliveries/$dlv_a/progress" '<progress><note>Sorry, we are on it.</note></progress>'
expect_status 200 "A: a progress note is taken while frozen"
check "valid against its schema" valid_against deliveries
expect_xpath '/delivery/appeal/@status' open "A: the vendor's document shows the open appeal"
expect_xpath '/delivery/appeal/@grounds' idle "A: and its ground"
expect_xpath '/delivery/appeal/reason' "The vendor has not replied for a week. 一周没有回复。" "A: and its reason"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries?status=in_service&limit=200"
check "the vendor's list is valid against its schema" valid_against deliveries
expect_xpath "/deliveries/delivery[@no='$dlv_a']/appeal/@status" open "A: the vendor's list shows it too"

# The admin's page of A, the note, and a file through the console.
aget "/admin/deliveries/$dlv_a"
expect_status 200 "A: the admin's delivery page"
expect_html "A: the admin's delivery page"
expect_body "href=\"/admin/orders/$order_a\"" "A: links its order"
expect_body "action=\"/admin/deliveries/$dlv_a/decide\"" "A: offers the decision"
expect_body "$dora_email" "A: names the buyer"
axget "/admin/deliveries/$dlv_a"
expect_xpath '/page/delivery/buyer/@email' "$dora_email" "A: the buyer in the model"
expect_xpath '/page/delivery/vendor/@slug' greenhill-security "A: the vendor"
expect_xpath '/page/delivery/order/@no' "$order_a" "A: the order"
expect_xpath_true "string-length(/page/delivery/instance/@no) = 14" "A: the instance"
expect_xpath "count(/page/delivery/requirements/requirement)" 1 "A: the requirement versions"
expect_xpath "/page/delivery/history/entry[@type='appealed']/@actor" buyer "A: the full history"
expect_xpath "/page/delivery/appeals/appeal/@status" open "A: the appeal"
expect_xpath_true "string-length(/page/delivery/decide-form/@idem) = 32" "A: the decision form's key"
file_a=$(xpath "/page/delivery/attachments/attachment[@name='scope.txt']/@id")
aget "/admin/deliveries/$dlv_a/attachments/$file_a"
expect_status 200 "A: the admin downloads the buyer's file"
check "A: its bytes" cmp -s "$BODY" "$OUT/scope.txt"
get "/admin/deliveries/$dlv_a"
expect_status 401 "the admin pages want the admin's password"

before=$(snapshot "$dlv_a")
areq POST "/admin/deliveries/$dlv_a/note" --data "note=Checked+with+the+vendor."
expect_status 403 "A: a note without the CSRF token"
apost "/admin/deliveries/$dlv_a/note" "note=++"
expect_status 422 "A: a blank note"
expect_html "A: the page again with the error"
expect_body 'id="note-error"' "A: beside the note field"
check "A: nothing changed by the refused notes" test "$(snapshot "$dlv_a")" = "$before"
apost "/admin/deliveries/$dlv_a/note" "note=$(enc 'Called the vendor: 已联系服务商。')"
expect_status 303 "A: an admin's note"
check "A: back on the page with a notice" test "$(location)" = "/admin/deliveries/$dlv_a?notice=delivery_note_added"
check "A: a 'note' history row by the admin" \
  test "$(sql "SELECT CONCAT(h.actor, ' ', h.note) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv_a' AND h.type = 'note'")" = "admin Called the vendor: 已联系服务商。"
check "A: a delivery.note event" test "$(events_of "$dlv_a" delivery.note)" = 1
check "A: audited" test "$(audit_count "action = 'delivery.note' AND target_ref = '$dlv_a' AND admin_user = 'admin' AND after_text LIKE '%已联系服务商%'")" = 1
xget "/deliveries/$dlv_a" -b "$JAR"
expect_xpath "/page/delivery/history/entry[@type='note']/note" "Called the vendor: 已联系服务商。" "A: the buyer sees the admin's note"

# The admin decides: refusals first, then complete.
aget "/admin/deliveries/$dlv_a?notice=delivery_note_added"
expect_body '备注已添加' "A: the notice"
axget "/admin/deliveries/$dlv_a"
idem=$(xpath '/page/delivery/decide-form/@idem')
before=$(snapshot "$dlv_a")
areq POST "/admin/deliveries/$dlv_a/decide" --data "decision=complete&note=Done.&idem=$idem"
expect_status 403 "A: a decision without the CSRF token"
apost "/admin/deliveries/$dlv_a/decide" "decision=complete&note=+&idem=$idem"
expect_status 422 "A: a decision without a note"
expect_body 'id="decide-note-error"' "A: says the note is missing, beside it"
apost "/admin/deliveries/$dlv_a/decide" "decision=maybe&note=Hmm.&idem=$idem"
expect_status 400 "A: an unknown decision"
apost "/admin/deliveries/$dlv_a/decide" "decision=complete&note=Done."
expect_status 400 "A: a decision without its form key"
check "A: nothing changed by the refused decisions" test "$(snapshot "$dlv_a")" = "$before"
apost "/admin/deliveries/$dlv_a/decide" "decision=complete&note=$(enc 'The work was delivered by e-mail. 已交付。')&idem=$idem"
expect_status 303 "A: decided: complete"
check "A: back on the page with a notice" test "$(location)" = "/admin/deliveries/$dlv_a?notice=appeal_decided"
check "A: completed" test "$(state "$dlv_a")" = completed
check "A: no longer frozen" test "$(frozen "$dlv_a")" = 0
check "A: the appeal decided: complete" test "$(appeal_state "$dlv_a")" = "decided complete"
check "A: decided by the admin" \
  test "$(sql "SELECT CONCAT(a.decided_actor, ' ', a.decided_by) FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$dlv_a'")" = "admin admin"
check "A: the decision and the completion in the history, by the admin" \
  test "$(sql "SELECT GROUP_CONCAT(CONCAT(h.type, '/', h.actor) ORDER BY h.id) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv_a' AND h.id > (SELECT MAX(h2.id) FROM delivery_history h2 WHERE h2.delivery_id = d.id AND h2.type = 'note')")" = "appeal_decided/admin,completed/admin"
check "A: audited once, with the note as its reason" \
  test "$(audit_count "action = 'delivery.appeal_decide' AND target_ref = '$dlv_a' AND after_text LIKE '%decision: complete%' AND reason LIKE 'The work was delivered%'")" = 1
before=$(snapshot "$dlv_a")
apost "/admin/deliveries/$dlv_a/decide" "decision=refund&note=Twice.&idem=$idem"
expect_status 409 "A: deciding again"
expect_body '没有处理中的申诉' "A: says there is no open appeal"
check "A: the second decision changed nothing" test "$(snapshot "$dlv_a")" = "$before"
get "/deliveries/$dlv_a" -b "$JAR"
expect_body '平台判定交付完成' "A: the buyer's page shows the decision"
expect_body '已交付。' "A: and the admin's note"
expect_no_body '申诉处理中' "A: no longer in progress"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries/$dlv_a"
check "valid against its schema" valid_against deliveries
expect_xpath '/delivery/@accepted-by' admin "A: the vendor sees it completed by the platform"
expect_xpath '/delivery/appeal/@decision' complete "A: and the decision"
expect_xpath '/delivery/appeal/note' "The work was delivered by e-mail. 已交付。" "A: with the admin's note"

# A completed delivery cannot be appealed.
before=$(snapshot "$dlv_a")
bpost "/deliveries/$dlv_a/appeal" "reason=More."
expect_status 409 "A: appealing a completed delivery"
expect_body '已完成或已关闭' "A: says it is finished"
check "A: nothing changed" test "$(snapshot "$dlv_a")" = "$before"

# ---- B: three rejections; frozen while pending acceptance; continue ----
new_delivery
dlv_b=$DLV
mpost "/deliveries/$dlv_b/requirement" -F title=Scan -F description=Scan. -F contact=dora
vpost "/partner/v1/deliveries/$dlv_b/confirm" '<confirm version="1"/>'
for i in 1 2 3; do
  vpost "/partner/v1/deliveries/$dlv_b/submit" "<submit><note>Try $i.</note></submit>"
  bpost "/deliveries/$dlv_b/reject" "reason=Not+yet+$i."
  expect_status 303 "B: rejection $i"
done
xget "/deliveries/$dlv_b" -b "$JAR"
expect_xpath '/page/delivery/@can-appeal' rejections "B: three rejections allow an appeal"
vpost "/partner/v1/deliveries/$dlv_b/submit" '<submit><note>Try 4.</note></submit>'
check "B: pending acceptance" test "$(state "$dlv_b")" = pending_acceptance
bpost "/deliveries/$dlv_b/appeal" "reason=Three+times+wrong."
expect_status 303 "B: appealed after three rejections"
check "B: on the rejection ground" \
  test "$(sql "SELECT a.grounds FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id WHERE d.delivery_no = '$dlv_b'")" = rejections
before=$(snapshot "$dlv_b")
bpost "/deliveries/$dlv_b/accept" ""
expect_status 409 "B: the buyer cannot accept while frozen"
expect_body '正在申诉中' "B: says why"
bpost "/deliveries/$dlv_b/reject" "reason=Fourth."
expect_status 409 "B: nor reject"
check "B: nothing changed" test "$(snapshot "$dlv_b")" = "$before"
get "/deliveries/$dlv_b" -b "$JAR"
expect_no_body "action=\"/deliveries/$dlv_b/accept\"" "B: the page offers no acceptance while frozen"

# The scheduler does not accept a frozen delivery, however long it waits.
sql "UPDATE deliveries SET submitted_at = submitted_at - INTERVAL 40 DAY WHERE delivery_no = '$dlv_b'"
wait_sweep
wait_sweep
check "B: still pending acceptance after the period" test "$(state "$dlv_b")" = pending_acceptance
check "B: not accepted automatically" test "$(events_of "$dlv_b" delivery.completed)" = 0

axget "/admin/deliveries/$dlv_b"
idem=$(xpath '/page/delivery/decide-form/@idem')
apost "/admin/deliveries/$dlv_b/decide" "decision=continue&note=$(enc 'Please check the fourth version.')&idem=$idem"
expect_status 303 "B: decided: continue"
check "B: goes on where it was" test "$(state "$dlv_b")" = pending_acceptance
check "B: no longer frozen" test "$(frozen "$dlv_b")" = 0
check "B: the acceptance clock starts again" \
  test "$(sql "SELECT submitted_at > UTC_TIMESTAMP(6) - INTERVAL 1 HOUR FROM deliveries WHERE delivery_no = '$dlv_b'")" = 1
check "B: the appeal decided: continue" test "$(appeal_state "$dlv_b")" = "decided continue"
check "B: audited" test "$(audit_count "action = 'delivery.appeal_decide' AND target_ref = '$dlv_b' AND after_text LIKE '%decision: continue%'")" = 1
wait_sweep
check "B: the restarted clock is not over" test "$(state "$dlv_b")" = pending_acceptance
xget "/deliveries/$dlv_b" -b "$JAR"
expect_xpath '/page/delivery/appeals/appeal/@decision' continue "B: the buyer's page shows the decision"
expect_xpath '/page/delivery/appeals/appeal/note' "Please check the fourth version." "B: and the note"
accept_by=$(xpath '/page/delivery/@accept-by')
check "B: a whole acceptance period ahead ($accept_by)" test "${accept_by:0:10}" \> "$(date -d '+29 days' +%Y-%m-%d)"
expect_xpath "count(/page/delivery/@can-appeal)" 0 "B: the same three rejections do not allow another appeal"
get "/deliveries/$dlv_b" -b "$JAR"
expect_body '继续交付' "B: 继续交付"
expect_body "action=\"/deliveries/$dlv_b/accept\"" "B: acceptance offered again"
bpost "/deliveries/$dlv_b/accept" ""
expect_status 303 "B: accepted after the decision"
check "B: completed" test "$(state "$dlv_b")" = completed

# ---- C: idle before confirmation; refund ----
new_delivery
dlv_c=$DLV
order_c=$ORDER_NO
mpost "/deliveries/$dlv_c/requirement" -F title=Pentest -F description=Pentest. -F contact=dora
check "C: pending confirmation" test "$(state "$dlv_c")" = pending_confirmation
backdate "$dlv_c" 6
bpost "/deliveries/$dlv_c/appeal" "reason=Never+confirmed."
expect_status 303 "C: appealed while the vendor never confirmed"
before=$(snapshot "$dlv_c")
mpost "/deliveries/$dlv_c/requirement" -F title=Edited -F description=Edited. -F contact=dora
expect_status 409 "C: the buyer cannot edit the requirement while frozen"
get "/deliveries/$dlv_c/requirement" -b "$JAR"
check "C: the form sends back to the delivery" test "$(location)" = "/deliveries/$dlv_c?notice=not_while_appealed"
vpost "/partner/v1/deliveries/$dlv_c/confirm" '<confirm version="1"/>'
expect_status 409 "C: the vendor cannot confirm while frozen"
expect_xpath '/error/@code' appeal_open "C: code appeal_open"
check "C: nothing changed" test "$(snapshot "$dlv_c")" = "$before"

total_c=$(sql "SELECT total_cents FROM orders WHERE order_no = '$order_c'")
balance_before=$(balance)
axget "/admin/deliveries/$dlv_c"
idem=$(xpath '/page/delivery/decide-form/@idem')
apost "/admin/deliveries/$dlv_c/decide" "decision=refund&note=$(enc 'The vendor never answered. 全额退款。')&idem=$idem"
expect_status 303 "C: decided: refund"
check "C: the balance is back by the order's total" test "$(balance)" = "$((balance_before + total_c))"
check "C: the order refunded" test "$(sql "SELECT status FROM orders WHERE order_no = '$order_c'")" = refunded
check "C: the delivery closed" test "$(state "$dlv_c")" = closed
check "C: the instance ended" \
  test "$(sql "SELECT i.status FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$order_c'")" = expired
check "C: the appeal decided: refund, with its refund" \
  test "$(sql "SELECT CONCAT(a.status, ' ', a.decision, ' ', a.refund_no = r.refund_no) FROM delivery_appeals a JOIN deliveries d ON d.id = a.delivery_id JOIN refunds r ON r.refund_no = a.refund_no WHERE d.delivery_no = '$dlv_c'")" = "decided refund 1"
check "C: one refund row, by the admin" \
  test "$(sql "SELECT CONCAT(COUNT(*), ' ', MAX(r.actor), ' ', MAX(r.admin_user), ' ', SUM(r.amount_cents)) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$order_c'")" = "1 admin admin $total_c"
check "C: audited with the refund" \
  test "$(audit_count "action = 'delivery.appeal_decide' AND target_ref = '$dlv_c' AND after_text LIKE '%decision: refund%' AND after_text LIKE '%status: closed%' AND after_text LIKE '%refund: %'")" = 1
balance_after=$(balance)
before=$(snapshot "$dlv_c")
apost "/admin/deliveries/$dlv_c/decide" "decision=refund&note=Again.&idem=$idem"
expect_status 409 "C: the same decision sent again"
apost "/admin/deliveries/$dlv_c/decide" "decision=refund&note=Again.&idem=0123456789abcdef0123456789abcdef"
expect_status 409 "C: and with another key"
check "C: refunded once" test "$(balance)" = "$balance_after"
check "C: nothing changed by the repeats" test "$(snapshot "$dlv_c")" = "$before"
check "C: one refund in the ledger" \
  test "$(sql "SELECT COUNT(*) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE o.order_no = '$order_c' AND l.kind = 'refund'")" = 1
check "every balance equals its ledger" ledger_consistent
get "/deliveries/$dlv_c" -b "$JAR"
expect_html "C: the closed delivery's page"
expect_body '已关闭' "C: the buyer's page says closed"
expect_body '全额退款' "C: and the decision"
expect_body '全额退款。' "C: and the admin's note"
get "/deliveries/$dlv_c?lang=en" -b "$JAR"
expect_body 'Refunded in full' "C: in English too"
bpost "/deliveries/$dlv_c/appeal" "reason=Closed+now."
expect_status 409 "C: a closed delivery cannot be appealed"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries/$dlv_c"
check "valid against its schema" valid_against deliveries
expect_xpath '/delivery/@status' closed "C: the vendor sees it closed"
expect_xpath '/delivery/appeal/@decision' refund "C: by a refund"
preq "$vkey" "$vsecret" GET "/partner/v1/deliveries?status=closed&limit=200"
expect_status 200 "the vendor filters by the closed state"
expect_xpath "count(/deliveries/delivery[@no='$dlv_c'])" 1 "C: listed as closed"

# ---- the vendor's feed tells each story, in order ----
preq "$vkey" "$vsecret" GET "/partner/v1/events?after=$start_seq&limit=200"
check "events valid against their schema" valid_against events
story() { xmllint --xpath "/events/event[delivery/@no='$1']/@type" "$BODY" 2>/dev/null | grep -o 'delivery\.[a-z_]*' | paste -sd' '; }
got=$(story "$dlv_a")
check "A's events ($got)" test "$got" = "delivery.created delivery.requirement_submitted delivery.confirmed delivery.appealed delivery.progress delivery.note delivery.appeal_decided delivery.completed"
got=$(story "$dlv_b")
check "B's events end with the appeal, its decision and the acceptance ($got)" \
  grep -q 'delivery.rejected delivery.submitted delivery.appealed delivery.appeal_decided delivery.completed$' <<<"$got"
got=$(story "$dlv_c")
check "C's events ($got)" test "$got" = "delivery.created delivery.requirement_submitted delivery.appealed delivery.appeal_decided delivery.closed"
expect_xpath "/events/event[delivery/@no='$dlv_a'][@type='delivery.appealed']/detail" "idle: The vendor has not replied for a week. 一周没有回复。" "the appeal's ground and reason"
expect_xpath "/events/event[delivery/@no='$dlv_a'][@type='delivery.appealed']/@actor" buyer "appealed by the buyer"
expect_xpath "/events/event[delivery/@no='$dlv_a'][@type='delivery.appeal_decided']/detail" "complete: The work was delivered by e-mail. 已交付。" "the decision and its note"
expect_xpath "/events/event[delivery/@no='$dlv_a'][@type='delivery.appeal_decided']/@actor" admin "decided by the admin"
expect_xpath "/events/event[delivery/@no='$dlv_b'][@type='delivery.appeal_decided']/detail" "continue: Please check the fourth version." "B: continue"
expect_xpath "/events/event[delivery/@no='$dlv_c'][@type='delivery.appeal_decided']/detail" "refund: The vendor never answered. 全额退款。" "C: refund"
expect_xpath "/events/event[delivery/@no='$dlv_a'][@type='delivery.note']/detail" "Called the vendor: 已联系服务商。" "the admin's note"
expect_xpath "count(/events/event[order/@no='$order_c'][@type='order.refunded'])" 1 "C: the order refunded once"

# ---- the admin's list: filters and pages ----
aget /admin/deliveries
expect_status 200 "the admin's deliveries"
expect_html "the admin's deliveries"
axget "/admin/deliveries?no=$dlv_a"
expect_xpath "count(/page/deliveries/delivery)" 1 "by number: one"
expect_xpath "/page/deliveries/delivery/@buyer" "$dora_email" "with its buyer"
axget "/admin/deliveries?buyer=$(tr '[:lower:]' '[:upper:]' <<<"$dora_email")"
expect_xpath "count(/page/deliveries/delivery)" 3 "by buyer (in any case): dora's three"
axget "/admin/deliveries?buyer=$dora_email&status=closed"
expect_xpath "count(/page/deliveries/delivery)" 1 "closed: one"
expect_xpath "/page/deliveries/delivery/@no" "$dlv_c" "C"
axget "/admin/deliveries?buyer=$dora_email&vendor=greenhill-security&status=completed"
expect_xpath "count(/page/deliveries/delivery)" 2 "dora's completed with the vendor: A and B"
axget "/admin/deliveries?buyer=$dora_email&vendor=no-such-vendor"
expect_xpath "count(/page/deliveries/delivery)" 0 "another vendor: none"
axget "/admin/deliveries?status=maybe"
expect_status 400 "an unknown state"
axget "/admin/deliveries?appealed=yes"
expect_status 400 "appealed takes 1 only"

# An open appeal shows under "appealed", and only open ones do.
new_delivery
dlv_d=$DLV
order_d=$ORDER_NO
mpost "/deliveries/$dlv_d/requirement" -F title=D -F description=D. -F contact=dora
backdate "$dlv_d" 6
axget /admin/
expect_xpath "count(/page/dashboard/idle-deliveries/delivery[@no='$dlv_d'])" 1 "D: idle on the dashboard"
apost "/admin/deliveries/$dlv_d/note" "note=Reminded+the+vendor."
expect_status 303 "D: an admin's note"
axget /admin/
expect_xpath "count(/page/dashboard/idle-deliveries/delivery[@no='$dlv_d'])" 1 "D: an admin's note leaves it idle on the dashboard too"
xget "/deliveries/$dlv_d" -b "$JAR"
expect_xpath '/page/delivery/@can-appeal' idle "D: an admin's note is not the vendor's step: the appeal stays open to the buyer"
bpost "/deliveries/$dlv_d/appeal" "reason=Idle."
expect_status 303 "D: appealed"
axget "/admin/deliveries?appealed=1"
expect_xpath "count(/page/deliveries/delivery[@no='$dlv_d'])" 1 "open appeals: D"
expect_xpath "count(/page/deliveries/delivery[@appeal-open!='1'])" 0 "and only open ones"
aget "/admin/deliveries?appealed=1"
expect_body "$dlv_d" "the page lists it"
expect_body 'name="appealed" value="1" checked' "the filter stays ticked"
expect_no_body "$dlv_a" "a decided appeal is not listed there"

# Two admins decide D at once: one decision applies, the other is refused.
token=$(admin_csrf)
balance_before=$(balance)
total_d=$(sql "SELECT total_cents FROM orders WHERE order_no = '$order_d'")
for k in 1 2; do
  curl -sS -o /dev/null -w '%{http_code}\n' -u "$ADMIN_USER:$ADMIN_PASSWORD" -b "$ADMIN_JAR" \
    --data "csrf=$token&decision=refund&note=Both+at+once.&idem=$(openssl rand -hex 16)" \
    "$BASE/admin/deliveries/$dlv_d/decide" > "$OUT/race-$k" &
done
wait
check "D: one decision applied, one refused ($(cat "$OUT/race-1" "$OUT/race-2" | paste -sd' '))" \
  test "$(cat "$OUT/race-1" "$OUT/race-2" | sort | paste -sd' ')" = "303 409"
check "D: refunded once" test "$(balance)" = "$((balance_before + total_d))"
check "D: one decision in the history" test "$(sql "SELECT COUNT(*) FROM delivery_history h JOIN deliveries d ON d.id = h.delivery_id WHERE d.delivery_no = '$dlv_d' AND h.type = 'appeal_decided'")" = 1
check "D: audited once" test "$(audit_count "action = 'delivery.appeal_decide' AND target_ref = '$dlv_d'")" = 1

# Pages of 50, filters kept: another buyer with 53 deliveries.
as_buyer paula
paula_email=$EMAIL
topup 50000
new_delivery
dlv_p=$DLV
uid=$(user_id)
sql "INSERT INTO instances (instance_no, user_id, vendor_id, product_id, spec_id, order_id, delivery_mode, status, started_at, expires_at, created_at)
     SELECT CONCAT('ins-pg', LPAD(n.k, 4, '0'), SUBSTRING(i.instance_no, 9, 4)), i.user_id, i.vendor_id, i.product_id, i.spec_id, i.order_id, 'manual', 'active', i.started_at, NULL, i.created_at
     FROM instances i JOIN deliveries d ON d.instance_id = i.id
     JOIN (SELECT seq AS k FROM seq_1_to_52) n WHERE d.delivery_no = '$dlv_p'" 2>"$OUT/sql.err"
sql "INSERT INTO deliveries (delivery_no, instance_id, user_id, vendor_id, status, created_at)
     SELECT CONCAT('dlv-pg', SUBSTRING(i.instance_no, 7, 8)), i.id, i.user_id, i.vendor_id, 'completed', UTC_TIMESTAMP(6)
     FROM instances i WHERE i.user_id = $uid AND i.instance_no LIKE 'ins-pg%'" 2>>"$OUT/sql.err"
check "53 deliveries for the pages" test "$(sql "SELECT COUNT(*) FROM deliveries WHERE user_id = $uid")" = 53
axget "/admin/deliveries?buyer=$paula_email&vendor=greenhill-security"
expect_xpath "count(/page/deliveries/delivery)" 50 "the first page: 50"
expect_xpath "/page/deliveries/delivery[1]/@no" "$(sql "SELECT delivery_no FROM deliveries WHERE user_id = $uid ORDER BY id DESC LIMIT 1")" "newest first"
next=$(xpath '/page/deliveries/@next')
check "a next page" test -n "$next"
aget "/admin/deliveries?buyer=$paula_email&vendor=greenhill-security"
expect_body "after=$next" "the page links the next page"
expect_body "buyer=${paula_email/@/%40}&amp;vendor=greenhill-security&amp;after=$next" "with its filters"
axget "/admin/deliveries?buyer=$paula_email&vendor=greenhill-security&after=$next"
expect_xpath "count(/page/deliveries/delivery)" 3 "the second page: the other 3"
expect_xpath "/page/deliveries/delivery[last()]/@no" "$dlv_p" "ending with the oldest"
expect_xpath "count(/page/deliveries/@next)" 0 "and no further page"
prev=$(xpath '/page/deliveries/@prev')
axget "/admin/deliveries?buyer=$paula_email&vendor=greenhill-security&before=$prev"
expect_xpath "count(/page/deliveries/delivery)" 50 "back to the first page"
expect_xpath "count(/page/deliveries/delivery[@buyer!='$paula_email'])" 0 "still filtered"

# The console's pages are well-formed in both languages; the dashboard links here.
aget "/admin/deliveries/$dlv_c?lang=en"
expect_html "the admin's delivery page in English"
expect_body 'Refunded in full' "the decision in English"
aget "/admin/deliveries/$dlv_b?lang=zh-CN"
expect_body '继续交付' "B's decision on the admin's page"
aget "/admin/deliveries/dlv-zzzzzzzzzz"
expect_status 404 "a delivery that does not exist"
aget "/admin/deliveries/$dlv_a/attachments/999999999"
expect_status 404 "a file that is not this delivery's"

JAR=$dora_jar
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$vkey" >/dev/null
check "every balance equals its ledger" ledger_consistent

done_testing
